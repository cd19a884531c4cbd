import { describe, expect, it } from "../../../test/slack-app/bdd.ts";
import {
  type AppHarness,
  BRIDGE_API_TOKEN,
  LINK_TRIGGER_URL,
} from "../../../test/slack-app/start-app-harness.ts";
import { ephemeralText as seen } from "../../../test/slack-app/ephemeral-text.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import { LinkAccountWorkflow } from "../../workflows/link-account-workflow.ts";
import { MyNotificationsWorkflow } from "../../workflows/my-notifications-workflow.ts";
import { UnlinkAccountWorkflow } from "../../workflows/unlink-account-workflow.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));

const inputs = {
  user_id: "{{data.user_id}}",
  channel_id: "{{data.channel_id}}",
  interactivity: "{{data.interactivity}}",
};

/** What the bridge (a real process in the harness) keeps for the person. */
async function stored(userId: string) {
  const response = await fetch(
    `${h.bridgeUrl}/api/v1/notification-preferences/${userId}?team_id=${h.slack.workspace.teamId}`,
    { headers: { Authorization: `Bearer ${BRIDGE_API_TOKEN}` } },
  );
  return await response.json();
}

const choose = (userId: string, incident_dms: string) =>
  h.run(MyNotificationsWorkflow, {
    userId,
    inputs,
    formAnswers: [{ incident_dms }],
  });

describe("my notifications", () => {
  it("stores the choice in the bridge with the person's linked PagerDuty user, and says what it means", async () => {
    h.link("manager");
    const linked = await h.run(LinkAccountWorkflow, {
      userId: h.slackUsers.manager,
      inputs: {
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
      },
    });
    expect(linked.status).toBe("completed");
    // Off until chosen.
    expect(await stored(h.slackUsers.manager)).toMatchObject({
      incident_dms: "off",
    });

    const run = await choose(h.slackUsers.manager, "high_urgency");
    expect(run.status).toBe("completed");
    expect(await stored(h.slackUsers.manager)).toMatchObject({
      team_id: h.slack.workspace.teamId,
      pagerduty_user_id: h.demo.users.manager.id,
      incident_dms: "high_urgency",
    });
    expect(seen(run)).toContain("High-urgency incidents only");

    const off = await choose(h.slackUsers.manager, "off");
    expect(off.status).toBe("completed");
    expect(await stored(h.slackUsers.manager)).toMatchObject({
      incident_dms: "off",
    });
    expect(seen(off)).toContain("Incident DMs are off");
  });

  it("asks an unlinked person to link first, and stores nothing", async () => {
    const run = await choose(h.slackUsers.observer, "all");
    expect(run.status).toBe("completed");
    expect(seen(run)).toContain(LINK_TRIGGER_URL);
    expect(await stored(h.slackUsers.observer)).toMatchObject({
      incident_dms: "off",
      pagerduty_user_id: null,
    });
  });

  it("unlinking turns incident DMs off: they follow the linked PagerDuty account", async () => {
    h.link("responder");
    const linkInputs = {
      user_id: "{{data.user_id}}",
      channel_id: "{{data.channel_id}}",
    };
    await h.run(LinkAccountWorkflow, {
      userId: h.slackUsers.responder,
      inputs: linkInputs,
    });
    await choose(h.slackUsers.responder, "all");
    expect(await stored(h.slackUsers.responder)).toMatchObject({
      incident_dms: "all",
    });
    const unlinked = await h.run(UnlinkAccountWorkflow, {
      userId: h.slackUsers.responder,
      inputs: linkInputs,
    });
    expect(unlinked.status).toBe("completed");
    expect(await stored(h.slackUsers.responder)).toMatchObject({
      incident_dms: "off",
      pagerduty_user_id: null,
    });
  });
});
