import { beforeEach, describe, expect, it } from "../../test/slack-app/bdd.ts";
import {
  type AppHarness,
  LINK_TRIGGER_URL,
} from "../../test/slack-app/start-app-harness.ts";
import { ephemeralText as seen } from "../../test/slack-app/ephemeral-text.ts";
import { useAppHarness } from "../../test/slack-app/use-app-harness.ts";
import { IncidentActionWorkflow } from "../workflows/incident-action-workflow.ts";

// Token lifetimes end to end: PagerDuty's Scoped OAuth access tokens live a day and refresh tokens 30 days
// (https://developer.pagerduty.com/docs/oauth-functionality); Slack's external auth refreshes them through
// PagerDuty's token endpoint, and the app asks for one forced refresh after a 401.

const DAY = 24 * 60 * 60 * 1000;

let h: AppHarness;
useAppHarness((started) => (h = started));

let getCallsBefore = 0;
beforeEach(() => {
  h.pd.clearRequests();
  getCallsBefore = h.slack.calls({ method: "apps.auth.external.get" }).length;
});

/** Time passes for Slack and PagerDuty alike. */
function wait(ms: number) {
  h.slackClock.advance(ms);
  h.pagerDutyClock.advance(ms);
}

/** This test's `apps.auth.external.get` calls: whether each forced a refresh, and Slack's answer. */
function tokenGets() {
  return h.slack.calls({ method: "apps.auth.external.get" })
    .slice(getCallsBefore)
    .map((c) => ({
      force: c.args.force_refresh === true || c.args.force_refresh === "true",
      ok: (c.result as { ok: boolean }).ok,
    }));
}

/** Statuses PagerDuty's token endpoint answered (Slack's refresh attempts). */
function refreshAttempts() {
  return h.pd.requests().filter((r) => r.path === "/oauth/token").map((r) =>
    r.status
  );
}

function acknowledge(incidentId: string) {
  return h.run(IncidentActionWorkflow, {
    userId: h.slackUsers.responder,
    messageTs: h.postCard("incident card"),
    inputs: {
      incident_id: incidentId,
      action: "acknowledge",
      user_id: "{{data.user_id}}",
      channel_id: "{{data.channel_id}}",
      message_ts: "{{data.message_ts}}",
      interactivity: "{{data.interactivity}}",
    },
  });
}

function openIncident() {
  return h.pd.triggerIncident({
    serviceId: h.demo.services.checkout,
    title: "Checkout is down",
  });
}

describe("PagerDuty token lifetimes", () => {
  it("acknowledges with a day-old token: Slack refreshes it before handing it over", async () => {
    h.linkWithOAuth("responder");
    wait(DAY + 60_000);
    const incident = openIncident();
    const run = await acknowledge(incident.id);
    expect(run.outputs["0"]).toEqual({ outcome: "done" });
    expect(h.pd.incident(incident.id)?.status).toBe("acknowledged");
    expect(tokenGets()).toEqual([{ force: false, ok: true }]);
    expect(refreshAttempts()).toEqual([200]);
    expect(h.pd.requests().filter((r) => r.status === 401)).toHaveLength(0);
  });

  it("after PagerDuty's 401 on a token Slack holds as valid, acknowledges once Slack refreshed it (force_refresh)", async () => {
    h.linkWithOAuth("responder", { slackKnowsExpiry: false });
    wait(DAY + 60_000);
    const incident = openIncident();
    const run = await acknowledge(incident.id);
    expect(run.outputs["0"]).toEqual({ outcome: "done" });
    expect(h.pd.incident(incident.id)?.acknowledgements.map((a) => a.userId))
      .toEqual([h.demo.users.responder.id]);
    expect(tokenGets()).toEqual([
      { force: false, ok: true },
      { force: true, ok: true },
    ]);
    expect(refreshAttempts()).toEqual([200]);
    const rest = h.pd.requests().filter((r) => r.path !== "/oauth/token");
    expect(rest.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it("shows the link prompt after exactly one refresh attempt when the refresh token is 30 days old", async () => {
    h.linkWithOAuth("responder", { slackKnowsExpiry: false });
    wait(31 * DAY);
    const incident = openIncident();
    const run = await acknowledge(incident.id);
    expect(run.outputs["0"]).toEqual({ outcome: "failed" });
    expect(seen(run)).toContain("not linked to PagerDuty");
    expect(seen(run)).toContain(LINK_TRIGGER_URL);
    expect(h.pd.incident(incident.id)?.status).toBe("triggered");
    expect(tokenGets()).toEqual([
      { force: false, ok: true },
      { force: true, ok: false },
    ]);
    expect(refreshAttempts()).toEqual([400]);
    const rest = h.pd.requests().filter((r) => r.path !== "/oauth/token");
    expect(rest.map((r) => r.status)).toEqual([401]);
  });

  it("shows the link prompt without calling PagerDuty when Slack already knows the refresh token is dead", async () => {
    h.linkWithOAuth("responder");
    wait(31 * DAY);
    const incident = openIncident();
    const run = await acknowledge(incident.id);
    expect(run.outputs["0"]).toEqual({ outcome: "failed" });
    expect(seen(run)).toContain("not linked to PagerDuty");
    expect(tokenGets()).toEqual([{ force: false, ok: false }]);
    expect(refreshAttempts()).toEqual([400]);
    expect(h.pd.requests().filter((r) => r.path !== "/oauth/token"))
      .toHaveLength(0);
  });
});
