// PagerDuty simulator → bridge (real HTTP server) → Slack simulator: signed deliveries, secret rotation,
// duplicated and reordered deliveries, REST enrichment, all through the bridge's own wiring (startBridge).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import {
  type DemoAccount,
  seedDemoAccount,
} from "../test/simulators/pagerduty/seed-demo-account.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../test/simulators/slack/start-slack-simulator.ts";
import type { SimWebhookSubscription } from "../test/simulators/pagerduty/simulator-state.ts";
import { DEFAULT_METHOD_BUDGETS } from "./outbox/method-budget.ts";
import { SLACK_SCOPES_USED } from "./slack/slack-methods-used.ts";
import { type RunningBridge, startBridge } from "./start-bridge.ts";
import { silentLogger } from "./test-support.ts";

let pd: PagerDutySimulator;
let account: DemoAccount;
let slack: SlackSimulator;
let bridge: RunningBridge;
let subscription: SimWebhookSubscription;
let channel: string;
let ruiSlackId: string;
const NEXT_SECRET = "whsec-rotated-in";

async function waitFor<T>(
  probe: () => T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  // PagerDuty's real 5 s receiver deadline (a loaded test machine must not turn a slow ack into a retry),
  // with short retry waits.
  pd = await startPagerDutySimulator({
    webhooks: { timeoutMs: 5_000, backoffMs: [5, 30, 120, 600] },
  });
  account = seedDemoAccount(pd);
  slack = await startSlackSimulator();
  ruiSlackId =
    slack.createUser({ name: "rui", email: account.users.responder.email }).id;
  const token = slack.createToken({
    kind: "bot",
    appId: "ABRIDGE",
    scopes: [...SLACK_SCOPES_USED],
  });
  channel =
    slack.createChannel({ name: "checkout-incidents", members: [token.userId] })
      .id;
  subscription = pd.webhooks.subscribe({
    url: "http://127.0.0.1:1/placeholder",
  });
  bridge = await startBridge({
    port: 0,
    host: "127.0.0.1",
    databaseUrl: ":memory:",
    webhookSecrets: [...subscription.secrets, NEXT_SECRET],
    pagerDutyApiToken: account.apiKey,
    pagerDutyApiUrl: pd.url,
    slackBotToken: token.token,
    slackApiUrl: slack.url,
    slackActionsTriggerUrl: "https://slack.com/shortcuts/Ft0E2E/abc",
    apiTokens: ["e2e-token"],
    slackMethodBudgets: DEFAULT_METHOD_BUDGETS,
    retentionDays: 30,
  }, { logger: silentLogger(), idleMs: 50, sender: { postIntervalMs: 50 } });
  subscription.url = `http://127.0.0.1:${bridge.port}/webhooks/pagerduty`;
  const put = await fetch(
    `http://127.0.0.1:${bridge.port}/api/v1/connections/checkout`,
    {
      method: "PUT",
      headers: {
        Authorization: "Bearer e2e-token",
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        channel_id: channel,
        source_type: "service",
        source_id: account.services.checkout,
        notification_type: "responder",
        events: [
          "incident.acknowledged",
          "incident.resolved",
          "incident.annotated",
        ],
        urgency: null,
        priorities: null,
        thread_updates: true,
      }),
    },
  );
  expect(put.status).toBe(200);
});
afterAll(async () => {
  await bridge?.stop();
  await pd?.close();
  await slack?.close();
});

const cardOf = (incidentId: string) =>
  slack.transcript(channel).filter((m) =>
    m.metadata?.event_payload?.incident_id === incidentId
  );

describe("PagerDuty → bridge → Slack", () => {
  it("keeps one card in sync through trigger, acknowledge (with a mention from enrichment) and resolve", async () => {
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Checkout latency",
    });
    await pd.webhooks.waitForIdle();
    await waitFor(() => cardOf(incident.id).length === 1);

    pd.updateIncident(
      incident.id,
      { status: "acknowledged" },
      account.users.responder.id,
    );
    await pd.webhooks.waitForIdle();
    const acked = await waitFor(() => {
      const [card] = cardOf(incident.id);
      return card?.metadata?.event_payload?.status === "acknowledged" &&
        card.replies.length === 1 && card;
    });
    expect(acked.replies[0]!.replyBroadcast).toBe(false);
    // The card names the assignee/acknowledger as a Slack mention (email match), never the thread reply's actor.
    expect(JSON.stringify(acked.blocks)).toContain(`<@${ruiSlackId}>`);

    pd.updateIncident(
      incident.id,
      { status: "resolved" },
      account.users.responder.id,
    );
    await pd.webhooks.waitForIdle();
    await waitFor(() =>
      cardOf(incident.id)[0]?.metadata?.event_payload?.status === "resolved"
    );
    expect(cardOf(incident.id)).toHaveLength(1);
    expect(pd.webhooks.deliveries().every((d) => d.outcome === "delivered"))
      .toBe(true);
  });

  it("accepts deliveries during and after a secret rotation, and drops ones signed with unknown secrets", async () => {
    pd.webhooks.rotateSecret(subscription.id, NEXT_SECRET);
    const during = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "During rotation",
    });
    await pd.webhooks.waitForIdle();
    pd.webhooks.retireSecrets(subscription.id);
    const after = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "After rotation",
    });
    await pd.webhooks.waitForIdle();
    await waitFor(() =>
      cardOf(during.id).length === 1 && cardOf(after.id).length === 1
    );

    pd.webhooks.rotateSecret(subscription.id, "whsec-unknown-to-bridge");
    pd.webhooks.retireSecrets(subscription.id);
    pd.webhooks.clearDeliveries();
    const rejected = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Wrong secret",
    });
    await pd.webhooks.waitForIdle();
    const delivery = pd.webhooks.deliveries().find((d) =>
      d.incidentId === rejected.id
    )!;
    expect(delivery.attempts[0]!.status).toBe(401);
    expect(cardOf(rejected.id)).toHaveLength(0);
    // Restore a secret the bridge knows, for the next test.
    pd.webhooks.rotateSecret(subscription.id, NEXT_SECRET);
    pd.webhooks.retireSecrets(subscription.id);
  });

  it("duplicated and reordered deliveries still give one current card", async () => {
    pd.webhooks.setFaults({ duplicateRate: 1, reorderWithinIncident: true });
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Flaky deliveries",
    });
    pd.updateIncident(
      incident.id,
      { status: "acknowledged" },
      account.users.responder.id,
    );
    pd.updateIncident(
      incident.id,
      { status: "resolved" },
      account.users.manager.id,
    );
    await pd.webhooks.waitForIdle();
    await waitFor(() =>
      cardOf(incident.id)[0]?.metadata?.event_payload?.status === "resolved"
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cardOf(incident.id)).toHaveLength(1);
    expect(pd.webhooks.deliveries().some((d) => d.duplicate)).toBe(true);
    pd.webhooks.setFaults({ duplicateRate: 0, reorderWithinIncident: false });
  });
});
