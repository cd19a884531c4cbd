// Wires the bridge from a validated configuration: database (migrated), Slack client under the shared pacing
// gate (every Web API call of the process goes through it), HTTP server, inbox worker and outbox sender loops.
// `stop()` drains: stop accepting requests, let the in-flight worker and sender steps finish, close the
// database.
import type { Logger } from "pino";
import type { BridgeConfig } from "./config/load-config.ts";
import { openDatabase } from "./db/open-database.ts";
import { createEnricher } from "./enrichment/create-enricher.ts";
import { createBridgeMetrics } from "./ops/bridge-metrics.ts";
import { pruneHistory } from "./ops/prune-history.ts";
import type { CardRenderer } from "./outbox/card-renderer.ts";
import type { OutboxSenderOptions } from "./outbox/outbox-sender.ts";
import { giveUpStaleJobs } from "./outbox/give-up-stale-jobs.ts";
import { sharedCardRenderer } from "./outbox/shared-card-renderer.ts";
import { createPagerDutyClient } from "./pagerduty/pagerduty-client.ts";
import { reconcileIncidents } from "./reconciler/reconcile-incidents.ts";
import { HTTP_LIMITS, type HttpLimits } from "./http/http-limits.ts";
import { listen } from "./http/listen.ts";
import { createBridgeApp } from "./server.ts";
import { collectQueueMetrics } from "./collect-queue-metrics.ts";
import { syncCardButtons } from "./sync-card-buttons.ts";
import { checkBotToken } from "./slack/check-bot-token.ts";
import { createPacingGate, pacingGateOptions } from "./slack/pacing-gate.ts";
import {
  createSlackWorkspaces,
  defaultWorkspaceClient,
} from "./slack/slack-workspaces.ts";
import { createInstallationStore } from "./install/installation-store.ts";
import { tokenFingerprint } from "./outbox/delivery-blocks.ts";
import { createSecretBox } from "./secrets/secret-box.ts";
import { assignLegacyTeam } from "./db/assign-legacy-team.ts";
import { createWorkspaceOutbox } from "./outbox/workspace-outbox.ts";
import { drainInbox } from "./worker/drain-inbox.ts";
import { startWebhookSecrets } from "./pagerduty/start-webhook-secrets.ts";
import { adminOptions } from "./admin/admin-options.ts";
import { createOutageLog, startLoop } from "./worker/start-loop.ts";

const PRUNE_INTERVAL_MS = 60 * 60_000;
/** The first pruning waits until start-up and the catch-up after a restart are done. */
const PRUNE_FIRST_MS = 5 * 60_000;
const WORKER_WAKE_WINDOW_MS = 5;
/** How long a bridge API request (creating an incident channel) may wait for a Slack budget's slot. */
const API_SLACK_MAX_WAIT_MS = 5000;

export interface StartBridgeOptions {
  logger: Logger;
  renderer?: CardRenderer;
  /** Sender tuning (tests shorten pacing and leases). */
  sender?:
    & Partial<
      Pick<
        OutboxSenderOptions,
        "lagNoticeMs" | "leaseMs" | "retry" | "blockRetryMs"
      >
    >
    & {
      /** Interval of the per-channel post budget (Slack's: about one per second). */
      postIntervalMs?: number;
    };
  idleMs?: number;
  /** How often the reconciler compares PagerDuty with the snapshots (only with PAGERDUTY_API_TOKEN). */
  reconcileIntervalMs?: number;
  /** What slow or huge requests may cost (tests shorten the timeouts). Default: HTTP_LIMITS. */
  httpLimits?: Partial<HttpLimits>;
  /** A workspace uninstalled the app or revoked its bot token (its installation is already deleted). */
  onUninstalled?: (teamId: string) => void | Promise<void>;
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
    httpLimits: limitOverrides,
    onUninstalled,
  }: StartBridgeOptions,
): Promise<RunningBridge> {
  const httpLimits = { ...HTTP_LIMITS, ...limitOverrides };
  // The post interval is the pacing gate's (one per-channel budget for every replica), the rest the sender's.
  const { postIntervalMs, ...senderTuning } = sender ?? {};
  const database = openDatabase(config.databaseUrl);
  try {
    await database.migrate();
    await syncCardButtons(database.db, config.slackActionsTriggerUrl, logger);
  } catch (error) {
    await database.close();
    throw error;
  }
  const metrics = createBridgeMetrics();
  // The status page names SLACK_BOT_TOKEN's workspace and compares delivery blocks with its token.
  const fingerprint = config.slackBotToken
    ? tokenFingerprint(config.slackBotToken)
    : "";
  let botTeam: { teamId: string; teamName: string } | null = null;
  const gate = createPacingGate(database.db, {
    ...pacingGateOptions(config.slackMethodBudgets),
    ...(postIntervalMs ? { channelPostIntervalMs: postIntervalMs } : {}),
  });
  // A client per workspace: SLACK_BOT_TOKEN's (its team learnt from auth.test below, which start-up does not
  // wait for) and each "Add to Slack" installation's.
  const installations = config.encryptionKey
    ? createInstallationStore(
      database.db,
      createSecretBox(config.encryptionKey),
    )
    : null;
  const workspaces = createSlackWorkspaces({
    botToken: config.slackBotToken,
    installations,
    slackApiUrl: config.slackApiUrl,
    gate,
    metrics,
  });
  // What knows no team yet (the bridge API, the slash command) calls the single workspace. The outbox never
  // waits for a slot (it reschedules the job); the bridge API answers a person who is waiting, so it may sleep
  // a few seconds for one.
  const slack = defaultWorkspaceClient(workspaces, 0);
  const apiSlack = defaultWorkspaceClient(workspaces, API_SLACK_MAX_WAIT_MS);
  let teamId: string | null = null;
  collectQueueMetrics(database.db, metrics);

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
  // The cards of each workspace are enriched with that workspace's user lookups (a PagerDuty user is a different
  // Slack user in each); the single workspace shares the bridge API's enricher and its caches.
  const outbox = createWorkspaceOutbox({
    db: database.db,
    workspaces,
    renderer: (url) => renderer ?? sharedCardRenderer(url),
    actionsTriggerUrl: config.slackActionsTriggerUrl,
    logger,
    metrics,
    storm: {
      threshold: config.stormDigestThreshold,
      quietMs: (config.stormDigestQuietS ?? 60) * 1000,
    },
    ...(pagerDuty
      ? {
        enrich: (teamSlack, team) =>
          enrich && (team === null || team === teamId)
            ? enrich
            : createEnricher({ pagerDuty, slack: teamSlack, logger }),
      }
      : {}),
    ...senderTuning,
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

  const webhookSecrets = startWebhookSecrets({
    config,
    db: database.db,
    pagerDuty,
    instanceId: outbox.instanceId,
    logger,
  });
  const app = createBridgeApp({
    db: database.db,
    isReady: database.readiness,
    slack: apiSlack,
    metrics,
    logger,
    webhookSecrets: config.webhookSecrets,
    webhookSecretSource: webhookSecrets.source,
    apiTokens: config.apiTokens,
    onStored: wakeWorkerSoon,
    onEnqueued: () => senderLoop.wake(),
    ...(enrich ? { enrich } : {}),
    workspaces,
    httpLimits,
    admin: adminOptions({
      config,
      database,
      slack: apiSlack,
      box: webhookSecrets.box,
      pagerDuty,
      tokenFingerprint: fingerprint,
      botWorkspace: () => botTeam,
    }),
    slashCommands: {
      signingSecret: config.slackSigningSecret,
      pagerDuty,
      actionsTriggerUrl: config.slackActionsTriggerUrl,
      teamId: () => teamId,
      workspaces,
    },
    install: {
      slackClientId: config.slackClientId,
      slackClientSecret: config.slackClientSecret,
      encryptionKey: config.encryptionKey,
      publicUrl: config.publicUrl,
      slackApiUrl: config.slackApiUrl,
      signingSecret: config.slackSigningSecret,
      // Its installation is already deleted: drop the workspace's client so its jobs park until it is back.
      onUninstalled: async (team: string) => {
        workspaces.forget(team);
        await onUninstalled?.(team);
      },
    },
  });
  const stopWork = async () => {
    await webhookSecrets.stop();
    clearTimeout(wakeTimer);
    await reconcileLoop?.stop();
    await pruneLoop.stop();
    await workerLoop.stop();
    await senderLoop.stop();
    await database.close();
  };
  const { server, port } = await listen(app.fetch, {
    host: config.host,
    port: config.port,
    httpLimits,
  }).catch(async (error) => {
    await stopWork();
    throw error;
  });
  logger.info({
    port,
    dialect: database.dialect,
    instance_id: outbox.instanceId,
  }, "bridge listening");
  if (!config.slackSigningSecret) {
    logger.info(
      "SLACK_SIGNING_SECRET is not set: the /pd slash command (POST /slack/commands) answers 503 until it is.",
    );
  }
  // Not awaited: start-up never waits for Slack.
  const botTokenClient = workspaces.botTokenClient();
  if (botTokenClient) {
    void checkBotToken(botTokenClient.slack, logger).then(async (check) => {
      if (!check.ok || !check.teamId) return;
      workspaces.setBotTeam(check.teamId);
      teamId = check.teamId;
      botTeam = { teamId: check.teamId, teamName: check.team };
      // Rows from before several workspaces (migration 0013) are this workspace's.
      const assigned = await assignLegacyTeam(database.db, check.teamId);
      const total = Object.values(assigned).reduce((n, c) => n + c, 0);
      if (total > 0) {
        logger.info(
          { team_id: check.teamId, ...assigned },
          "assigned the rows stored before several workspaces to SLACK_BOT_TOKEN's workspace",
        );
      }
    }).catch(() => {});
  } else {
    void workspaces.defaultTeam().then((team) => {
      teamId = team;
    }).catch(() => {});
  }

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
