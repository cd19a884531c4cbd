import {
  beforeEach,
  describe,
  expect,
  it,
} from "../../../test/slack-app/bdd.ts";
import {
  type AppHarness,
  LINK_TRIGGER_URL,
} from "../../../test/slack-app/start-app-harness.ts";
import { ephemeralText as seen } from "../../../test/slack-app/ephemeral-text.ts";
import { submitView } from "../../../test/slack-app/submit-view.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import { startRecordingProxy } from "../../../test/slack-app/start-recording-proxy.ts";
import { IncidentActionWorkflow } from "../../workflows/incident-action-workflow.ts";
import type { DemoPersona } from "../../../test/simulators/pagerduty/seed-demo-account.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));
beforeEach(() => {
  h.pd.faults.clear();
});

/** A fresh incident on Checkout (its escalation policy pages Rui Responder first). */
function openIncident(title = "Checkout is down") {
  return h.pd.triggerIncident({ serviceId: h.demo.services.checkout, title });
}

/** Clicks a card button the way the bridge's workflow_button does. */
function click(
  persona: DemoPersona,
  incidentId: string,
  action: string,
  env: Record<string, string> = {},
) {
  const messageTs = h.postCard("incident card");
  return h.run(IncidentActionWorkflow, {
    userId: h.slackUsers[persona],
    messageTs,
    inputs: {
      incident_id: incidentId,
      action,
      user_id: "{{data.user_id}}",
      channel_id: "{{data.channel_id}}",
      message_ts: "{{data.message_ts}}",
      interactivity: "{{data.interactivity}}",
    },
    env,
  });
}

/** What the clicker saw: the ephemeral texts of this run. */

describe("acknowledge", () => {
  it("acknowledges as the linked user and answers in the card's thread", async () => {
    h.link("responder");
    const incident = openIncident();
    const run = await click("responder", incident.id, "acknowledge");
    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({ outcome: "done" });
    const after = h.pd.incident(incident.id);
    expect(after?.status).toBe("acknowledged");
    expect(after?.acknowledgements.map((a) => a.userId)).toEqual([
      h.demo.users.responder.id,
    ]);
    const messages = run.ephemeralMessages();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      user: h.slackUsers.responder,
      channel: h.channelId,
      threadTs: run.steps[0]?.inputs.message_ts,
    });
    expect(messages[0]?.text).toMatch(
      new RegExp(
        `^:white_check_mark: You acknowledged <[^|]+\\|#${incident.number} Checkout is down>\\.$`,
      ),
    );
  });

  it("answers by direct message when the app's bot cannot post where the card is", async () => {
    h.link("responder");
    // A private channel without the app's bot: its ephemeral messages there fail with channel_not_found.
    const hidden = h.slack.createChannel({
      name: "sev1-private",
      isPrivate: true,
      members: [h.slackUsers.responder],
    });
    const incident = openIncident();
    const run = await h.run(IncidentActionWorkflow, {
      userId: h.slackUsers.responder,
      channelId: hidden.id,
      messageTs: "1700000000.000100",
      inputs: {
        incident_id: incident.id,
        action: "acknowledge",
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
        message_ts: "{{data.message_ts}}",
        interactivity: "{{data.interactivity}}",
      },
    });
    expect(run.outputs["0"]).toEqual({ outcome: "done" });
    expect(seen(run)).toBe("");
    expect(h.directMessages(h.slackUsers.responder)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^:white_check_mark: You acknowledged <[^|]+\\|#${incident.number} Checkout is down>\\.$`,
        ),
      ),
    ]);
  });

  it("says who already acknowledged, without changing anything", async () => {
    h.link("responder");
    h.link("manager");
    const incident = openIncident();
    await click("responder", incident.id, "acknowledge");
    const run = await click("manager", incident.id, "acknowledge");
    expect(run.outputs["0"]).toEqual({ outcome: "already" });
    expect(seen(run)).toContain(
      `Incident #${incident.number} is already acknowledged by Rui Responder`,
    );
  });

  it("never reopens a resolved incident: it says who resolved it", async () => {
    h.link("responder");
    h.link("manager");
    const incident = openIncident();
    h.pd.updateIncident(
      incident.id,
      { status: "resolved" },
      h.demo.users.manager.id,
    );
    const run = await click("responder", incident.id, "acknowledge");
    expect(run.outputs["0"]).toEqual({ outcome: "already" });
    expect(h.pd.incident(incident.id)?.status).toBe("resolved");
    expect(seen(run)).toContain(
      `Incident #${incident.number} is already resolved by Maya Manager`,
    );
    const writes = h.pd.requests().filter((r) =>
      r.method === "PUT" && r.path === `/incidents/${incident.id}`
    );
    expect(writes).toEqual([]);
  });
});

describe("resolve", () => {
  it("asks for an optional resolution note, then resolves with it", async () => {
    h.link("responder");
    const incident = openIncident("Payments timing out");
    const run = await click("responder", incident.id, "resolve");
    expect(run.status).toBe("waiting");
    const [view] = run.openViews();
    expect(view?.view.callback_id).toBe("resolve_incident");
    const { run: after } = await submitView(run, {
      values: {
        resolution: {
          resolution_note: {
            type: "plain_text_input",
            value: "Rolled back the deploy",
          },
        },
      },
    });
    expect(after.status).toBe("completed");
    expect(after.outputs["0"]).toEqual({ outcome: "done" });
    expect(h.pd.incident(incident.id)?.status).toBe("resolved");
    expect(h.pd.notes(incident.id).map((n) => n.content)).toContain(
      "Rolled back the deploy",
    );
    expect(seen(after)).toContain(
      `You resolved <`,
    );
    expect(seen(after)).toContain("with the note: Rolled back the deploy");
  });

  it("leaves the incident alone when the note form is closed", async () => {
    h.link("responder");
    const incident = openIncident();
    const run = await click("responder", incident.id, "resolve");
    await run.closeView();
    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({ outcome: "cancelled" });
    expect(h.pd.incident(incident.id)?.status).toBe("triggered");
    expect(seen(run)).toBe("");
  });

  it("resolves without a note when the note is left empty", async () => {
    h.link("responder");
    const incident = openIncident();
    const run = await click("responder", incident.id, "resolve");
    const { run: after } = await submitView(run, {
      values: {
        resolution: {
          resolution_note: { type: "plain_text_input", value: null },
        },
      },
    });
    expect(after.outputs["0"]).toEqual({ outcome: "done" });
    expect(h.pd.incident(incident.id)?.status).toBe("resolved");
    expect(h.pd.notes(incident.id)).toEqual([]);
  });
});

describe("failures the user can cause", () => {
  it("leaves a user who never connected PagerDuty to Slack's connect prompt, then acts once they connect", async () => {
    const incident = openIncident();
    const run = await click("responder2", incident.id, "acknowledge");
    expect(run.status).toBe("waiting");
    expect(run.pendingAuthorization).toEqual({
      providerKey: "pagerduty",
      userId: h.slackUsers.responder2,
    });
    expect(seen(run)).toBe("");
    expect(h.pd.incident(incident.id)?.status).toBe("triggered");

    await run.connectExternalAuth({ token: h.demo.tokens.responder2 });
    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({ outcome: "done" });
    expect(h.pd.incident(incident.id)?.status).toBe("acknowledged");
  });

  it("prompts to link when Slack no longer has the token it handed over, and leaves the incident alone", async () => {
    h.link("responder");
    h.slack.injectFault({
      method: "apps.auth.external.get",
      kind: "error",
      error: "token_not_found",
    });
    const incident = openIncident();
    const run = await click("responder", incident.id, "acknowledge");
    expect(run.outputs["0"]).toEqual({ outcome: "failed" });
    expect(seen(run)).toContain("not linked to PagerDuty");
    expect(seen(run)).toContain(LINK_TRIGGER_URL);
    expect(h.pd.incident(incident.id)?.status).toBe("triggered");
  });

  it("prompts to link again when PagerDuty no longer accepts the token", async () => {
    h.link("responder", "revoked-or-expired-token");
    const incident = openIncident();
    const run = await click("responder", incident.id, "acknowledge");
    expect(seen(run)).toContain("not linked to PagerDuty");
    expect(h.pd.incident(incident.id)?.status).toBe("triggered");
    h.link("responder");
  });

  it("tells a stakeholder what their role cannot do", async () => {
    h.link("stakeholder");
    const incident = openIncident();
    const run = await click("stakeholder", incident.id, "acknowledge");
    expect(run.outputs["0"]).toEqual({ outcome: "failed" });
    expect(seen(run)).toContain(
      "PagerDuty does not let your role (Stakeholder) acknowledge this incident",
    );
    expect(seen(run)).toContain("Stakeholders can follow incidents");
    expect(h.pd.incident(incident.id)?.status).toBe("triggered");
  });

  it("tells an observer they can only act on incidents assigned to them", async () => {
    h.link("observer");
    const incident = openIncident();
    const run = await click("observer", incident.id, "resolve");
    const { run: after } = await submitView(run, { values: {} });
    expect(after.outputs["0"]).toEqual({ outcome: "failed" });
    expect(seen(after)).toContain("your role (Observer) resolve this incident");
    expect(seen(after)).toContain(
      "Observers can only act on incidents assigned",
    );
    expect(h.pd.incident(incident.id)?.status).toBe("triggered");
  });

  it("says the incident does not exist", async () => {
    h.link("responder");
    const run = await click("responder", "PNOSUCH1", "acknowledge");
    expect(seen(run)).toContain("PagerDuty has no such incident");
  });

  it("says PagerDuty is rate limiting and when to retry", async () => {
    h.link("responder");
    const incident = openIncident();
    h.pd.faults.rateLimitNext(1, { resetSeconds: 17 });
    const run = await click("responder", incident.id, "acknowledge");
    expect(seen(run)).toContain("PagerDuty is rate limiting your requests");
    expect(seen(run)).toContain("in 17 s");
    expect(h.pd.incident(incident.id)?.status).toBe("triggered");
  });

  it("says Slack is rate limiting when the token cannot be fetched yet", async () => {
    h.link("responder");
    const incident = openIncident();
    h.slack.injectFault({
      method: "apps.auth.external.get",
      kind: "ratelimited",
      retryAfter: 12,
      times: 1,
    });
    const run = await click("responder", incident.id, "acknowledge");
    h.slack.clearFaults();
    expect(seen(run)).toContain(
      "Slack is rate limiting this app. Try again in 12 s",
    );
    expect(h.pd.incident(incident.id)?.status).toBe("triggered");
  });

  it("still acknowledges when the bridge is unreachable, and says the card will catch up", async () => {
    h.link("responder");
    const incident = openIncident();
    const run = await click("responder", incident.id, "acknowledge", {
      BRIDGE_URL: "http://127.0.0.1:9",
    });
    expect(run.outputs["0"]).toEqual({ outcome: "done" });
    expect(h.pd.incident(incident.id)?.status).toBe("acknowledged");
    expect(seen(run)).toContain("bridge is unreachable");
    expect(seen(run)).toContain("The card will catch up");
  });

  it("explains an unknown button action instead of failing silently", async () => {
    h.link("responder");
    const incident = openIncident();
    const run = await click("responder", incident.id, "snooze");
    expect(run.outputs["0"]).toEqual({ outcome: "failed" });
    expect(seen(run)).toContain('asks for "snooze"');
  });
});

describe("card refresh", () => {
  it("asks the bridge to refresh the incident's cards after a change, and only then", async () => {
    const proxy = await startRecordingProxy(h.bridgeUrl);
    try {
      h.link("responder");
      const incident = openIncident();
      await click("responder", incident.id, "acknowledge", {
        BRIDGE_URL: proxy.url,
      });
      expect(proxy.requests).toEqual([
        `POST /api/v1/incidents/${incident.id}/refresh`,
      ]);
      await click("responder", incident.id, "acknowledge", {
        BRIDGE_URL: proxy.url,
      });
      expect(proxy.requests).toHaveLength(1); // "already acknowledged": nothing changed, nothing to refresh
    } finally {
      await proxy.close();
    }
  });
});
