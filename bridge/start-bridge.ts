// Wires the bridge from a validated configuration: database (migrated), Slack client, HTTP server, inbox
// worker and outbox sender loops. `stop()` drains: stop accepting requests, let the in-flight worker and
// sender steps finish, close the database.
import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import type { Logger } from "pino";
import type { BridgeConfig } from "./config/load-config.ts";
import type { BridgeDb } from "./db/database.ts";
import { openDatabase } from "./db/open-database.ts";
import { createEnricher } from "./enrichment/create-enricher.ts";
import { createBridgeMetrics } from "./ops/bridge-metrics.ts";
import { pruneHistory } from "./ops/prune-history.ts";
import type { CardRenderer } from "./outbox/card-renderer.ts";
import {
  createOutboxSender,
  type OutboxSenderOptions,
} from "./outbox/outbox-sender.ts";
import {
  countParkedJobs,
  readDeliveryBlocks,
  tokenFingerprint,
} from "./outbox/delivery-blocks.ts";
import { giveUpStaleJobs } from "./outbox/give-up-stale-jobs.ts";
import { createMethodBudget } from "./outbox/method-budget.ts";
import { sharedCardRenderer } from "./outbox/shared-card-renderer.ts";
import { syncActionsTriggerUrl } from "./outbox/sync-actions-trigger-url.ts";
import { createPagerDutyClient } from "./pagerduty/pagerduty-client.ts";
import { reconcileIncidents } from "./reconciler/reconcile-incidents.ts";
import {
  applyServerLimits,
  HTTP_LIMITS,
  type HttpLimits,
  serverOptionsFor,
} from "./http/http-limits.ts";
import { createBridgeApp } from "./server.ts";
import { checkBotToken } from "./slack/check-bot-token.ts";
import { createSlackClient } from "./slack/slack-client.ts";
import { drainInbox } from "./worker/process-inbox.ts";
import { createOutageLog, startLoop } from "./worker/start-loop.ts";

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
      "postIntervalMs" | "lagNoticeMs" | "leaseMs" | "retry" | "blockRetryMs"
    >
  >;
  idleMs?: number;
  /** How often the reconciler compares PagerDuty with the snapshots (only with PAGERDUTY_API_TOKEN). */
  reconcileIntervalMs?: number;
  /** What slow or huge requests may cost (tests shorten the timeouts). Default: HTTP_LIMITS. */
  httpLimits?: Partial<HttpLimits>;
}

export interface RunningBridge {
  port: number;
  stop(): Promise<void>;
}

/** The HTTP server could not listen (EADDRINUSE: another process has the port; EACCES: a privileged port). */
export class ListenError extends Error {
  override name = "ListenError";
  readonly code: string | undefined;
  constructor(
    readonly host: string,
    readonly port: number,
    options: { cause: unknown },
  ) {
    const code = (options.cause as { code?: string })?.code;
    super(
      `cannot listen on ${host}:${port}: ${
        code === "EADDRINUSE"
          ? "the address is already in use (another process has the port)"
          : (options.cause as Error)?.message ?? String(options.cause)
      }`,
      options,
    );
    this.code = code;
  }
}

/** Says once that cards go out without buttons, and renders open cards again when the trigger URL changed. */
async function syncCardButtons(
  db: BridgeDb,
  url: string | null,
  logger: Logger,
) {
  if (url === null) {
    logger.warn(
      "SLACK_ACTIONS_TRIGGER_URL is not set: cards are posted without buttons. Deploy the Slack app, create its incident-actions trigger, set the URL and restart: open cards then get their buttons.",
    );
  }
  const sync = await syncActionsTriggerUrl(db, url, new Date());
  if (sync.changed) {
    logger.info(
      { cards: sync.cards, had_trigger_url: sync.previous !== null },
      `SLACK_ACTIONS_TRIGGER_URL ${
        url === null ? "removed" : sync.previous === null ? "set" : "changed"
      }: rendering the ${sync.cards} cards of open incidents again`,
    );
  }
}

export async function startBridge(
  config: BridgeConfig,
  {
    logger,
    renderer,
    sender,
    idleMs = 1000,
    reconcileIntervalMs = 5 * 60_000,
    httpLimits: limitOverrides,
  }: StartBridgeOptions,
): Promise<RunningBridge> {
  const httpLimits = { ...HTTP_LIMITS, ...limitOverrides };
  const database = openDatabase(config.databaseUrl);
  try {
    await database.migrate();
    await syncCardButtons(database.db, config.slackActionsTriggerUrl, logger);
  } catch (error) {
    await database.close();
    throw error;
  }
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
    const blocks = await readDeliveryBlocks(database.db);
    const parked = await countParkedJobs(database.db, blocks);
    metrics.deliveryBlocked.set(blocks.workspace ? 1 : 0, {
      scope: "workspace",
    });
    metrics.deliveryBlocked.set(blocks.channels.size, { scope: "channel" });
    metrics.parkedJobs.set(parked.workspace, { scope: "workspace" });
    metrics.parkedJobs.set(
      [...parked.channels.values()].reduce((a, b) => a + b, 0),
      { scope: "channel" },
    );
  });

  // One PagerDuty client per key: enrichment and the reconciler share its rate-limit budget.
  const pagerDuty = config.pagerDutyApiToken
    ? createPagerDutyClient({
      apiUrl: config.pagerDutyApiUrl,
      token: config.pagerDutyApiToken,
    })
    : null;
  // One enricher (and its caches) for cards and for inviting assignees to incident channels.
  const enrich = pagerDuty
    ? createEnricher({ pagerDuty, slack, logger })
    : undefined;
  const outbox = createOutboxSender({
    db: database.db,
    slack,
    renderer: renderer ?? sharedCardRenderer(config.slackActionsTriggerUrl),
    logger,
    metrics,
    tokenFingerprint: tokenFingerprint(config.slackBotToken),
    budget: createMethodBudget(config.slackMethodBudgets),
    ...(enrich ? { enrich } : {}),
    ...sender,
  });
  // One report of a database outage for all the loops, which all notice it.
  const outage = createOutageLog(logger);
  const senderLoop = startLoop(async () => (await outbox.runOnce()).nextInMs, {
    idleMs,
    name: "outbox",
    logger,
    outage,
  });
  const workerLoop = startLoop(async () => {
    const applied = await drainInbox({
      db: database.db,
      dialect: database.dialect,
      logger,
      metrics,
    });
    if (applied > 0) senderLoop.wake();
    return null;
  }, { idleMs, name: "inbox", logger, outage });

  // A burst of webhooks wakes the worker once per short window rather than once per webhook: its transactions
  // then take many events each instead of one or two, at the cost of a few milliseconds of latency.
  let wakeTimer: NodeJS.Timeout | undefined;
  const wakeWorkerSoon = () => {
    wakeTimer ??= setTimeout(() => {
      wakeTimer = undefined;
      workerLoop.wake();
    }, WORKER_WAKE_WINDOW_MS);
  };

  const reconcileLoop = pagerDuty
    ? startLoop(async () => {
      const { repaired } = await reconcileIncidents({
        db: database.db,
        pagerDuty,
        logger,
      });
      if (repaired.length > 0) workerLoop.wake();
      return reconcileIntervalMs;
    }, { idleMs: reconcileIntervalMs, name: "reconciler", logger, outage })
    : null;

  const pruneLoop = startLoop(async () => {
    const givenUp = await giveUpStaleJobs({
      db: database.db,
      retentionDays: config.retentionDays,
    });
    for (const [reason, count] of givenUp) {
      metrics.jobsGivenUp.inc({ reason }, count);
      logger.error(
        { reason, jobs: count, retention_days: config.retentionDays },
        "gave up on Slack jobs still undelivered after the retention window",
      );
    }
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
    outage,
  });

  const app = createBridgeApp({
    db: database.db,
    isReady: database.readiness,
    slack,
    metrics,
    logger,
    webhookSecrets: config.webhookSecrets,
    apiTokens: config.apiTokens,
    onStored: wakeWorkerSoon,
    onEnqueued: () => senderLoop.wake(),
    ...(enrich ? { enrich } : {}),
    httpLimits,
  });
  const stopWork = async () => {
    clearTimeout(wakeTimer);
    await reconcileLoop?.stop();
    await pruneLoop.stop();
    await workerLoop.stop();
    await senderLoop.stop();
    await database.close();
  };
  const { server, port } = await new Promise<
    { server: ReturnType<typeof serve>; port: number }
  >(
    (resolve, reject) => {
      // Without a listener a failed listen is an uncaught exception: a stack trace instead of a reason.
      const failed = (cause: Error) =>
        reject(new ListenError(config.host, config.port, { cause }));
      const server = serve({
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
        serverOptions: serverOptionsFor(httpLimits),
      }, (info) => {
        server.off("error", failed);
        applyServerLimits(server as Server, httpLimits);
        resolve({ server, port: info.port });
      });
      server.once("error", failed);
    },
  ).catch(async (error) => {
    await stopWork();
    throw error;
  });
  logger.info({
    port,
    dialect: database.dialect,
    instance_id: outbox.instanceId,
  }, "bridge listening");
  if (config.webhookSecrets.length === 0) {
    logger.warn(
      "PAGERDUTY_WEBHOOK_SECRETS is not set (nor a PAGERDUTY_WEBHOOK_SECRETS_FILE holding a secret): webhooks are answered 503 (PagerDuty retries them for up to 48 h) until it is. Create the subscription with `setup --url https://<this bridge>/webhooks/pagerduty --secret-file <file>`, set its secret and restart.",
    );
  }
  // Not awaited: start-up never waits for Slack.
  void checkBotToken(slack, logger).catch(() => {});

  return {
    port,
    async stop() {
      const closed = new Promise<void>((resolve) =>
        server.close(() => resolve())
      );
      // Idle keep-alive connections would otherwise hold close() open; requests in flight still finish.
      if ("closeIdleConnections" in server) server.closeIdleConnections();
      await closed;
      await stopWork();
      logger.info("bridge stopped");
    },
  };
}
