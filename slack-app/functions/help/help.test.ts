import { describe, expect, it } from "../../../test/slack-app/bdd.ts";
import { ENTRY_POINTS } from "../../config/entry-points.ts";
import {
  type AppHarness,
  BRIDGE_API_TOKEN,
} from "../../../test/slack-app/start-app-harness.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import { HelpWorkflow } from "../../workflows/help-workflow.ts";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

let h: AppHarness;
useAppHarness((started) => (h = started));

const root = fileURLToPath(new URL("../../../", import.meta.url));

describe("help", () => {
  it("lists every entry point, linking those whose trigger URL is configured", async () => {
    const run = await h.run(HelpWorkflow, {
      userId: h.slackUsers.observer,
      inputs: {
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
      },
      env: {
        TRIGGER_INCIDENT_TRIGGER_URL: "https://slack.com/shortcuts/Ft01/t",
        ONCALL_TRIGGER_URL: "https://slack.com/shortcuts/Ft02/o",
      },
    });
    expect(run.status).toBe("completed");
    const [message] = run.ephemeralMessages();
    expect(message?.user).toBe(h.slackUsers.observer);
    for (const entry of ENTRY_POINTS) {
      expect(message?.text).toContain(`(\`${entry.command}\`)`);
    }
    expect(message?.text).toContain(
      "<https://slack.com/shortcuts/Ft01/t|Trigger an incident>",
    );
    expect(message?.text).toContain(
      "<https://slack.com/shortcuts/Ft02/o|Who is on call>",
    );
    // The link trigger URL comes from the harness env (LINK_TRIGGER_URL); the others are named as missing.
    expect(message?.text).toContain("CONNECT_TRIGGER_URL");
    expect(message?.text).not.toContain("ONCALL_TRIGGER_URL,");
  });

  it("links My notifications with the URL setup registered with the bridge (no env variable)", async () => {
    const url = "https://slack.com/shortcuts/Ft0NOTIFY/n";
    const put = await fetch(`${h.bridgeUrl}/api/v1/workflow-triggers`, {
      method: "PUT",
      headers: {
        Authorization: `Bearer ${BRIDGE_API_TOKEN}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        team_id: h.slack.workspace.teamId,
        triggers: [{ name: "my_notifications", url }],
      }),
    });
    expect(put.status).toBe(200);
    const run = await h.run(HelpWorkflow, {
      userId: h.slackUsers.responder,
      inputs: {
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
      },
    });
    const [message] = run.ephemeralMessages();
    expect(message?.text).toContain(
      `<${url}|My notifications> (\`/pd notifications\`)`,
    );
  });

  it("names a trigger definition file that exists for every entry point", () => {
    for (const entry of ENTRY_POINTS) {
      expect(existsSync(root + entry.triggerFile), entry.triggerFile).toBe(
        true,
      );
    }
  });

  it("works for users who never linked PagerDuty (help needs no account)", async () => {
    const run = await h.run(HelpWorkflow, {
      userId: h.slackUsers.limitedStakeholder,
      inputs: {
        user_id: "{{data.user_id}}",
        channel_id: "{{data.channel_id}}",
      },
    });
    expect(run.status).toBe("completed");
    expect(run.ephemeralMessages()).toHaveLength(1);
  });
});
