// POST /slack/commands in-process, against the Slack simulator (mentions by email) and the PagerDuty
// simulator's demo account (the bridge's read-only key).
import { type AddressInfo, createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  seedDemoAccount,
} from "../../test/simulators/pagerduty/seed-demo-account.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../../test/simulators/pagerduty/start-pagerduty-simulator.ts";
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
import { type Database, openDatabase } from "../db/open-database.ts";
import { createPagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { createBridgeApp } from "../server.ts";
import { createSlackClient } from "../slack/slack-client.ts";
import { putWorkflowTriggers } from "../triggers/workflow-trigger-store.ts";
import { PAGERDUTY_DOWN } from "./oncall-answer.ts";
import type { SlashAnswer } from "./slash-command.ts";
import { NOT_CONFIGURED } from "./slash-command-route.ts";
import { signSlackRequest } from "../slack/verify-slack-signature.ts";

const SECRET = "0123456789abcdef0123456789abcdef";
const TRIGGER_URL = "https://slack.com/shortcuts/Ft0TRIGGER/abc";
let pd: PagerDutySimulator;
let slack: SlackSimulator;
let demo: ReturnType<typeof seedDemoAccount>;
let database: Database;
let botToken: string;
let responderSlackId: string;
let later: { url: string; answer: SlashAnswer }[];

beforeAll(async () => {
  pd = await startPagerDutySimulator();
  demo = seedDemoAccount(pd);
  slack = await startSlackSimulator();
  botToken = slack.createToken({
    kind: "bot",
    appId: "A0BRIDGE",
    scopes: ["users:read", "users:read.email", "chat:write"],
  }).token;
  responderSlackId = slack.createUser({
    name: "rui",
    email: demo.users.responder.email,
  }).id;
});
afterAll(async () => {
  await pd.close();
  await slack.close();
});
beforeEach(async () => {
  database = openDatabase(":memory:");
  await database.migrate();
  later = [];
  return () => database.close();
});

function bridge(
  { secret = SECRET, pagerDutyUrl = pd.url, answerInlineMs = 2000 } = {},
) {
  return createBridgeApp({
    db: database.db,
    isReady: database.isReady,
    slack: createSlackClient({ token: botToken, slackApiUrl: slack.url }),
    metrics: testMetrics(),
    logger: silentLogger(),
    webhookSecrets: TEST_SECRETS,
    apiTokens: [TEST_API_TOKEN],
    slashCommands: {
      signingSecret: secret,
      pagerDuty: createPagerDutyClient({
        apiUrl: pagerDutyUrl,
        token: demo.readOnlyApiKey,
      }),
      actionsTriggerUrl: null,
      teamId: () => "T0SIMTEAM1",
      answerInlineMs,
      respondLater: (url, answer) => {
        later.push({ url, answer });
        return Promise.resolve({ ok: true });
      },
    },
  });
}

function form(text: string, fields: Record<string, string> = {}) {
  return new URLSearchParams({
    token: "legacy",
    team_id: "T0SIMTEAM1",
    team_domain: "sim",
    channel_id: "C0OPS",
    channel_name: "ops",
    user_id: responderSlackId,
    user_name: "rui",
    command: "/pd",
    text,
    api_app_id: "A0BRIDGE",
    response_url: "https://hooks.slack.com/commands/T0SIMTEAM1/1/abc",
    trigger_id: "1.2.3",
    ...fields,
  }).toString();
}

function send(
  app: ReturnType<typeof bridge>,
  body: string,
  { secret = SECRET, at = Date.now(), headers }: {
    secret?: string;
    at?: number;
    headers?: Record<string, string>;
  } = {},
) {
  return app.request("/slack/commands", {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...(headers ?? signSlackRequest(body, secret, at)),
    },
    body,
  });
}

async function answerTo(text: string, fields?: Record<string, string>) {
  const response = await send(bridge(), form(text, fields));
  expect(response.status).toBe(200);
  return await response.json() as SlashAnswer & { response_type: string };
}

describe("POST /slack/commands", () => {
  it("answers 503 saying what to set when there is no signing secret", async () => {
    const response = await send(bridge({ secret: "" }), form("help"));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: NOT_CONFIGURED });
  });

  it("refuses unsigned, forged and stale requests with 401 and does nothing", async () => {
    const app = bridge();
    const body = form("trigger x");
    expect((await send(app, body, { headers: {} })).status).toBe(401);
    expect((await send(app, body, { secret: "not-the-secret" })).status)
      .toBe(401);
    expect((await send(app, body, { at: Date.now() - 6 * 60_000 })).status)
      .toBe(401);
    const signed = signSlackRequest(body, SECRET, Date.now());
    expect(
      (await send(app, body.replace("trigger", "resolve"), { headers: signed }))
        .status,
    ).toBe(401);
    expect(later).toEqual([]);
  });

  it("answers help ephemerally, with the channel's connection and buttons of registered workflows", async () => {
    const before = await answerTo("");
    expect(before.response_type).toBe("ephemeral");
    expect(before.text).toContain("`/pd trigger [title]`");
    expect(before.text).toContain("This channel is not connected to PagerDuty");
    expect(JSON.stringify(before.blocks)).not.toContain("workflow_button");

    await putWorkflowTriggers(database.db, [
      { name: "trigger_incident", url: TRIGGER_URL },
    ], new Date());
    const after = await answerTo("help");
    expect(JSON.stringify(after.blocks)).toContain(TRIGGER_URL);

    const unknown = await answerTo("escalate 12");
    expect(unknown.text).toMatch(/^:grey_question: Unknown command "escalate"/);
    expect(unknown.text).toContain("`/pd oncall");
  });

  it("tells a person in an unconnected channel what to do for /pd trigger, title prefilled", async () => {
    await putWorkflowTriggers(database.db, [
      { name: "trigger_incident", url: TRIGGER_URL },
    ], new Date());
    const answer = await answerTo("trigger Checkout returns 502");
    expect(answer.text).toContain(
      "This channel is not connected to a PagerDuty service",
    );
    expect(answer.text).toContain("`/pd connect`");
    expect(JSON.stringify(answer.blocks)).toContain(
      '"customizable_input_parameters":[{"name":"title","value":"Checkout returns 502"}]',
    );
  });

  it("points /pd notifications at the My notifications workflow, also from a DM, once it is registered", async () => {
    const before = await answerTo("notifications");
    expect(before.text).toContain(
      "`/pd notifications` needs the pagerslack app's workflow link",
    );
    const url = "https://slack.com/shortcuts/Ft0NOTIFY/e";
    await putWorkflowTriggers(database.db, [
      { name: "my_notifications", url },
    ], new Date());
    const answer = await answerTo("notifications");
    expect(answer.text).toContain(
      "DMs you the incidents PagerDuty assigns you",
    );
    expect(JSON.stringify(answer.blocks)).toContain(
      `"text":{"type":"plain_text","text":"My notifications"}`,
    );
    expect(JSON.stringify(answer.blocks)).toContain(url);
  });

  it("answers /pd oncall from PagerDuty: levels, Slack mentions by email (until when: format-on-call.test.ts)", async () => {
    const answer = await answerTo("oncall checkout");
    expect(answer.text).toContain(":pager: On call for *Checkout*");
    expect(answer.text).toMatch(
      new RegExp(`\\*Level 1:\\* .*<@${responderSlackId}>`),
    );
    // Level 2 is Maya, a PagerDuty user without a Slack account of the same email: her name.
    expect(answer.text).toContain("*Level 2:* Maya Manager");

    const choices = await answerTo("oncall escalation");
    expect(choices.text).toContain('Several match "escalation"');
    expect(choices.text).toContain("`/pd oncall Checkout escalation`");
    expect(choices.text).toContain("`/pd oncall Platform escalation`");

    expect((await answerTo("oncall nothing-like-it")).text).toContain(
      "No service or escalation policy is named like",
    );
  });

  it("says one plain sentence when PagerDuty is down, at the response_url when slow", async () => {
    // A PagerDuty that takes the connection and drops it after a while: slower than the inline window.
    const hanging = createServer((socket) => {
      setTimeout(() => socket.destroy(), 300);
    });
    await new Promise<void>((resolve) =>
      hanging.listen(0, "127.0.0.1", resolve)
    );
    const { port } = hanging.address() as AddressInfo;
    const app = bridge({
      pagerDutyUrl: `http://127.0.0.1:${port}`,
      answerInlineMs: 50,
    });
    const response = await send(app, form("oncall checkout"));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    await expect.poll(() => later.length).toBe(1);
    expect(later[0]).toEqual({
      url: "https://hooks.slack.com/commands/T0SIMTEAM1/1/abc",
      answer: { text: PAGERDUTY_DOWN },
    });
    hanging.close();
  });

  it("answers a command from another workspace clearly", async () => {
    const answer = await answerTo("help", { team_id: "T0ELSEWHERE" });
    expect(answer.text).toContain("serves another Slack workspace");
  });
});
