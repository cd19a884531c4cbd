import { describe, expect, it } from "../../../test/slack-app/bdd.ts";
import { USER_LINKS_DATASTORE } from "../../../shared/datastore/user-link.ts";
import {
  APP_ID,
  type AppHarness,
  BRIDGE_API_TOKEN,
  LINK_TRIGGER_URL,
} from "../../../test/slack-app/start-app-harness.ts";
import { ephemeralText as seen } from "../../../test/slack-app/ephemeral-text.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import { LinkAccountWorkflow } from "../../workflows/link-account-workflow.ts";
import { MyNotificationsWorkflow } from "../../workflows/my-notifications-workflow.ts";
import myNotificationsTrigger from "../../triggers/my-notifications-trigger.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));

const inputs = {
  user_id: "{{data.user_id}}",
  channel_id: "{{data.channel_id}}",
};
const links = () => h.slack.datastoreItems(APP_ID, USER_LINKS_DATASTORE);

/** The bridge API as the hosted app (and its Set up pagerslack) calls it. */
const bridgePut = (path: string, body: unknown) =>
  fetch(`${h.bridgeUrl}${path}`, {
    method: "PUT",
    headers: {
      Authorization: `Bearer ${BRIDGE_API_TOKEN}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({
      team_id: h.slack.workspace.teamId,
      ...body as object,
    }),
  }).then((r) => r.json());

/** `slack trigger create` for My notifications, and Set up pagerslack telling the bridge its URL. */
async function registerMyNotifications(): Promise<string> {
  const { url } = h.slack.registerLinkTrigger({
    trigger: myNotificationsTrigger,
    workflow: MyNotificationsWorkflow,
  });
  await bridgePut("/api/v1/workflow-triggers", {
    triggers: [{ name: "my_notifications", url }],
  });
  return url;
}

describe("link", () => {
  it("records who the PagerDuty token belongs to and confirms it", async () => {
    h.link("manager");
    const run = await h.run(LinkAccountWorkflow, {
      userId: h.slackUsers.manager,
      inputs,
    });
    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({
      linked: true,
      pagerduty_user_id: h.demo.users.manager.id,
    });
    expect(links()).toContainEqual({
      slack_user_id: h.slackUsers.manager,
      pagerduty_user_id: h.demo.users.manager.id,
      pagerduty_email: "maya@example.com",
      linked_at: expect.any(Number),
    });
    expect(seen(run)).toContain(
      "Linked to PagerDuty as *Maya Manager* (maya@example.com)",
    );
  });

  it("offers incident DMs with a button into My notifications, while they are off", async () => {
    const MY_NOTIFICATIONS_URL = await registerMyNotifications();
    h.link("responder");
    const run = await h.run(LinkAccountWorkflow, {
      userId: h.slackUsers.responder,
      inputs,
    });
    expect(run.status).toBe("completed");
    const [message] = run.ephemeralMessages();
    expect(message?.text).toContain("Linked to PagerDuty as");
    expect(message?.text).toContain(
      `<${MY_NOTIFICATIONS_URL}|turn on incident DMs>`,
    );
    // The button starts the app's own link trigger, so it keeps working after the link function completed.
    expect(JSON.stringify(message?.blocks)).toContain(
      `"type":"workflow_button","action_id":"offer_incident_dms","text":{"type":"plain_text","text":"Turn on incident DMs"},"style":"primary","workflow":{"trigger":{"url":"${MY_NOTIFICATIONS_URL}"}}`,
    );
  });

  it("keeps the words when Slack refuses the button (a trigger deleted since setup)", async () => {
    const stale = "https://slack.com/shortcuts/Ft0DELETED/gone";
    await bridgePut("/api/v1/workflow-triggers", {
      triggers: [{ name: "my_notifications", url: stale }],
    });
    h.link("manager");
    const run = await h.run(LinkAccountWorkflow, {
      userId: h.slackUsers.manager,
      inputs,
    });
    const [message] = run.ephemeralMessages();
    expect(message?.text).toContain("Linked to PagerDuty as *Maya Manager*");
    expect(message?.text).toContain(`<${stale}|turn on incident DMs>`);
    expect(message?.blocks).toBeUndefined();
  });

  it("says incident DMs are on instead of offering them again when relinking, and they follow the new account", async () => {
    // DMs were turned on while linked to another PagerDuty account (the owner's).
    await bridgePut(
      `/api/v1/notification-preferences/${h.slackUsers.responder2}`,
      {
        pagerduty_user_id: h.demo.users.owner.id,
        incident_dms: "high_urgency",
      },
    );
    h.link("responder2");
    const run = await h.run(LinkAccountWorkflow, {
      userId: h.slackUsers.responder2,
      inputs,
    });
    expect(seen(run)).toContain(
      "Incident DMs are on (high-urgency incidents only)",
    );
    expect(JSON.stringify(run.ephemeralMessages()[0]?.blocks ?? []))
      .not.toContain("workflow_button");
    const stored = await fetch(
      `${h.bridgeUrl}/api/v1/notification-preferences/${h.slackUsers.responder2}?team_id=${h.slack.workspace.teamId}`,
      { headers: { Authorization: `Bearer ${BRIDGE_API_TOKEN}` } },
    ).then((r) => r.json());
    expect(stored).toMatchObject({
      pagerduty_user_id: h.demo.users.responder2.id,
      incident_dms: "high_urgency",
    });
  });

  it("tells the user to link again when PagerDuty rejects the token, and records nothing", async () => {
    h.link("observer", "token-pagerduty-never-issued");
    const run = await h.run(LinkAccountWorkflow, {
      userId: h.slackUsers.observer,
      inputs,
    });
    expect(run.outputs["0"]).toEqual({ linked: false });
    expect(seen(run)).toContain(LINK_TRIGGER_URL);
    expect(links().map((l) => l.slack_user_id)).not.toContain(
      h.slackUsers.observer,
    );
  });

  it("links a stakeholder too: reading their own profile is allowed to every role", async () => {
    h.link("stakeholder");
    const run = await h.run(LinkAccountWorkflow, {
      userId: h.slackUsers.stakeholder,
      inputs,
    });
    expect(run.outputs["0"]).toMatchObject({ linked: true });
  });
});
