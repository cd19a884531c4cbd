// How the first card and the monitoring tool's context meet, through the bridge's own wiring (startBridge): a
// card waits for the first alert's context a short bounded time (waitMs), so with PagerDuty answering in time the
// first post already carries it and no edit is needed; a card that does not wait (waitMs 0, or PagerDuty slower
// than the wait) goes out without it and gets exactly one edit when it arrives. Counted in Slack calls, not time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENTS_V2_EXAMPLE_EVENT } from "../test/fixtures/pagerduty-alert-examples.ts";
import {
  type DemoAccount,
  seedDemoAccount,
} from "../test/simulators/pagerduty/seed-demo-account.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../test/simulators/slack/start-slack-simulator.ts";
import { silentLogger } from "../test/support/bridge-test-support.ts";
import { waitFor } from "../test/e2e/wait-for.ts";
import { DEFAULT_METHOD_BUDGETS } from "./slack/slack-method-budgets.ts";
import { SLACK_SCOPES_USED } from "./slack/slack-methods-used.ts";
import { type RunningBridge, startBridge } from "./start-bridge.ts";

let pd: PagerDutySimulator;
let account: DemoAccount;
let slack: SlackSimulator;
const bridges: RunningBridge[] = [];

beforeAll(async () => {
  pd = await startPagerDutySimulator({
    webhooks: { timeoutMs: 5_000, backoffMs: [5, 30, 120, 600] },
  });
  account = seedDemoAccount(pd);
  slack = await startSlackSimulator();
});
afterAll(async () => {
  for (const bridge of bridges) await bridge.stop();
  await pd?.close();
  await slack?.close();
});

/** A bridge with its own database, bot, channel and subscription, whose cards wait `waitMs` for the context. */
async function bridgeWaiting(waitMs: number, name: string) {
  const token = slack.createToken({
    kind: "bot",
    appId: `A${name.toUpperCase()}`,
    scopes: [...SLACK_SCOPES_USED],
  });
  const channel = slack.createChannel({ name, members: [token.userId] }).id;
  const subscription = pd.webhooks.subscribe({
    url: "http://127.0.0.1:1/placeholder",
  });
  const bridge = await startBridge({
    port: 0,
    host: "127.0.0.1",
    databaseUrl: ":memory:",
    webhookSecrets: subscription.secrets,
    pagerDutyApiToken: account.readOnlyApiKey,
    pagerDutyApiUrl: pd.url,
    slackBotToken: token.token,
    slackApiUrl: slack.url,
    slackActionsTriggerUrl: null,
    apiTokens: ["test-token"],
    slackSigningSecret: null,
    slackMethodBudgets: DEFAULT_METHOD_BUDGETS,
    retentionDays: 30,
    slackClientId: null,
    slackClientSecret: null,
    encryptionKey: null,
    publicUrl: null,
    stormDigestThreshold: 10,
  }, {
    logger: silentLogger(),
    idleMs: 50,
    sender: { postIntervalMs: 50 },
    alertContexts: { waitMs },
  });
  bridges.push(bridge);
  subscription.url = `http://127.0.0.1:${bridge.port}/webhooks/pagerduty`;
  const put = await fetch(
    `http://127.0.0.1:${bridge.port}/api/v1/connections/${name}`,
    {
      method: "PUT",
      headers: {
        Authorization: "Bearer test-token",
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        channel_id: channel,
        source_type: "service",
        source_id: account.services.checkout,
        notification_type: "responder",
        events: ["incident.acknowledged", "incident.resolved"],
        urgency: null,
        priorities: null,
        thread_updates: true,
      }),
    },
  );
  expect(put.status).toBe(200);
  return { channel };
}

let bridgeA: { channel: string };
let bridgeB: { channel: string };
beforeAll(async () => {
  // A generous wait stands for "PagerDuty answers within the wait" on a loaded test machine.
  bridgeA = await bridgeWaiting(10_000, "waits");
  bridgeB = await bridgeWaiting(0, "posts-at-once");
});

async function triggerByEvent(dedupKey: string) {
  const sent = await fetch(`${pd.url}/v2/enqueue`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...EVENTS_V2_EXAMPLE_EVENT,
      routing_key: account.routingKeys.checkout,
      dedup_key: dedupKey,
    }),
  });
  expect(sent.status).toBe(202);
  return pd.incidents().find((i) => i.incidentKey === dedupKey)!;
}

const hasContext = (args: Record<string, unknown>) =>
  JSON.stringify(args.blocks ?? []).includes("pagerslack_alert_context");

function cardCalls(channel: string, incidentId: string) {
  return slack.calls().filter((c) =>
    (c.method === "chat.postMessage" || c.method === "chat.update") &&
    c.args.channel === channel &&
    JSON.stringify(c.args.metadata ?? "").includes(incidentId)
  );
}

describe("the first card and the alert context", () => {
  it("waiting briefly: the first post carries the context, no edit", async () => {
    const incident = await triggerByEvent("first-post/1");
    await waitFor(() =>
      cardCalls(bridgeA.channel, incident.id).length >= 1 &&
      cardCalls(bridgeB.channel, incident.id).length >= 2
    );
    await pd.webhooks.waitForIdle();
    const a = cardCalls(bridgeA.channel, incident.id);
    expect(a.map((c) => [c.method, hasContext(c.args)])).toEqual([
      ["chat.postMessage", true],
    ]);
  });

  it("not waiting: the first post goes without it, one edit adds it", async () => {
    const incident = await triggerByEvent("first-post/2");
    await waitFor(() => cardCalls(bridgeB.channel, incident.id).length >= 2);
    const b = cardCalls(bridgeB.channel, incident.id);
    expect(b.map((c) => [c.method, hasContext(c.args)])).toEqual([
      ["chat.postMessage", false],
      ["chat.update", true],
    ]);
    // Each bridge fetched the alert once (their databases are their own).
    expect(
      pd.requests().filter((r) =>
        r.path === `/incidents/${incident.id}/alerts`
      ),
    ).toHaveLength(2);
  });
});
