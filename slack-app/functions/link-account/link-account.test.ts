import { describe, expect, it } from "../../../test/slack-app/bdd.ts";
import { USER_LINKS_DATASTORE } from "../../../shared/datastore/user-link.ts";
import {
  APP_ID,
  type AppHarness,
  LINK_TRIGGER_URL,
} from "../../../test/slack-app/start-app-harness.ts";
import { ephemeralText as seen } from "../../../test/slack-app/ephemeral-text.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import { LinkAccountWorkflow } from "../../workflows/link-account-workflow.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));

const inputs = {
  user_id: "{{data.user_id}}",
  channel_id: "{{data.channel_id}}",
};
const links = () => h.slack.datastoreItems(APP_ID, USER_LINKS_DATASTORE);

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
