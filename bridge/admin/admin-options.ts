// The status page's wiring inside the running bridge: its session key, what it reads, the doctor's checks over
// the bridge's own database and clients.
import type { BridgeConfig } from "../config/load-config.ts";
import type { Database } from "../db/open-database.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import type { SlackWorkspaces } from "../slack/slack-workspaces.ts";
import type { SecretBox } from "../secrets/secret-box.ts";
import { createInstallationStore } from "../install/installation-store.ts";
import { webhookUrlOf } from "../pagerduty/ensure-webhook-subscription.ts";
import type { AdminRouteOptions } from "./admin-route.ts";
import { createAdminSessions } from "./admin-session.ts";
import { bridgeVersion } from "./bridge-version.ts";
import { collectStatus } from "./collect-status.ts";
import { statusChecks } from "./status-checks.ts";
import { createStatusDoctor } from "./status-doctor.ts";

export function adminOptions(
  {
    config,
    database,
    slack,
    box,
    pagerDuty,
    tokenFingerprint,
    botWorkspace,
    workspaces,
  }: {
    config: BridgeConfig;
    database: Database;
    slack: SlackClient;
    box: SecretBox | null;
    pagerDuty: PagerDutyClient | null;
    tokenFingerprint: string;
    botWorkspace: () => { teamId: string; teamName: string } | null;
    /** Every workspace's client, for the per-workspace checks; absent: SLACK_BOT_TOKEN's `slack` only. */
    workspaces?: SlackWorkspaces;
  },
): Omit<AdminRouteOptions, "apiTokens" | "logger" | "now"> {
  return {
    sessions: createAdminSessions({ encryptionKey: config.encryptionKey }),
    collect: () =>
      collectStatus({
        db: database.db,
        readiness: database.readiness,
        installations: box ? createInstallationStore(database.db, box) : null,
        botWorkspace,
        hasBotToken: config.slackBotToken !== null,
      }),
    doctor: createStatusDoctor({
      checks: statusChecks({
        database,
        slack,
        slackTokenFingerprint: tokenFingerprint,
        slackActionsTriggerUrl: config.slackActionsTriggerUrl,
        webhookSecretCount: config.webhookSecrets.length,
        box,
        pagerDuty,
        webhookUrl: config.publicUrl ? webhookUrlOf(config.publicUrl) : null,
        sessionsShared: config.encryptionKey !== null,
        ...(workspaces ? { workspaces } : {}),
      }),
    }),
    version: bridgeVersion(),
    startedAt: new Date(),
    trustedProxies: config.trustedProxies ?? [],
    publicUrl: config.publicUrl,
  };
}
