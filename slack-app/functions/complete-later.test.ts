import {
  afterAll,
  beforeAll,
  describe,
  expect,
  it,
} from "../../test/slack-app/bdd.ts";
import type { AppHarness } from "../../test/slack-app/start-app-harness.ts";
import {
  type RecordingProxy,
  startRecordingProxy,
} from "../../test/slack-app/start-recording-proxy.ts";
import { ephemeralText as seen } from "../../test/slack-app/ephemeral-text.ts";
import { elementState } from "../../test/slack-app/element-state.ts";
import { useAppHarness } from "../../test/slack-app/use-app-harness.ts";
import { INTERACTION_BUDGET_MS } from "../../test/simulators/slack/run-workflow.ts";
import { IncidentActionWorkflow } from "../workflows/incident-action-workflow.ts";
import { TriggerIncidentWorkflow } from "../workflows/trigger-incident-workflow.ts";
import { WhoIsOnCallWorkflow } from "../workflows/who-is-on-call-workflow.ts";

/**
 * Slack waits about 10 s for a view submission handler; later, the modal shows "We had some trouble connecting.
 * Try again?" and the answer is dropped (the simulator's runner models it on Slack's clock). With PagerDuty
 * taking 11 s per write (or 5.5 s per read), a submission that waited for PagerDuty before answering would leave
 * the person looking at that error, tempted to submit again, while the incident was in fact triggered.
 */
const SLOW_WRITE_MS = INTERACTION_BUDGET_MS + 1_000;
/** Two reads (the service, then who is on call) already take longer than the budget. */
const SLOW_READ_MS = INTERACTION_BUDGET_MS / 2 + 500;

let h: AppHarness;
useAppHarness((started) => (h = started));

let slowPagerDuty: RecordingProxy;
/** PagerDuty turns slow once the form is open: the modal's opening is loading-modal.test.ts's subject. */
let slow = false;
beforeAll(async () => {
  slowPagerDuty = await startRecordingProxy(h.pd.url, (request) => {
    if (!slow) return;
    const write = !request.startsWith("GET ");
    h.slackClock.advance(write ? SLOW_WRITE_MS : SLOW_READ_MS);
  });
});
afterAll(async () => {
  await slowPagerDuty.close();
});

const env = () => ({ PAGERDUTY_API_URL: slowPagerDuty.url });
const clicked = {
  user_id: "{{data.user_id}}",
  channel_id: "{{data.channel_id}}",
  interactivity: "{{data.interactivity}}",
};

describe("submissions answer within Slack's budget when PagerDuty is slow", () => {
  it("trigger incident: the modal closes at once, the incident and its confirmation follow", async () => {
    h.link("responder");
    const run = await h.run(TriggerIncidentWorkflow, {
      userId: h.slackUsers.responder,
      inputs: clicked,
      env: env(),
    });
    const before = h.pd.incidents().length;
    slow = true;
    const submitted = await run.submitView({
      values: {
        title: { title: elementState.text("Slow PagerDuty") },
        service: { service: elementState.select(h.demo.services.checkout) },
        urgency: { urgency: elementState.select("high") },
      },
    });
    slow = false;
    expect(submitted.late).toBe(false);
    expect(run.openViews()).toEqual([]);
    const after = await run.whenFinished();
    expect(after.status).toBe("completed");
    expect(h.pd.incidents()).toHaveLength(before + 1);
    expect(after.outputs["0"]?.incident_id).toBeDefined();
    expect(seen(after)).toContain("You triggered <");
  });

  it("who is on call: the lookup's several reads do not keep the modal waiting", async () => {
    h.link("responder");
    const run = await h.run(WhoIsOnCallWorkflow, {
      userId: h.slackUsers.responder,
      inputs: clicked,
      env: env(),
    });
    slow = true;
    const submitted = await run.submitView({
      values: {
        subject: {
          subject_select: elementState.select(
            `service:${h.demo.services.checkout}`,
          ),
        },
      },
    });
    slow = false;
    expect(submitted.late).toBe(false);
    const after = await run.whenFinished();
    expect(after.outputs["0"]).toEqual({ answered: true });
    expect(seen(after)).toContain("Checkout");
  });

  it("resolve: the note form closes at once, the incident is resolved after", async () => {
    h.link("responder");
    const incident = h.pd.triggerIncident({
      serviceId: h.demo.services.checkout,
      title: "Slow resolve",
    });
    const run = await h.run(IncidentActionWorkflow, {
      userId: h.slackUsers.responder,
      messageTs: h.postCard("card"),
      inputs: {
        incident_id: incident.id,
        action: "resolve",
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
        message_ts: "{{data.message_ts}}",
        interactivity: "{{data.interactivity}}",
      },
      env: env(),
    });
    slow = true;
    const submitted = await run.submitView({
      values: {
        resolution: {
          resolution_note: { type: "plain_text_input", value: "slow" },
        },
      },
    });
    slow = false;
    expect(submitted.late).toBe(false);
    const after = await run.whenFinished();
    expect(after.outputs["0"]).toEqual({ outcome: "done" });
    expect(h.pd.incident(incident.id)?.status).toBe("resolved");
  });
});
