// The doctor's checks as the running bridge runs them for its status page: the same functions as `doctor`
// (bridge/commands/), over the bridge's own database connection and clients.
import type { Database } from "../db/open-database.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import type { SecretBox } from "../secrets/secret-box.ts";
import { checkSlack, checkWebhookSecrets } from "../commands/run-doctor.ts";
import { checkPagerDuty } from "../commands/check-pagerduty.ts";
import { checkChannels } from "../commands/check-workspace-channels.ts";
import { checkParkedDeliveries } from "../commands/check-parked-deliveries.ts";
import { checkSetAsideEvents } from "../commands/check-set-aside-events.ts";
import { checkOncallGroups } from "../commands/check-oncall-groups.ts";
import { checkCardButtons } from "../commands/check-card-buttons.ts";
import { checkActionsTrigger } from "../commands/check-actions-trigger.ts";
import { readStoredWebhookSecrets } from "../pagerduty/webhook-secret-store.ts";
import type { DoctorCheck } from "../commands/run-doctor.ts";
import type { StatusCheck } from "./status-doctor.ts";
import type { SlackWorkspaces } from "../slack/slack-workspaces.ts";
import { workspaceChecks } from "./workspace-checks.ts";

export function statusChecks(
  {
    database,
    slack,
    slackTokenFingerprint,
    slackActionsTriggerUrl,
    webhookSecretCount,
    box,
    pagerDuty,
    webhookUrl,
    sessionsShared = true,
    workspaces,
  }: {
    database: Database;
    slack: SlackClient;
    slackTokenFingerprint: string;
    slackActionsTriggerUrl: string | null;
    webhookSecretCount: number;
    box: SecretBox | null;
    pagerDuty: PagerDutyClient | null;
    webhookUrl: string | null;
    /** Whether PAGERSLACK_ENCRYPTION_KEY is set, so every replica accepts another's admin session. */
    sessionsShared?: boolean;
    /** Every workspace's client: the Slack checks then run per workspace, each with its own token. */
    workspaces?: SlackWorkspaces;
  },
): StatusCheck[] {
  const botTeam = () => workspaces?.botTokenClient()?.teamId ?? null;
  // The checks open and close a database; the bridge's stays open.
  const shared = (): Database => ({ ...database, close: async () => {} });
  return [
    {
      name: "database",
      run: async () => {
        const ready = await database.readiness();
        return ready.ready
          ? {
            name: "database",
            ok: true,
            detail: `${database.dialect}, migrations applied`,
          }
          : { name: "database", ok: false, detail: ready.reason };
      },
    },
    ...(workspaces ? workspaceChecks({ db: database.db, workspaces }) : [
      { name: "slack", run: async () => (await checkSlack(slack)).check },
      {
        name: "connected channels",
        run: () => checkChannels(shared, slack),
      },
    ]),
    {
      name: "parked deliveries",
      run: () =>
        checkParkedDeliveries(shared, slackTokenFingerprint, botTeam()),
    },
    { name: "set-aside events", run: () => checkSetAsideEvents(shared) },
    // On-call user groups edited by hand (drift) or failing to sync, until resumed or back in agreement.
    { name: "on-call user groups", run: () => checkOncallGroups(shared) },
    {
      name: "actions trigger",
      run: () => checkActionsTrigger(shared, slackActionsTriggerUrl),
    },
    {
      name: "webhook secret",
      run: () =>
        checkWebhookSecrets(
          webhookSecretCount,
          box ? () => readStoredWebhookSecrets(database.db, box) : undefined,
        ),
    },
    {
      name: "card buttons",
      run: () => checkCardButtons(shared, slackActionsTriggerUrl),
    },
    { name: "pagerduty", run: () => checkPagerDuty(pagerDuty, webhookUrl) },
    {
      name: "admin sessions",
      run: () =>
        Promise.resolve(checkAdminSessions(sessionsShared, database.dialect)),
    },
  ];
}

/**
 * Without PAGERSLACK_ENCRYPTION_KEY each replica signs sessions with its own random key. One SQLite bridge only
 * loses them at restart; PostgreSQL allows several replicas, where a login bounces on every other request.
 */
export function checkAdminSessions(
  shared: boolean,
  dialect: Database["dialect"],
): DoctorCheck {
  const name = "admin sessions";
  if (shared) {
    return {
      name,
      ok: true,
      detail:
        "signed with a key from PAGERSLACK_ENCRYPTION_KEY: every replica accepts them",
    };
  }
  return dialect === "postgres"
    ? {
      name,
      ok: false,
      detail:
        "PAGERSLACK_ENCRYPTION_KEY is not set: each replica signs status page sessions with its own random key, so behind a load balancer a login is refused by the other replicas (and every restart logs out); set PAGERSLACK_ENCRYPTION_KEY on every replica",
    }
    : {
      name,
      ok: true,
      detail:
        "PAGERSLACK_ENCRYPTION_KEY is not set: status page sessions end when the bridge restarts",
    };
}
