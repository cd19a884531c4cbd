// Wires the bridge from a validated configuration: database (migrated), Slack client, HTTP server, inbox
// worker and outbox sender loops. `stop()` drains: stop accepting requests, let the in-flight worker and
// sender steps finish, close the database.
import { serve } from "@hono/node-server";
import type { Logger } from "pino";
import type { BridgeConfig } from "./config/load-config.ts";
import { openDatabase } from "./db/open-database.ts";
import { createEnricher } from "./enrichment/create-enricher.ts";
import { createBridgeMetrics } from "./ops/bridge-metrics.ts";
import { pruneHistory } from "./ops/prune-history.ts";
import type { CardRenderer } from "./outbox/card-renderer.ts";
import {
  createOutboxSender,
  type OutboxSenderOptions,
} from "./outbox/outbox-sender.ts";
import { createMethodBudget } from "./outbox/method-budget.ts";
import { sharedCardRenderer } from "./outbox/shared-card-renderer.ts";
import { createPagerDutyClient } from "./pagerduty/pagerduty-client.ts";
import { reconcileIncidents } from "./reconciler/reconcile-incidents.ts";
import { createBridgeApp } from "./server.ts";
import { createSlackClient } from "./slack/slack-client.ts";
import { drainInbox } from "./worker/process-inbox.ts";
import { startLoop } from "./worker/start-loop.ts";

const PRUNE_INTERVAL_MS = 60 * 60_000;
/** The first pruning waits until start-up and the catch-up after a restart are done. */
const PRUNE_FIRST_MS = 5 * 60_000;
const WORKER_WAKE_WINDOW_MS = 5;

export interface StartBridgeOptions {
  logger: Logger;
  renderer?: CardRenderer;
  /** Sender tuning (tests shorten pacing and leases). */
  sender?: Partial<
    Pick<
      OutboxSenderOptions,
      "postIntervalMs" | "lagNoticeMs" | "leaseMs" | "retry"
    >
  >;
  idleMs?: number;
  /** How often the reconciler compares PagerDuty with the snapshots (only with PAGERDUTY_API_TOKEN). */
  reconcileIntervalMs?: number;
}

export interface RunningBridge {
  port: number;
  stop(): Promise<void>;
}

export async function startBridge(
  config: BridgeConfig,
  {
    logger,
    renderer,
    sender,
    idleMs = 1000,
    reconcileIntervalMs = 5 * 60_000,
  }: StartBridgeOptions,
): Promise<RunningBridge> {
  const database = openDatabase(config.databaseUrl);
  await database.migrate();
  const metrics = createBridgeMetrics();
  const slack = createSlackClient({
    token: config.slackBotToken,
    slackApiUrl: config.slackApiUrl,
    metrics,
  });
  metrics.registry.onCollect(async () => {
    const row = await database.db.selectFrom("webhook_inbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "pending").executeTakeFirst();
    metrics.inboxDepth.set(Number(row?.n ?? 0));
    const out = await database.db.selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "pending").executeTakeFirst();
    metrics.outboxDepth.set(Number(out?.n ?? 0));
  });

  // One enricher (and its user-mapping cache) for cards and for inviting assignees to incident channels.
  const enrich = config.pagerDutyApiToken
    ? createEnricher({
      pagerDutyApiUrl: config.pagerDutyApiUrl,
      token: config.pagerDutyApiToken,
      slack,
      logger,
    })
    : undefined;
  const outbox = createOutboxSender({
    db: database.db,
    slack,
    renderer: renderer ?? sharedCardRenderer(config.slackActionsTriggerUrl),
    logger,
    metrics,
    budget: createMethodBudget(config.slackMethodBudgets),
    ...(enrich ? { enrich } : {}),
    ...sender,
  });
  const senderLoop = startLoop(async () => (await outbox.runOnce()).nextInMs, {
    idleMs,
    name: "outbox",
    logger,
  });
  const workerLoop = startLoop(async () => {
    const applied = await drainInbox({
      db: database.db,
      dialect: database.dialect,
      logger,
    });
    if (applied > 0) senderLoop.wake();
    return null;
  }, { idleMs, name: "inbox", logger });

  // A burst of webhooks wakes the worker once per short window rather than once per webhook: its transactions
  // then take many events each instead of one or two, at the cost of a few milliseconds of latency.
  let wakeTimer: NodeJS.Timeout | undefined;
  const wakeWorkerSoon = () => {
    wakeTimer ??= setTimeout(() => {
      wakeTimer = undefined;
      workerLoop.wake();
    }, WORKER_WAKE_WINDOW_MS);
  };

  const pagerDuty = config.pagerDutyApiToken
    ? createPagerDutyClient({
      apiUrl: config.pagerDutyApiUrl,
      token: config.pagerDutyApiToken,
    })
    : null;
  const reconcileLoop = pagerDuty
    ? startLoop(async () => {
      const { repaired } = await reconcileIncidents({
        db: database.db,
        pagerDuty,
        logger,
      });
      if (repaired.length > 0) workerLoop.wake();
      return reconcileIntervalMs;
    }, { idleMs: reconcileIntervalMs, name: "reconciler", logger })
    : null;

  const pruneLoop = startLoop(async () => {
    const pruned = await pruneHistory({
      db: database.db,
      retentionDays: config.retentionDays,
    });
    if (pruned.inbox + pruned.outbox > 0) {
      logger.info(
        { ...pruned, retention_days: config.retentionDays },
        "pruned history",
      );
    }
    return PRUNE_INTERVAL_MS;
  }, {
    idleMs: PRUNE_INTERVAL_MS,
    firstInMs: PRUNE_FIRST_MS,
    name: "prune",
    logger,
  });

  const app = createBridgeApp({
    db: database.db,
    isReady: database.isReady,
    slack,
    metrics,
    logger,
    webhookSecrets: config.webhookSecrets,
    apiTokens: config.apiTokens,
    onStored: wakeWorkerSoon,
    onEnqueued: () => senderLoop.wake(),
    ...(enrich ? { enrich } : {}),
  });
  const { server, port } = await new Promise<
    { server: ReturnType<typeof serve>; port: number }
  >(
    (resolve) => {
      const server = serve({
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
      }, (info) => resolve({ server, port: info.port }));
    },
  );
  logger.info({
    port,
    dialect: database.dialect,
    instance_id: outbox.instanceId,
  }, "bridge listening");

  return {
    port,
    async stop() {
      const closed = new Promise<void>((resolve) =>
        server.close(() => resolve())
      );
      // Idle keep-alive connections would otherwise hold close() open; requests in flight still finish.
      if ("closeIdleConnections" in server) server.closeIdleConnections();
      await closed;
      clearTimeout(wakeTimer);
      await reconcileLoop?.stop();
      await pruneLoop.stop();
      await workerLoop.stop();
      await senderLoop.stop();
      await database.close();
      logger.info("bridge stopped");
    },
  };
}
