import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../../test/simulators/slack/start-slack-simulator.ts";
import { seedWorkspace } from "../../test/simulators/slack/seed-workspace.ts";
import { openDatabase } from "../db/open-database.ts";
import {
  readButtonsRefusal,
  rememberButtonsRefusal,
} from "../outbox/buttons-refused.ts";
import { createSlackClient } from "../slack/slack-client.ts";
import { enqueueCard } from "../jobs/enqueue-card.ts";
import { checkCardButtons } from "./check-card-buttons.ts";
import { probeButtons } from "./probe-buttons.ts";
import { registerIncidentActionTrigger } from "../../test/support/register-incident-action-trigger.ts";

const run = promisify(execFile);
const TRIGGER = "https://slack.com/shortcuts/Ft0123/abcdef";
const NOW = new Date("2026-11-29T12:00:00.000Z");

let slack: SlackSimulator;
let workspace: ReturnType<typeof seedWorkspace>;
let dir: string;
let dbUrl: string;
const open = () => openDatabase(dbUrl);

async function withDb<T>(
  work: (db: ReturnType<typeof open>["db"]) => Promise<T>,
) {
  const database = open();
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  slack = await startSlackSimulator();
  workspace = seedWorkspace(slack);
  // The hosted app's incident-actions trigger, created with the URL the bridge is configured with.
  await registerIncidentActionTrigger(slack, { url: TRIGGER });
  dir = mkdtempSync(join(tmpdir(), "pagerslack-probe-"));
  dbUrl = `sqlite:${join(dir, "bridge.db")}`;
  const database = open();
  await database.migrate();
  await database.close();
});
afterAll(async () => {
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  slack.workspace.refuseWorkflowButtonsFromClassicApps = false;
  await withDb(async (db) => {
    for (
      const table of [
        "bridge_settings",
        "outbox",
        "cards",
        "incident_states",
      ] as const
    ) {
      await db.deleteFrom(table).execute();
    }
  });
});

const probe = (overrides: Partial<Parameters<typeof probeButtons>[0]> = {}) =>
  probeButtons({
    database: open,
    slack: createSlackClient({
      token: workspace.bridgeToken,
      slackApiUrl: slack.url,
    }),
    channel: workspace.incidents,
    triggerUrl: TRIGGER,
    now: () => NOW,
    ...overrides,
  });
const leftInChannel = () => slack.transcript(workspace.incidents).length;

describe("doctor --probe-buttons", () => {
  it("says Slack refused the buttons, and the bridge then renders cards without them", async () => {
    slack.workspace.refuseWorkflowButtonsFromClassicApps = true;
    const before = leftInChannel();
    const check = await probe();
    expect(check.ok).toBe(false);
    expect(check.detail).toContain(
      `Slack refused a card with buttons in ${workspace.incidents} (invalid_blocks)`,
    );
    expect(leftInChannel()).toBe(before);
    expect(await withDb(readButtonsRefusal)).toMatchObject({
      value: { error: "invalid_blocks" },
    });
    expect(await checkCardButtons(open, TRIGGER)).toEqual([
      expect.objectContaining({ name: "card buttons", ok: false }),
    ]);
  });

  it("says so when SLACK_ACTIONS_TRIGGER_URL is no trigger of the workspace (a typo, a trigger deleted)", async () => {
    const check = await probe({
      triggerUrl: "https://slack.com/shortcuts/Ft0123/mistyped",
    });
    expect(check).toEqual({
      name: "card buttons",
      ok: false,
      detail:
        `Slack refused a card with buttons in ${workspace.incidents} (invalid_blocks): cards are posted without them, responders use their "Open in PagerDuty" link. Check that SLACK_ACTIONS_TRIGGER_URL is the incident-actions trigger of the deployed app.`,
    });
    expect(await withDb(readButtonsRefusal)).toMatchObject({
      value: { method: "chat.postMessage", error: "invalid_blocks" },
    });
  });

  it("posts and deletes a card with buttons; a refusal remembered before ends and open cards are rendered again", async () => {
    await withDb(async (db) => {
      await rememberButtonsRefusal(db, {
        method: "chat.postMessage",
        error: "invalid_blocks",
      }, NOW);
      for (
        const [id, status] of [["POPEN", "acknowledged"], ["PDONE", "resolved"]]
      ) {
        await db.insertInto("incident_states").values({
          incident_id: id!,
          state: "{}",
          status: status!,
          updated_at: NOW.toISOString(),
        }).execute();
        await enqueueCard(db, {
          incidentId: id!,
          channelId: workspace.incidents,
          kind: "responder",
          threadUpdates: true,
          enqueuedAt: NOW,
          now: NOW,
        });
        await db.updateTable("outbox").set({ status: "done" }).execute();
      }
    });
    const before = leftInChannel();

    const check = await probe();
    expect(check).toEqual({
      name: "card buttons",
      ok: true,
      detail:
        `Slack takes workflow buttons from the bridge (test card in ${workspace.incidents} posted and deleted); they had been refused before: the 1 cards of open incidents get their buttons back as the bridge edits them`,
    });
    const posted = slack.calls({ method: "chat.postMessage" }).at(-1);
    expect(JSON.stringify(posted?.args)).toContain(TRIGGER);
    expect(leftInChannel()).toBe(before);
    expect(await withDb(readButtonsRefusal)).toBeNull();
    expect(
      await withDb((db) =>
        db.selectFrom("outbox").select(["incident_id", "status"])
          .orderBy("incident_id").execute()
      ),
    ).toEqual([
      { incident_id: "PDONE", status: "done" },
      { incident_id: "POPEN", status: "pending" },
    ]);
    expect(await checkCardButtons(open, TRIGGER)).toEqual([
      expect.objectContaining({ name: "card buttons", ok: true }),
    ]);
  });

  it("has nothing to probe without a trigger URL, and says when the bot cannot post in the channel", async () => {
    expect(await probe({ triggerUrl: null })).toMatchObject({
      ok: false,
      detail: expect.stringContaining("SLACK_ACTIONS_TRIGGER_URL is not set"),
    });
    expect(await probe({ channel: workspace.hr })).toEqual({
      name: "card buttons",
      ok: false,
      detail:
        `could not post the test card in ${workspace.hr}: channel_not_found (invite the bot: /invite @PagerSlack in ${workspace.hr})`,
    });
  });

  it("runs from the command line", async () => {
    slack.workspace.refuseWorkflowButtonsFromClassicApps = true;
    const result = await run(
      process.execPath,
      [
        "--import",
        "tsx",
        "bridge/cli.ts",
        "doctor",
        "--probe-buttons",
        workspace.incidents,
      ],
      {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: dbUrl,
          PAGERDUTY_WEBHOOK_SECRETS: "placeholder",
          SLACK_BOT_TOKEN: workspace.bridgeToken,
          SLACK_API_URL: slack.url,
          SLACK_ACTIONS_TRIGGER_URL: TRIGGER,
          PAGERSLACK_API_TOKENS: "t",
        },
      },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e) => ({ code: e.code as number, stdout: e.stdout as string }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `FAIL  card buttons: Slack refused a card with buttons in ${workspace.incidents} (invalid_blocks)`,
    );
  });
});
