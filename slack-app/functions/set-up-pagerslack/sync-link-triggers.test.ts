// Setup against a Slack that refuses to update a trigger (injected: whether Slack lets the bot token update a
// trigger made with `slack trigger create` is undocumented, so the simulator does not decide it).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { describe, expect, it } from "../../../test/slack-app/bdd.ts";
import { workflowCallbackId } from "../../triggers/app-link-triggers.ts";
import triggerIncidentTrigger from "../../triggers/trigger-incident-trigger.ts";
import {
  type ListedTrigger,
  SETUP_WORKFLOW_CALLBACK_ID,
  syncLinkTriggers,
} from "./sync-link-triggers.ts";
import { setupReport } from "./setup-report.ts";

const OLD_URL = "https://slack.com/shortcuts/Ft0CLI/old";

function refusingSlack() {
  const calls: string[] = [];
  const listed: ListedTrigger[] = [
    {
      id: "Ft0SETUP",
      type: "shortcut",
      name: "Set up pagerslack",
      workflow: { callback_id: SETUP_WORKFLOW_CALLBACK_ID, app_id: "A1" },
      shortcut_url: "https://slack.com/shortcuts/Ft0SETUP/s",
    },
    {
      // Made by an admin with the CLI from an earlier release's definition (no customizable inputs).
      id: "Ft0CLI",
      type: "shortcut",
      name: triggerIncidentTrigger.name,
      description: triggerIncidentTrigger.description,
      workflow: {
        callback_id: workflowCallbackId(triggerIncidentTrigger),
        app_id: "A1",
      },
      inputs: {},
      shortcut_url: OLD_URL,
    },
  ];
  let next = 0;
  const client = {
    apiCall: (method: string, args: Record<string, unknown>) => {
      calls.push(method);
      if (method === "workflows.triggers.list") {
        return Promise.resolve({ ok: true, triggers: listed });
      }
      if (method === "workflows.triggers.update") {
        return Promise.resolve({ ok: false, error: "access_denied" });
      }
      next += 1;
      return Promise.resolve({
        ok: true,
        trigger: {
          id: `Ft${next}`,
          type: "shortcut",
          name: args.name,
          workflow: { callback_id: "x" },
          shortcut_url: `https://slack.com/shortcuts/Ft${next}/new`,
        },
      });
    },
  } as unknown as SlackAPIClient;
  return { client, calls };
}

describe("syncLinkTriggers when Slack refuses an update", () => {
  it("keeps the working trigger and its URL, says how to update it, and sets up the rest", async () => {
    const { client, calls } = refusingSlack();
    const sync = await syncLinkTriggers(client);
    if (!sync.ok) throw new Error(sync.error);
    const refused = sync.outcomes.find((o) =>
      o.name === triggerIncidentTrigger.name
    );
    expect(refused).toEqual({
      bridgeName: refused!.bridgeName,
      name: triggerIncidentTrigger.name,
      action: "outdated",
      url: OLD_URL,
      triggerId: "Ft0CLI",
      error: "access_denied",
    });
    expect(calls.filter((m) => m === "workflows.triggers.update")).toHaveLength(
      1,
    );
    const others = sync.outcomes.filter((o) => o !== refused);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((o) => o.action === "created")).toBe(true);

    const report = setupReport({
      sync,
      bridge: { ok: true },
      registration: { ok: true },
      bookmarks: undefined,
      bookmarkChannelId: undefined,
      help: "",
    });
    expect(report).toContain(
      `:warning: ${triggerIncidentTrigger.name}: Slack refused to update trigger Ft0CLI (access_denied); it still works`,
    );
    expect(report).toContain("slack trigger update --trigger-id Ft0CLI");
    expect(report).not.toContain(":x:");
  });
});
