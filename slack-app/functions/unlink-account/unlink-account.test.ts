import { describe, expect, it } from "../../../test/slack-app/bdd.ts";
import { USER_LINKS_DATASTORE } from "../../../shared/datastore/user-link.ts";
import {
  APP_ID,
  type AppHarness,
} from "../../../test/slack-app/start-app-harness.ts";
import { ephemeralText as seen } from "../../../test/slack-app/ephemeral-text.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import { LinkAccountWorkflow } from "../../workflows/link-account-workflow.ts";
import { UnlinkAccountWorkflow } from "../../workflows/unlink-account-workflow.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));

const inputs = {
  user_id: "{{data.user_id}}",
  channel_id: "{{data.channel_id}}",
};
const links = () => h.slack.datastoreItems(APP_ID, USER_LINKS_DATASTORE);

describe("unlink", () => {
  it("deletes the stored token and the link record", async () => {
    const tokenId = h.link("responder");
    await h.run(LinkAccountWorkflow, {
      userId: h.slackUsers.responder,
      inputs,
    });
    expect(links().map((l) => l.slack_user_id)).toContain(
      h.slackUsers.responder,
    );
    const run = await h.run(UnlinkAccountWorkflow, {
      userId: h.slackUsers.responder,
      inputs,
    });
    expect(run.outputs["0"]).toEqual({ unlinked: true });
    expect(links().map((l) => l.slack_user_id)).not.toContain(
      h.slackUsers.responder,
    );
    expect(h.slack.workspace.externalTokens.has(tokenId)).toBe(false);
    expect(seen(run)).toContain("Your PagerDuty account is unlinked");
  });

  it("does not claim success when Slack refuses to delete the token", async () => {
    h.link("responder2");
    await h.run(LinkAccountWorkflow, {
      userId: h.slackUsers.responder2,
      inputs,
    });
    h.slack.injectFault({
      method: "apps.auth.external.delete",
      kind: "error",
      error: "fatal_error",
      times: 1,
    });
    const run = await h.run(UnlinkAccountWorkflow, {
      userId: h.slackUsers.responder2,
      inputs,
    });
    h.slack.clearFaults();
    expect(run.outputs["0"]).toEqual({ unlinked: false });
    expect(seen(run)).toContain("Nothing was unlinked");
    expect(links().map((l) => l.slack_user_id)).toContain(
      h.slackUsers.responder2,
    );
  });
});
