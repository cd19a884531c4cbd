// End to end through the harness: what a person sees when the token Slack holds for them lacks a PagerDuty
// scope, as opposed to a PagerDuty role that may not do something.
import { describe, expect, it } from "../../test/slack-app/bdd.ts";
import {
  type AppHarness,
  LINK_TRIGGER_URL,
} from "../../test/slack-app/start-app-harness.ts";
import { ephemeralText as seen } from "../../test/slack-app/ephemeral-text.ts";
import { modalText } from "../../test/slack-app/modal-text.ts";
import { useAppHarness } from "../../test/slack-app/use-app-harness.ts";
import type { WorkflowRun } from "../../test/simulators/slack/run-workflow.ts";
import type { DemoPersona } from "../../test/simulators/pagerduty/seed-demo-account.ts";
import { PAGERDUTY_OAUTH_SCOPES } from "../auth/pagerduty-oauth-provider.ts";
import { ConnectChannelWorkflow } from "../workflows/connect-channel-workflow.ts";
import { IncidentActionWorkflow } from "../workflows/incident-action-workflow.ts";
import { WhoIsOnCallWorkflow } from "../workflows/who-is-on-call-workflow.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));

const inputs = {
  user_id: "{{data.user_id}}",
  channel_id: "{{data.channel_id}}",
  interactivity: "{{data.interactivity}}",
};

/** Everything the person read: ephemeral messages and the open modal, wherever the app put its sentence. */
const everything = (run: WorkflowRun) =>
  `${seen(run)}\n${modalText(run)}\n${
    JSON.stringify(run.openViews().at(-1)?.view.blocks ?? [])
  }`;

/**
 * Links `persona` with a token PagerDuty issued when the pagerslack OAuth app was granted `granted`, for an
 * authorization asking for everything the app's provider requests.
 */
function linkThroughApp(persona: DemoPersona, granted: string[]): string {
  const client = h.pd.oauth.registerClient({
    name: "pagerslack",
    scopes: granted,
  });
  const answer = h.pd.oauth.authorize({
    clientId: client.clientId,
    userId: h.demo.users[persona].id,
    scopes: PAGERDUTY_OAUTH_SCOPES,
  });
  return h.link(persona, answer.access_token);
}

describe("PagerDuty OAuth scopes, as a person sees them", () => {
  it("an app not granted every scope it asks for: the admin is asked to add it, the role is not blamed", async () => {
    // The admin forgot teams.read when registering the app: PagerDuty then grants only `openid`.
    linkThroughApp(
      "manager",
      PAGERDUTY_OAUTH_SCOPES.filter((s) => s !== "teams.read"),
    );
    const run = await h.run(WhoIsOnCallWorkflow, {
      userId: h.slackUsers.manager,
      inputs,
    });
    const text = everything(run);
    expect(text).toMatch(
      /the pagerslack PagerDuty app lacks the `(services|escalation_policies)\.read` scope/,
    );
    expect(text).toContain("ask your PagerDuty admin to add it");
    expect(text).toContain(LINK_TRIGGER_URL);
    expect(text).not.toContain("does not let your role");
  });

  it("a role that may not act still hears about its role, not about scopes", async () => {
    h.link("stakeholder");
    const incident = h.pd.triggerIncident({
      serviceId: h.demo.services.checkout,
      title: "Scopes are fine, the role is not",
    });
    const run = await h.run(IncidentActionWorkflow, {
      userId: h.slackUsers.stakeholder,
      messageTs: h.postCard("Scopes are fine, the role is not"),
      inputs: {
        incident_id: incident.id,
        action: "acknowledge",
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
        message_ts: "{{data.message_ts}}",
        interactivity: "{{data.interactivity}}",
      },
    });
    const text = everything(run);
    expect(text).toContain("does not let your role");
    expect(text).not.toContain("lacks the");
  });

  it("a token without teams.read: Connect offers services and says why teams are missing", async () => {
    // Linked before pagerslack asked for teams.read (or by an app granted less): services work, teams do not.
    const token = h.pd.seed.userToken({
      userId: h.demo.users.admin.id,
      scopes: PAGERDUTY_OAUTH_SCOPES.filter((s) => s !== "teams.read"),
    });
    h.link("admin", token.token);
    const run = await h.run(ConnectChannelWorkflow, {
      userId: h.slackUsers.admin,
      inputs,
    });
    const text = everything(run);
    expect(text).toContain(
      "the pagerslack PagerDuty app lacks the `teams.read` scope",
    );
    expect(run.openViews().length).toBeGreaterThan(0);
  });
});

describe("writes as the user carry From", () => {
  it("acknowledging from a card sends the linked user's email in From, which PagerDuty's spec requires", async () => {
    h.link("responder");
    const incident = h.pd.triggerIncident({
      serviceId: h.demo.services.checkout,
      title: "From header",
    });
    h.pd.clearRequests();
    const run = await h.run(IncidentActionWorkflow, {
      userId: h.slackUsers.responder,
      messageTs: h.postCard("From header"),
      inputs: {
        incident_id: incident.id,
        action: "acknowledge",
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
        message_ts: "{{data.message_ts}}",
        interactivity: "{{data.interactivity}}",
      },
    });
    expect(everything(run)).not.toContain("Could not");
    const writes = h.pd.requests().filter((r) =>
      r.method === "PUT" && r.path === `/incidents/${incident.id}`
    );
    expect(writes).toHaveLength(1);
    expect(writes[0]?.headers.from).toBe(h.demo.users.responder.email);
    expect(writes[0]?.status).toBe(200);
    expect(h.pd.state.incidents.get(incident.id)?.status).toBe("acknowledged");
  });
});

describe("region settings in the functions", () => {
  it("a deploy whose API URL is another region's: the person is told the app is misconfigured", async () => {
    h.link("manager");
    h.pd.clearRequests();
    const run = await h.run(WhoIsOnCallWorkflow, {
      userId: h.slackUsers.manager,
      inputs,
      env: {
        PAGERDUTY_REGION: "us",
        PAGERDUTY_API_URL: "https://api.eu.pagerduty.com",
      },
    });
    expect(everything(run)).toContain(
      "pagerslack is misconfigured, so it cannot reach PagerDuty: PAGERDUTY_API_URL=https://api.eu.pagerduty.com is PagerDuty's EU API",
    );
    expect(h.pd.requests()).toEqual([]);
  });
});
