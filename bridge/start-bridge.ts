// Wires the bridge from a validated configuration: database (migrated), Slack client under the shared pacing
// gate (every Web API call of the process goes through it), HTTP server, inbox worker and outbox sender loops.
// `stop()` drains: stop accepting requests, let the in-flight worker and sender steps finish, close the
// database.
import type { BridgeConfig } from "./config/load-config.ts";
import { openDatabase } from "./db/open-database.ts";
import { createEnricher } from "./enrichment/create-enricher.ts";
import { createAlertContexts } from "./enrichment/create-alert-contexts.ts";
import { createBridgeMetrics } from "./ops/bridge-metrics.ts";
import { sharedCardRenderer } from "./outbox/shared-card-renderer.ts";
import { createPagerDutyClient } from "./pagerduty/pagerduty-client.ts";
import { HTTP_LIMITS } from "./http/http-limits.ts";
import { listen } from "./http/listen.ts";
import { createBridgeApp } from "./server.ts";
import { collectQueueMetrics } from "./collect-queue-metrics.ts";
import { syncCardButtons } from "./sync-card-buttons.ts";
import { createPacingGate, pacingGateOptions } from "./slack/pacing-gate.ts";
import {
  createSlackWorkspaces,
  defaultWorkspaceClient,
} from "./slack/slack-workspaces.ts";
import { createInstallationStore } from "./install/installation-store.ts";
import { tokenFingerprint } from "./outbox/delivery-blocks.ts";
import { createSecretBox } from "./secrets/secret-box.ts";
import { createWorkspaceOutbox } from "./outbox/workspace-outbox.ts";
import { startInboxLoops } from "./start-inbox-loops.ts";
import { startWebhookSecrets } from "./pagerduty/start-webhook-secrets.ts";
import { adminOptions } from "./admin/admin-options.ts";
import { createOutageLog, startLoop } from "./worker/start-loop.ts";
import { startPruneLoop } from "./start-prune-loop.ts";
import { learnBotTeam } from "./learn-bot-team.ts";
import { startOncallLoop } from "./oncall/start-oncall-loop.ts";
import type {
  RunningBridge,
  StartBridgeOptions,
} from "./start-bridge-options.ts";

/** How long a bridge API request (creating an incident channel) may wait for a Slack budget's slot. */
const API_SLACK_MAX_WAIT_MS = 5000;

export type {
  RunningBridge,
  StartBridgeOptions,
} from "./start-bridge-options.ts";

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
    alertContexts: alertContextTuning,
  }: StartBridgeOptions,
): Promise<RunningBridge> {
  const httpLimits = { ...HTTP_LIMITS, ...limitOverrides };
  // The post interval is the pacing gate's (one per-channel budget for every replica), the rest the sender's.
  const { postIntervalMs, ...senderTuning } = sender ?? {};
  const database = openDatabase(config.databaseUrl, {
    checkpointThread: {
      onError: (error) =>
        logger.warn(
          { err: error },
          "WAL checkpoints back on the webhook thread",
        ),
    },
  });
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
  collectQueueMetrics(
    database.db,
    metrics,
    () => workspaces.botTokenClient()?.teamId ?? null,
  );

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
  // The first alert's context, once per incident for every workspace; cards are edited when it arrives late.
  const alertContexts = pagerDuty
    ? createAlertContexts({
      db: database.db,
      pagerDuty,
      logger,
      wake: () => senderLoop.wake(),
      ...alertContextTuning,
    })
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
    alertContexts,
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
  const inbox = startInboxLoops({
    database,
    pagerDuty,
    metrics,
    logger,
    outage,
    idleMs,
    reconcileIntervalMs,
    onApplied: () => senderLoop.wake(),
  });

  const pruneLoop = startPruneLoop({
    db: database.db,
    retentionDays: config.retentionDays,
    metrics,
    logger,
    outage,
  });

  const oncallLoop = startOncallLoop({
    db: database.db,
    pagerDuty,
    workspaces,
    instanceId: outbox.instanceId,
    pollS: config.oncallPollS,
    logger,
    outage,
    onEnqueued: () => senderLoop.wake(),
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
    inboxWriter: inbox.writer,
    onEnqueued: () => senderLoop.wake(),
    ...(oncallLoop ? { onOncallChanged: () => oncallLoop.wake() } : {}),
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
      workspaces,
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
    alertContexts?.stop();
    await pruneLoop.stop();
    await oncallLoop?.stop();
    await inbox.stop();
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
  void learnBotTeam({ workspaces, db: database.db, logger }).then((team) => {
    if (!team) return;
    teamId = team.teamId;
    botTeam = team.teamName === null
      ? botTeam
      : { teamId: team.teamId, teamName: team.teamName };
  }).catch(() => {});

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
