// PagerDuty simulator → bridge (real HTTP server) → Slack simulator: signed deliveries, secret rotation,
// duplicated and reordered deliveries, REST enrichment, all through the bridge's own wiring (startBridge).
import { registerIncidentActionTrigger } from "../test/support/register-incident-action-trigger.ts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
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
import { DEFAULT_METHOD_BUDGETS } from "./slack/slack-method-budgets.ts";
import { SLACK_SCOPES_USED } from "./slack/slack-methods-used.ts";
import { type RunningBridge, startBridge } from "./start-bridge.ts";
import { silentLogger } from "../test/support/bridge-test-support.ts";
import { waitFor } from "../test/e2e/wait-for.ts";

let pd: PagerDutySimulator;
let account: DemoAccount;
let slack: SlackSimulator;
let bridge: RunningBridge;
let subscription: SimWebhookSubscription;
let channel: string;
let ruiSlackId: string;
const NEXT_SECRET = "whsec-rotated-in";

// PagerDuty gives events random ids and stamps them to the millisecond. To make "several events at one
// instant, with ids sorting against their order" happen on every run, a test can hold the simulator's clock
// and choose the ids it draws (the simulator's event and delivery ids come from randomUUID).
const clock = vi.hoisted(() => ({
  frozen: null as Date | null,
  nextId: null as (() => string) | null,
}));
vi.mock("node:crypto", async (importOriginal) => {
  const crypto = await importOriginal<typeof import("node:crypto")>();
  return {
    ...crypto,
    randomUUID: () =>
      (clock.nextId?.() ?? crypto.randomUUID()) as ReturnType<
        typeof crypto.randomUUID
      >,
  };
});

let instants = 0;

/** Runs `act` at one frozen instant, with ids drawn in ascending or descending order. */
function atOneInstant(ids: "ascending" | "descending", act: () => void) {
  // A prefix per instant: ids are never drawn twice, whatever their direction.
  const prefix = `00000000-0000-4000-${String(++instants).padStart(4, "0")}`;
  let n = ids === "ascending" ? 0 : 999_999;
  clock.nextId = () =>
    `${prefix}-${String(ids === "ascending" ? n++ : n--).padStart(12, "0")}`;
  clock.frozen = new Date();
  try {
    act();
  } finally {
    clock.nextId = null;
    clock.frozen = null;
  }
}

beforeAll(async () => {
  // PagerDuty's real 5 s receiver deadline (a loaded test machine must not turn a slow ack into a retry),
  // with short retry waits.
  pd = await startPagerDutySimulator({
    now: () => clock.frozen ?? new Date(),
    webhooks: { timeoutMs: 5_000, backoffMs: [5, 30, 120, 600] },
  });
  account = seedDemoAccount(pd);
  slack = await startSlackSimulator();
  await registerIncidentActionTrigger(slack, {
    url: "https://slack.com/shortcuts/Ft0E2E/abc",
  });
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
    slackSigningSecret: null,
    slackMethodBudgets: DEFAULT_METHOD_BUDGETS,
    retentionDays: 30,
    slackClientId: null,
    slackClientSecret: null,
    encryptionKey: null,
    publicUrl: null,
    stormDigestThreshold: 10,
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
  it("keeps one card in sync through trigger (pinging who is on call), acknowledge (naming the actor without a ping) and resolve", async () => {
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Checkout latency",
    });
    await pd.webhooks.waitForIdle();
    // The first post pings the assignee on call now (email match)…
    const posted = await waitFor(() => {
      const [card] = cardOf(incident.id);
      return card && JSON.stringify(card.blocks).includes(`<@${ruiSlackId}>`) &&
        card;
    });
    expect(posted).toBeTruthy();

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
    // …and once he acted (acknowledged), names him without a ping.
    expect(JSON.stringify(acked.blocks)).not.toContain(`<@${ruiSlackId}>`);
    expect(JSON.stringify(acked.blocks)).toContain("Rui Responder");

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

  it.each(
    [
      { ids: "ascending", faults: false },
      { ids: "descending", faults: false },
      { ids: "ascending", faults: true },
      { ids: "descending", faults: true },
    ] as const,
  )(
    "trigger, acknowledge and resolve in one millisecond (ids $ids, duplicated and reordered: $faults) leave the card resolved, the responder's acknowledgement told",
    async ({ ids, faults }) => {
      pd.webhooks.setFaults({
        duplicateRate: faults ? 1 : 0,
        reorderWithinIncident: faults,
      });
      let incident!: { id: string };
      atOneInstant(ids, () => {
        incident = pd.triggerIncident({
          serviceId: account.services.checkout,
          title: `One instant, ids ${ids}`,
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
      });
      const times = new Set(
        pd.webhooks.deliveries().filter((d) => d.incidentId === incident.id)
          .map((d) => JSON.parse(d.body).event.occurred_at),
      );
      expect(times.size).toBe(1);
      await pd.webhooks.waitForIdle();
      // Both updates are told (each once) after the card edits of their events.
      await waitFor(() => cardOf(incident.id)[0]?.replies.length === 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(cardOf(incident.id)).toHaveLength(1);
      const card = cardOf(incident.id)[0]!;
      expect(card.metadata?.event_payload?.status).toBe("resolved");
      const blocks = JSON.stringify(card.blocks);
      expect(blocks).toContain("*Resolved* by Maya Manager");
      // The compact resolved card names no acknowledger; its thread says who acknowledged.
      expect(card.replies.map((r) => r.text).join("\n")).toContain(
        "*Acknowledged* by Rui Responder",
      );
      const told = card.replies.map((r) =>
        r.metadata?.event_payload?.event_type
      );
      // Delivered in order, the thread tells the instant as the card does; delivered newest first, each
      // event is told once, when it arrives.
      if (faults) {
        expect(told.sort()).toEqual([
          "incident.acknowledged",
          "incident.resolved",
        ]);
      } else {
        expect(told).toEqual(["incident.acknowledged", "incident.resolved"]);
      }
      pd.webhooks.setFaults({ duplicateRate: 0, reorderWithinIncident: false });
    },
  );
});
