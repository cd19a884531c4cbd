// Test harness for the outbox: a real database (either dialect), the Slack simulator on a manual clock, the
// shared renderer, and helpers to deliver webhook events and drain everything like the running bridge would.
import pino from "pino";
import { afterEach, beforeEach, describe } from "vitest";
import { makeIncidentEvent } from "../../shared/incident/fixtures.ts";
import type { WebhookEvent } from "../../shared/pagerduty/webhook-event.ts";
import {
  type SlackSimulator,
  type SlackSimulatorOptions,
  startSlackSimulator,
} from "../simulators/slack/start-slack-simulator.ts";
import { putConnection } from "../../bridge/connections/connection-store.ts";
import type { Connection } from "../../shared/bridge-api/bridge-api-schemas.ts";
import type { Dialect } from "../../bridge/db/database.ts";
import {
  openTestDatabase,
  type TestDatabase,
  type TestDialect,
} from "./test-databases.ts";
import { createBridgeMetrics } from "../../bridge/ops/bridge-metrics.ts";
import { createSlackClient } from "../../bridge/slack/slack-client.ts";
import { createPacedSlackClient } from "../../bridge/slack/paced-slack-client.ts";
import {
  createPacingGate,
  type PacingGateOptions,
} from "../../bridge/slack/pacing-gate.ts";
import { SLACK_SCOPES_USED } from "../../bridge/slack/slack-methods-used.ts";
import { silentLogger } from "./bridge-test-support.ts";
import { parseWebhookEnvelope } from "../../bridge/webhooks/parse-webhook-envelope.ts";
import { storeWebhookEvent } from "../../bridge/webhooks/store-webhook-event.ts";
import { drainInbox } from "../../bridge/worker/drain-inbox.ts";
import {
  createOutboxSender,
  type OutboxSender,
  type OutboxSenderOptions,
} from "../../bridge/outbox/outbox-sender.ts";
import { tokenFingerprint } from "../../bridge/outbox/delivery-blocks.ts";
import { sharedCardRenderer } from "../../bridge/outbox/shared-card-renderer.ts";
import { registerIncidentActionTrigger } from "./register-incident-action-trigger.ts";

/** The incident-actions link trigger's URL, registered in each harness's Slack from the app's definition. */
export const ACTIONS_TRIGGER_URL =
  "https://slack.com/shortcuts/Ft0ACTIONS/0123456789abcdef";
export const T0 = Date.UTC(2026, 7, 20, 10, 0, 0);
/** The pacing budgets' workspace key of the harness's senders. */
export const HARNESS_WORKSPACE = "THARNESS";

export interface Harness {
  database: TestDatabase;
  slack: SlackSimulator;
  botToken: string;
  botUserId: string;
  channel: string;
  clock: { ms: number };
  metrics: ReturnType<typeof createBridgeMetrics>;
  /** A sender (a replica); `botToken` makes it call Slack with another token than the harness's. */
  sender(
    options?: Partial<Omit<OutboxSenderOptions, "slack">> & {
      botToken?: string;
      /** Another copy of outbox-sender.ts (a fresh module graph: a restarted process, nothing in memory). */
      create?: typeof createOutboxSender;
    },
  ): OutboxSender;
  connect(connection: Partial<Connection>): Promise<void>;
  deliver(...events: WebhookEvent[]): Promise<void>;
  /**
   * Runs the sender until nothing is due, moving the clock over waits; returns the runs made. With `maxWaitMs`,
   * stops at a wait longer than that instead (a job due later, such as the end of a storm, stays pending).
   */
  flush(
    sender?: OutboxSender,
    maxRuns?: number,
    maxWaitMs?: number,
  ): Promise<number>;
  close(): Promise<void>;
}

export async function startHarness(
  dialect: Dialect,
  /** How the simulated Slack behaves (its clock is the harness's). */
  slackOptions: Omit<SlackSimulatorOptions, "now"> = {},
  /** The senders' pacing gate (the bridge's SLACK_METHOD_BUDGETS): Slack's tiers unless given. */
  pacing: PacingGateOptions = {},
): Promise<Harness> {
  const clock = { ms: T0 };
  const database = await openTestDatabase(dialect);
  const slack = await startSlackSimulator({
    ...slackOptions,
    now: () => clock.ms,
  });
  await registerIncidentActionTrigger(slack, { url: ACTIONS_TRIGGER_URL });
  const token = slack.createToken({
    kind: "bot",
    appId: "ABRIDGE",
    scopes: [...SLACK_SCOPES_USED],
  });
  const channel = slack.createChannel({
    name: "incidents",
    members: [token.userId],
  }).id;
  const metrics = createBridgeMetrics();
  const client = createSlackClient({
    token: token.token,
    slackApiUrl: slack.url,
    metrics,
  });
  const logger = process.env.BRIDGE_TEST_LOG
    ? pino({ level: "debug" })
    : silentLogger();
  let defaultSender: OutboxSender | undefined;
  const harness: Harness = {
    database,
    slack,
    botToken: token.token,
    botUserId: token.userId,
    channel,
    clock,
    metrics,
    // Each sender is a replica: its own paced client, over the one budget in the database, on the harness's clock.
    sender: ({ botToken, create = createOutboxSender, ...options } = {}) =>
      create({
        db: database.db,
        slack: createPacedSlackClient({
          slack: botToken
            ? createSlackClient({ token: botToken, slackApiUrl: slack.url })
            : client,
          gate: createPacingGate(database.db, pacing),
          workspace: HARNESS_WORKSPACE,
          metrics: options.metrics ?? metrics,
          now: () => clock.ms,
        }),
        renderer: sharedCardRenderer(ACTIONS_TRIGGER_URL),
        logger,
        metrics,
        now: () => new Date(clock.ms),
        tokenFingerprint: tokenFingerprint(token.token),
        retry: { baseMs: 1000, maxMs: 8000 },
        ...options,
      }),
    async connect(connection) {
      await putConnection(database.db, {
        id: `conn-${Math.random().toString(36).slice(2, 8)}`,
        channel_id: channel,
        source_type: "service",
        source_id: "PSVC001",
        notification_type: "responder",
        events: [],
        urgency: null,
        priorities: null,
        thread_updates: true,
        ...connection,
      }, new Date(clock.ms));
    },
    async deliver(...events) {
      for (const event of events) {
        const text = JSON.stringify({ event });
        const parsed = parseWebhookEnvelope(text);
        if (!parsed.ok) throw new Error(parsed.problem);
        await storeWebhookEvent(database.db, {
          envelope: parsed.envelope,
          incidentId: parsed.incidentId,
          webhookId: null,
          rawBody: text,
          receivedAt: new Date(clock.ms),
        });
      }
      await drainInbox({
        db: database.db,
        dialect,
        logger,
        now: () => new Date(clock.ms),
      });
    },
    async flush(sender, maxRuns = 200, maxWaitMs = Infinity) {
      const active = sender ?? (defaultSender ??= harness.sender());
      for (let run = 1; run <= maxRuns; run++) {
        const result = await active.runOnce();
        if (result.nextInMs === null || result.nextInMs > maxWaitMs) {
          return run;
        }
        clock.ms += Math.max(result.nextInMs, 1);
      }
      throw new Error(`outbox not drained after ${maxRuns} runs`);
    },
    async close() {
      await slack.close();
      await database.close();
    },
  };
  return harness;
}

/** The running test's harness, with what most sender tests assert on. */
export type HarnessInTest = Harness & {
  /** The harness channel as people see it. */
  cards(): ReturnType<SlackSimulator["transcript"]>;
  /** Every outbox job in order, with what says how its delivery went. */
  outboxRows(): Promise<
    {
      kind: string;
      status: string;
      last_error: string | null;
      attempts: number;
    }[]
  >;
};

/**
 * `describe` once per test database (one that does not run is skipped with its reason), each test on a fresh
 * harness. `h` stands for the running test's harness (a proxy), so a test reads `h.deliver(…)`, `h.cards()`
 * as if there were one.
 */
export function describeOnEachDatabase(
  dialects: readonly TestDialect[],
  title: string,
  body: (h: HarnessInTest) => void,
  options: {
    slack?: Omit<SlackSimulatorOptions, "now">;
    pacing?: PacingGateOptions;
  } = {},
): void {
  describe.each(dialects)(`${title} on $dialect`, ({ dialect, skip }) => {
    describe.skipIf(skip !== null)(skip ?? "available", () => {
      let current: Harness | undefined;
      beforeEach(async () => {
        current = await startHarness(dialect, options.slack, options.pacing);
      });
      afterEach(() => current?.close());
      const running = () => {
        if (!current) throw new Error("the harness is used outside a test");
        return current;
      };
      const reads = {
        cards: () => running().slack.transcript(running().channel),
        outboxRows: () =>
          running().database.db.selectFrom("outbox")
            .select(["kind", "status", "last_error", "attempts"])
            .orderBy("id").execute(),
      };
      body(
        new Proxy(reads, {
          get: (target, key) =>
            key in target
              ? target[key as keyof typeof reads]
              : Reflect.get(running(), key),
        }) as HarnessInTest,
      );
    });
  });
}

export { makeIncidentEvent };
