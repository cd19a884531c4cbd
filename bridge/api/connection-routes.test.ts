// A connection saved while auth.test has not yet named SLACK_BOT_TOKEN's workspace (right after the bridge starts)
// is stored without a team, and learnBotTeam assigns such rows to the workspace once auth.test answers. When it
// answers while the save waits for Slack (the membership check), the row is written after that assignment: it must
// still end up in the workspace, or a DM card of the same workspace takes its channel card for another one's.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, expect, it } from "vitest";
import { type Database, openDatabase } from "../db/open-database.ts";
import { learnBotTeam } from "../learn-bot-team.ts";
import { createBridgeApp } from "../server.ts";
import { createPacingGate } from "../slack/pacing-gate.ts";
import { createSlackClient } from "../slack/slack-client.ts";
import { createSlackWorkspaces } from "../slack/slack-workspaces.ts";
import { SLACK_SCOPES_USED } from "../slack/slack-methods-used.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../../test/simulators/slack/start-slack-simulator.ts";
import {
  silentLogger,
  TEST_API_TOKEN,
  TEST_SECRETS,
  testMetrics,
} from "../../test/support/bridge-test-support.ts";

let slack: SlackSimulator;
let database: Database;
let proxy: { url: string; close(): Promise<void> } | undefined;
beforeEach(async () => {
  slack = await startSlackSimulator();
  database = openDatabase(":memory:");
  await database.migrate();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await database.close();
  await slack.close();
});

/** Forwards Web API calls to `target` (ending in `/api/`), running `before(method)` first. */
async function startSlackProxy(
  target: string,
  before: (method: string) => Promise<void>,
) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0]!;
    await before(method);
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "authorization"]) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const answer = await fetch(`${target}${method}`, {
      method: req.method ?? "POST",
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    res.writeHead(answer.status, {
      "content-type": answer.headers.get("content-type") ?? "application/json",
    });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function saveConnection(
  { learnDuringSave }: { learnDuringSave: boolean },
) {
  const bot = slack.createToken({
    kind: "bot",
    appId: "A0BRIDGE01",
    scopes: SLACK_SCOPES_USED,
    botName: "pagerslack",
  });
  const channel = slack.createChannel({
    name: "ops",
    members: [bot.userId],
  }).id;
  let learnt = false;
  // Slack, as the bridge reaches it: auth.test answers while the save waits for the membership check.
  proxy = await startSlackProxy(slack.url, async (method) => {
    if (method === "conversations.history" && learnDuringSave && !learnt) {
      learnt = true;
      await learn();
    }
  });
  const workspaces = createSlackWorkspaces({
    botToken: bot.token,
    installations: null,
    slackApiUrl: proxy.url,
    gate: createPacingGate(database.db),
  });
  const learn = () =>
    learnBotTeam({ workspaces, db: database.db, logger: silentLogger() });
  const app = createBridgeApp({
    db: database.db,
    isReady: database.isReady,
    slack: createSlackClient({ token: bot.token, slackApiUrl: proxy.url }),
    workspaces,
    metrics: testMetrics(),
    logger: silentLogger(),
    webhookSecrets: TEST_SECRETS,
    apiTokens: [TEST_API_TOKEN],
  });
  const response = await app.request("/api/v1/connections/ops", {
    method: "PUT",
    headers: {
      Authorization: `Bearer ${TEST_API_TOKEN}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({
      channel_id: channel,
      source_type: "service",
      source_id: "PSVC001",
      notification_type: "responder",
      events: ["incident.acknowledged"],
      thread_updates: true,
    }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return { learnt: () => learnt, learn };
}

const storedTeam = async () =>
  (await database.db.selectFrom("connections").select("team_id")
    .where("id", "=", "ops").executeTakeFirstOrThrow()).team_id;

it("a connection saved while auth.test answers is the bot token's workspace's", async () => {
  const saved = await saveConnection({ learnDuringSave: true });
  expect(saved.learnt()).toBe(true);
  expect(await storedTeam()).toBe(slack.teamId);
});

it("a connection saved before auth.test answers is assigned to the workspace when it does", async () => {
  const saved = await saveConnection({ learnDuringSave: false });
  expect(await storedTeam()).toBeNull();
  await saved.learn();
  expect(await storedTeam()).toBe(slack.teamId);
});
