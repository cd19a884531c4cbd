// The bridge's HTTP surface as one Hono app: webhooks, bridge API, the `/pd` slash command, ops. No I/O at construction, so tests
// drive it in-process with `app.request()`.
import { Hono } from "hono";
import type { Logger } from "pino";
import type { BridgeDb } from "./db/database.ts";
import { isDatabaseUnavailable } from "./db/database-error.ts";
import type { Readiness } from "./db/open-database.ts";
import type { BridgeMetrics } from "./ops/bridge-metrics.ts";
import { opsRoute } from "./ops/ops-route.ts";
import { bridgeApiRoute } from "./api/bridge-api-route.ts";
import { pagerDutyWebhookRoute } from "./webhooks/pagerduty-webhook-route.ts";
import {
  createInboxWriter,
  type InboxWriter,
} from "./webhooks/create-inbox-writer.ts";
import { trackInboxWrites } from "./webhooks/track-inbox-writes.ts";
import type { WebhookSecretSource } from "./pagerduty/webhook-secret-source.ts";
import { adminRoute, type AdminRouteOptions } from "./admin/admin-route.ts";
import {
  slashCommandRoute,
  type SlashCommandRouteOptions,
} from "./slash/slash-command-route.ts";
import { createRespondLater } from "./slash/respond-later.ts";
import type { SlackClient } from "./slack/slack-client.ts";
import type { Enrich } from "./outbox/enrich.ts";
import type { SlackWorkspaces } from "./slack/slack-workspaces.ts";
import {
  installRoute,
  type InstallRouteOptions,
} from "./install/install-route.ts";
import { slackEventsRoute } from "./install/slack-events-route.ts";
import {
  createInstallationStore,
  type InstallationStore,
} from "./install/installation-store.ts";
import { createSecretBox } from "./secrets/secret-box.ts";
import {
  closeAfterRefusal,
  HTTP_LIMITS,
  type HttpLimits,
} from "./http/http-limits.ts";

/** "Add to Slack" (GET /slack/install, /slack/oauth_redirect) and POST /slack/events. */
export type BridgeInstallOptions =
  & Omit<
    InstallRouteOptions,
    "logger" | "now" | "slackApiUrl" | "installations"
  >
  & {
    /** Default: the database's, sealed with encryptionKey (none without a key). */
    installations?: InstallationStore | null;
    slackApiUrl?: string;
    /** SLACK_SIGNING_SECRET: POST /slack/events is signed like the slash command. */
    signingSecret: string | null;
    /** After app_uninstalled / tokens_revoked removed a workspace's installation. */
    onUninstalled?: (teamId: string) => void | Promise<void>;
  };

export interface BridgeAppOptions {
  db: BridgeDb;
  /** Database.readiness (or isReady, which gives no reason); /readyz also reports failed webhook stores. */
  isReady: () => Promise<boolean | Readiness>;
  slack: SlackClient;
  metrics: BridgeMetrics;
  logger: Logger;
  webhookSecrets: readonly string[];
  /** Also accept the secrets the bridge keeps in its database (includes webhookSecrets). */
  webhookSecretSource?: WebhookSecretSource;
  apiTokens: readonly string[];
  now?: () => Date;
  /** Where webhooks are stored (the bridge's: run-inbox.ts, which wakes the worker); default: one on `db`. */
  inboxWriter?: InboxWriter;
  onEnqueued?: () => void;
  /** An on-call group was saved through the bridge API. */
  onOncallChanged?: () => void;
  enrich?: Enrich;
  /** The Slack workspaces the bridge API resolves a connection's `team_id` with. */
  workspaces?: SlackWorkspaces;
  /** Default: HTTP_LIMITS. */
  httpLimits?: HttpLimits;
  /** The admin status page (GET /) and its login; without it GET / is a 404. */
  admin?: Omit<AdminRouteOptions, "apiTokens" | "logger" | "now">;
  /** The `/pd` slash command; without it (or without a signing secret) POST /slack/commands answers 503. */
  slashCommands?:
    & Pick<
      SlashCommandRouteOptions,
      "signingSecret" | "pagerDuty" | "actionsTriggerUrl" | "teamId"
    >
    & Partial<
      Pick<
        SlashCommandRouteOptions,
        "respondLater" | "answerInlineMs" | "workspaces"
      >
    >;
  /** Without it the install routes answer 404 and /slack/events 503, each saying what to set. */
  install?: BridgeInstallOptions;
}

export function createBridgeApp(options: BridgeAppOptions): Hono {
  const app = new Hono();
  app.use("*", closeAfterRefusal());
  const stores = trackInboxWrites(
    options.inboxWriter ?? createInboxWriter({ db: options.db }),
  );
  const readiness = async (): Promise<Readiness> => {
    const database = await options.isReady();
    if (database === false) {
      return { ready: false, reason: "database not ready" };
    }
    if (database !== true && !database.ready) return database;
    return stores.readiness();
  };
  app.route(
    "/",
    opsRoute({ readiness, registry: options.metrics.registry }),
  );
  app.route(
    "/",
    pagerDutyWebhookRoute({
      db: options.db,
      secrets: options.webhookSecrets,
      ...(options.webhookSecretSource
        ? { secretSource: options.webhookSecretSource }
        : {}),
      metrics: options.metrics,
      logger: options.logger,
      now: options.now,
      inboxWriter: stores.writer,
    }),
  );
  app.route(
    "/",
    bridgeApiRoute({
      db: options.db,
      slack: options.slack,
      tokens: options.apiTokens,
      logger: options.logger,
      now: options.now,
      onEnqueued: options.onEnqueued,
      ...(options.onOncallChanged
        ? { onOncallChanged: options.onOncallChanged }
        : {}),
      enrich: options.enrich,
      ...(options.workspaces ? { workspaces: options.workspaces } : {}),
      maxBodyBytes: (options.httpLimits ?? HTTP_LIMITS).maxBodyBytes,
    }),
  );
  app.route(
    "/",
    slashCommandRoute({
      signingSecret: null,
      pagerDuty: null,
      actionsTriggerUrl: null,
      teamId: () => null,
      respondLater: createRespondLater(),
      ...options.slashCommands,
      db: options.db,
      slack: options.slack,
      logger: options.logger,
      ...(options.now ? { now: () => options.now!().getTime() } : {}),
    }),
  );
  if (options.admin) {
    app.route(
      "/",
      adminRoute({
        ...options.admin,
        apiTokens: options.apiTokens,
        logger: options.logger,
        ...(options.now ? { now: options.now } : {}),
      }),
    );
  }
  const install = options.install;
  const installations = install?.installations ??
    (install?.encryptionKey
      ? createInstallationStore(
        options.db,
        createSecretBox(install.encryptionKey),
      )
      : null);
  app.route(
    "/",
    installRoute({
      slackClientId: null,
      slackClientSecret: null,
      encryptionKey: null,
      publicUrl: null,
      ...install,
      installations,
      slackApiUrl: install?.slackApiUrl ?? "https://slack.com/api/",
      logger: options.logger,
      ...(options.now ? { now: options.now } : {}),
    }),
  );
  app.route(
    "/",
    slackEventsRoute({
      signingSecret: install?.signingSecret ?? null,
      installations,
      logger: options.logger,
      ...(install?.onUninstalled
        ? { onUninstalled: install.onUninstalled }
        : {}),
      ...(options.now ? { now: () => options.now!().getTime() } : {}),
    }),
  );
  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((error, c) => {
    // The database gone (a restart, a failover) or locked is not the caller's fault nor a bug: 503, try again.
    if (isDatabaseUnavailable(error)) {
      options.logger.warn(
        { err: error, path: c.req.path },
        "request failed: database unavailable",
      );
      return c.json({ error: "database unavailable, retry later" }, 503, {
        "Retry-After": "5",
      });
    }
    options.logger.error({ err: error, path: c.req.path }, "request failed");
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
