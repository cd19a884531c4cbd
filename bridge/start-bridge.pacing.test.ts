// startBridge's Slack calls go through the shared pacing gate, keyed by the workspace auth.test names: what lets
// replicas (and `doctor`) configured with the same bot share one budget per method.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../test/simulators/slack/start-slack-simulator.ts";
import { capturingLogger } from "../test/support/bridge-test-support.ts";
import { waitFor } from "../test/e2e/wait-for.ts";
import type { BridgeConfig } from "./config/load-config.ts";
import { openDatabase } from "./db/open-database.ts";
import { SLACK_SCOPES_USED } from "./slack/slack-methods-used.ts";
import { type RunningBridge, startBridge } from "./start-bridge.ts";

let slack: SlackSimulator;
let dir: string;
let bridge: RunningBridge | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pagerslack-pacing-"));
  slack = await startSlackSimulator();
});
afterAll(async () => {
  await bridge?.stop();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("startBridge's Slack pacing", () => {
  it("keeps the budgets under the bot's team id once auth.test answered", async () => {
    const token = slack.createToken({
      kind: "bot",
      appId: "ABRIDGE",
      scopes: [...SLACK_SCOPES_USED],
    });
    const { team_id } = slack.call("auth.test", {}, token.token) as {
      team_id: string;
    };
    const databaseUrl = `sqlite:${join(dir, "bridge.db")}`;
    const log = capturingLogger("info");
    bridge = await startBridge(
      {
        port: 0,
        host: "127.0.0.1",
        databaseUrl,
        webhookSecrets: ["whsec-test"],
        pagerDutyApiToken: null,
        pagerDutyApiUrl: "http://127.0.0.1:1",
        slackBotToken: token.token,
        slackApiUrl: slack.url,
        slackActionsTriggerUrl: null,
        apiTokens: ["api-token"],
        slackSigningSecret: null,
        slackMethodBudgets: "off",
        retentionDays: 30,
        slackClientId: null,
        slackClientSecret: null,
        encryptionKey: null,
        publicUrl: null,
        stormDigestThreshold: 10,
      } satisfies BridgeConfig,
      { logger: log.logger, idleMs: 50 },
    );
    // The team id is taken as soon as the check's answer is logged (no timer runs in between).
    await waitFor(() =>
      log.lines.some((l) => l.msg.startsWith("Slack bot token works"))
    );
    const created = await fetch(
      `http://127.0.0.1:${bridge.port}/api/v1/incidents/PINC001/channels`,
      {
        method: "POST",
        headers: {
          Authorization: "Bearer api-token",
          "Content-Type": "application/json",
        },
        body: JSON.stringify({ create: { private: false } }),
      },
    );
    expect(created.status).toBe(201);
    const database = openDatabase(databaseUrl);
    try {
      const keys = (await database.db.selectFrom("slack_pacing").select("key")
        .execute()).map((r) => r.key);
      expect(keys).toContain(`${team_id}/conversations.create`);
      // Before Slack named the workspace, the token's fingerprint stood in for it.
      expect(keys.find((k) => k.endsWith("/auth.test"))).toMatch(/^token:/);
    } finally {
      await database.close();
    }
  });
});
