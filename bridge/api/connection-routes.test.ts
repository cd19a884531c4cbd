// A connection saved while auth.test has not yet named SLACK_BOT_TOKEN's workspace (right after the bridge starts)
// is stored without a team, and learnBotTeam assigns such rows to the workspace once auth.test answers. When it
// answers while the save waits for Slack (the membership check), the row is written after that assignment: it must
// still end up in the workspace, or a DM card of the same workspace takes its channel card for another one's.
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
  type RecordingProxy,
  startRecordingProxy,
} from "../../test/slack-app/start-recording-proxy.ts";
import {
  silentLogger,
  TEST_API_TOKEN,
  TEST_SECRETS,
  testMetrics,
} from "../../test/support/bridge-test-support.ts";

let slack: SlackSimulator;
let database: Database;
let proxy: RecordingProxy | undefined;
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
  proxy = await startRecordingProxy(
    slack.url.replace(/\/api\/$/, ""),
    async (request) => {
      if (
        request === "POST /api/conversations.history" && learnDuringSave &&
        !learnt
      ) {
        learnt = true;
        await learn();
      }
    },
  );
  const workspaces = createSlackWorkspaces({
    botToken: bot.token,
    installations: null,
    slackApiUrl: `${proxy.url}/api/`,
    gate: createPacingGate(database.db),
  });
  const learn = () =>
    learnBotTeam({ workspaces, db: database.db, logger: silentLogger() });
  const app = createBridgeApp({
    db: database.db,
    isReady: database.isReady,
    slack: createSlackClient({
      token: bot.token,
      slackApiUrl: `${proxy.url}/api/`,
    }),
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
