import {
  afterAll,
  beforeAll,
  describe,
  expect,
  it,
} from "../../test/slack-app/bdd.ts";
import {
  type AppHarness,
  LINK_TRIGGER_URL,
} from "../../test/slack-app/start-app-harness.ts";
import {
  type RecordingProxy,
  startRecordingProxy,
} from "../../test/slack-app/start-recording-proxy.ts";
import { ephemeralText as seen } from "../../test/slack-app/ephemeral-text.ts";
import { modalText } from "../../test/slack-app/modal-text.ts";
import { useAppHarness } from "../../test/slack-app/use-app-harness.ts";
import type { DemoPersona } from "../../test/simulators/pagerduty/seed-demo-account.ts";
import type { WorkflowLike } from "../../test/simulators/slack/run-workflow.ts";
import { ConnectChannelWorkflow } from "../workflows/connect-channel-workflow.ts";
import { IncidentActionWorkflow } from "../workflows/incident-action-workflow.ts";
import { TriggerIncidentWorkflow } from "../workflows/trigger-incident-workflow.ts";
import { WhoIsOnCallWorkflow } from "../workflows/who-is-on-call-workflow.ts";

/**
 * Every modal opens at once, even when PagerDuty is slow: Slack's interactivity pointer lives 3 s after the
 * click (the simulator refuses it later with `expired_trigger_id`), and each PagerDuty request below takes 3.5 s
 * on Slack's clock. A function that waited for PagerDuty before `views.open` would show the person nothing.
 */
const PAGERDUTY_LATENCY_MS = 3_500;

let h: AppHarness;
useAppHarness((started) => (h = started));

let slowPagerDuty: RecordingProxy;
beforeAll(async () => {
  slowPagerDuty = await startRecordingProxy(
    h.pd.url,
    () => h.slackClock.advance(PAGERDUTY_LATENCY_MS),
  );
});
afterAll(async () => {
  await slowPagerDuty.close();
});

const clicked = {
  user_id: "{{data.user_id}}",
  channel_id: "{{data.channel_id}}",
  interactivity: "{{data.interactivity}}",
};

function run(
  persona: DemoPersona,
  workflow: WorkflowLike,
  inputs: Record<string, unknown> = clicked,
  messageTs?: string,
) {
  h.link(persona);
  return h.run(workflow, {
    userId: h.slackUsers[persona],
    inputs,
    ...(messageTs ? { messageTs } : {}),
    env: { PAGERDUTY_API_URL: slowPagerDuty.url },
  });
}

function moreActions(persona: DemoPersona, incidentId: string) {
  return run(persona, IncidentActionWorkflow, {
    incident_id: incidentId,
    action: "more",
    user_id: "{{data.user_id}}",
    channel_id: "{{data.channel_id}}",
    message_ts: "{{data.message_ts}}",
    interactivity: "{{data.interactivity}}",
  }, h.postCard("card"));
}

const title = (r: { openViews(): { view: Record<string, unknown> }[] }) =>
  (r.openViews().at(-1)?.view.title as { text?: string } | undefined)?.text;
const callbackId = (r: { openViews(): { view: Record<string, unknown> }[] }) =>
  r.openViews().at(-1)?.view.callback_id;

describe("modals open before PagerDuty answers", () => {
  it("trigger incident: the form, filled with PagerDuty's services", async () => {
    const before = slowPagerDuty.requests.length;
    const r = await run("responder", TriggerIncidentWorkflow);
    // Services and priorities: at least 7 s on Slack's clock, well past the pointer's 3 s.
    expect(slowPagerDuty.requests.length - before).toBeGreaterThan(1);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("waiting");
    expect(title(r)).toBe("Trigger an incident");
    expect(JSON.stringify(r.openViews().at(-1)?.view.blocks)).toContain(
      h.demo.services.checkout,
    );
  });

  it("who is on call: the form, filled with services and policies", async () => {
    const r = await run("responder", WhoIsOnCallWorkflow);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("waiting");
    expect(title(r)).toBe("Who is on call");
    expect(JSON.stringify(r.openViews().at(-1)?.view.blocks)).toContain(
      h.demo.escalationPolicies.platform,
    );
  });

  it("connect channel: the channel's connections", async () => {
    const r = await run("manager", ConnectChannelWorkflow);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("waiting");
    expect(title(r)).toBe("Channel connections");
    expect(callbackId(r)).toBe("connections_list");
  });

  it("more actions: the incident's details and the menu", async () => {
    const incident = h.pd.triggerIncident({
      serviceId: h.demo.services.checkout,
      title: "Checkout is slow",
    });
    const r = await moreActions("responder", incident.id);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("waiting");
    expect(title(r)).toBe(`Incident #${incident.number}`);
    expect(modalText(r)).toContain("Checkout is slow");
  });

  it("shows PagerDuty's refusal in the modal that opened, and in the card's thread", async () => {
    const r = await moreActions("responder", "PGONE404");
    expect(r.outputs["0"]).toEqual({ outcome: "failed" });
    expect(title(r)).toBe("Incident actions");
    expect(modalText(r)).toContain("PagerDuty has no such incident");
    // Nothing left to submit: the explanation only closes.
    expect(r.openViews().at(-1)?.view.submit).toBeUndefined();
    expect(seen(r)).toContain("PagerDuty has no such incident");
  });

  it("trigger incident: says why in the modal when Slack refuses the form, instead of loading forever", async () => {
    h.slack.injectFault({
      method: "views.update",
      kind: "error",
      error: "view_too_large",
    });
    const r = await run("responder", TriggerIncidentWorkflow);
    expect(r.error).toContain("Could not show the form (view_too_large)");
    expect(title(r)).toBe("Trigger an incident");
    expect(modalText(r)).toContain("Slack would not show the form");
    expect(modalText(r)).not.toContain("Loading");
  });

  it("more actions: says why in the modal when Slack refuses the menu", async () => {
    const incident = h.pd.triggerIncident({
      serviceId: h.demo.services.checkout,
      title: "Menu refused",
    });
    h.slack.injectFault({
      method: "views.update",
      kind: "error",
      error: "view_too_large",
    });
    const r = await moreActions("responder", incident.id);
    expect(r.outputs["0"]).toEqual({ outcome: "failed" });
    expect(modalText(r)).toContain("Slack would not show the form");
    expect(modalText(r)).not.toContain("Loading");
  });

  it("resolve: the note form says why when Slack no longer has the user's PagerDuty token", async () => {
    const incident = h.pd.triggerIncident({
      serviceId: h.demo.services.checkout,
      title: "Unlinked resolve",
    });
    h.slack.injectFault({
      method: "apps.auth.external.get",
      kind: "error",
      error: "token_not_found",
    });
    const r = await run("responder", IncidentActionWorkflow, {
      incident_id: incident.id,
      action: "resolve",
      user_id: "{{data.user_id}}",
      channel_id: "{{data.channel_id}}",
      message_ts: "{{data.message_ts}}",
      interactivity: "{{data.interactivity}}",
    }, h.postCard("card"));
    expect(r.outputs["0"]).toEqual({ outcome: "failed" });
    expect(title(r)).toBe("Resolve incident");
    expect(modalText(r)).toContain(LINK_TRIGGER_URL);
    expect(r.openViews().at(-1)?.view.submit).toBeUndefined();
    expect(seen(r)).toContain(LINK_TRIGGER_URL);
    expect(h.pd.incident(incident.id)?.status).toBe("triggered");
  });
});
