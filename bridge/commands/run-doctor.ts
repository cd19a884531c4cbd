// `doctor`: checks every credential and dependency the bridge needs and says, per check, what is wrong and what
// to do. Each check is independent so that one failure does not hide the others.
import { redactCredentials } from "../../shared/pagerduty/redact-credentials.ts";
import type { Database } from "../db/open-database.ts";
import { checkActionsTrigger } from "./check-actions-trigger.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import { checkCardButtons } from "./check-card-buttons.ts";
import { checkChannels } from "./check-workspace-channels.ts";
import { checkPagerDuty } from "./check-pagerduty.ts";
import { checkParkedDeliveries } from "./check-parked-deliveries.ts";
import { checkSetAsideEvents } from "./check-set-aside-events.ts";
import { checkOncallGroups } from "./check-oncall-groups.ts";
import { probeButtons } from "./probe-buttons.ts";
import type { StoredWebhookSecrets } from "../pagerduty/webhook-secret-store.ts";

export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
  /**
   * The workspace the finding is about, as its block key (bridge/outbox/workspace-block-key.ts:
   * WORKSPACE_BLOCK_KEY for the SLACK_BOT_TOKEN workspace, else the team id); absent: the whole bridge.
   */
  workspace?: string;
}

export interface DoctorInput {
  database: () => Database;
  slack: SlackClient;
  /** `tokenFingerprint(SLACK_BOT_TOKEN)`: tells whether a refused token has been replaced since. */
  slackTokenFingerprint: string;
  /** Null until the Slack app is deployed and its trigger URL configured. */
  slackActionsTriggerUrl: string | null;
  /** How many PagerDuty webhook signing secrets are configured (0 before `setup`). */
  webhookSecretCount?: number;
  /** The secrets the bridge keeps in its database; null without PAGERSLACK_ENCRYPTION_KEY (none can be kept). */
  storedWebhookSecrets?: () => Promise<StoredWebhookSecrets | null>;
  /** Null when PAGERDUTY_API_TOKEN is not set. */
  pagerDuty: PagerDutyClient | null;
  /** The bridge's public webhook URL, to find its subscription; null: any subscription counts. */
  webhookUrl: string | null;
  /** `--probe-buttons CHANNEL`: post (and delete) a test card with buttons there to see whether Slack takes it. */
  probeButtonsChannel?: string | null;
  /** SLACK_BOT_TOKEN's team (auth.test), whose outbox rows may carry none: findings are told apart per workspace. */
  botTeam?: string | null;
}

export async function checkDatabase(
  open: () => Database,
): Promise<DoctorCheck> {
  const name = "database";
  let database: Database | undefined;
  try {
    database = open();
    return await database.isReady()
      ? { name, ok: true, detail: `${database.dialect}, migrations applied` }
      : {
        name,
        ok: false,
        detail:
          "unreachable or migrations not applied (the bridge applies them when it starts)",
      };
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message };
  } finally {
    await database?.close().catch(() => {});
  }
}

/**
 * Whether the bot token works (auth.test), with the scopes Slack lists for it: Slack sends them in the
 * X-OAuth-Scopes header of every Web API answer, which the WebClient copies to `response_metadata.scopes`
 * (https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/interfaces/WebAPICallResult). `smoke` checks them.
 */
export async function checkSlack(
  slack: SlackClient,
): Promise<{ check: DoctorCheck; scopes: readonly string[] | undefined }> {
  const answer = await slack.call<{
    user?: string;
    team?: string;
    response_metadata?: { scopes?: string[] };
  }>("auth.test", {});
  if (answer.ok) {
    return {
      check: {
        name: "slack",
        ok: true,
        detail: `bot token works: @${answer.data.user ?? "?"} in ${
          answer.data.team ?? "?"
        }`,
      },
      scopes: answer.data.response_metadata?.scopes,
    };
  }
  // The same table the sender parks deliveries by: every refusal of the token itself gets the remedy.
  const hint = answer.error.outcome === "workspace_blocked"
    ? " (reinstall the bridge's Slack app and set SLACK_BOT_TOKEN to its bot token)"
    : "";
  return {
    check: {
      name: "slack",
      ok: false,
      detail: `auth.test failed: ${answer.error.error}${hint}`,
    },
    scopes: undefined,
  };
}

/** Where the webhook route's secrets come from: the environment, the database, or both (a rotation). */
export async function checkWebhookSecrets(
  count: number,
  readStored?: () => Promise<StoredWebhookSecrets | null>,
): Promise<DoctorCheck> {
  const name = "webhook secret";
  let stored: StoredWebhookSecrets | null = null;
  let storedProblem: string | null = null;
  try {
    stored = (await readStored?.()) ?? null;
  } catch (error) {
    // A driver's message may quote the DATABASE_URL with its password.
    storedProblem = `could not read the secrets kept in the database: ${
      redactCredentials((error as Error).message)
    }`;
  }
  const parts: string[] = [];
  if (count > 0) {
    parts.push(
      `${count} from PAGERDUTY_WEBHOOK_SECRETS${
        count === 1 ? "" : " (a rotation overlap)"
      }`,
    );
  }
  if (stored && stored.secrets.length > 0) {
    parts.push(
      `${stored.secrets.length} kept sealed in the database (subscription ${
        stored.secrets.map((s) => s.subscriptionId).join(", ")
      })`,
    );
  }
  const unopenable = stored && stored.unopenable.length > 0
    ? `; the secret kept for ${
      stored.unopenable.join(", ")
    } does not open with PAGERSLACK_ENCRYPTION_KEY (sealed under another key): restore that key or run setup --rotate`
    : "";
  if (parts.length > 0) {
    return {
      name,
      ok: unopenable === "" && storedProblem === null,
      detail: `signing secrets: ${parts.join(" and ")}${unopenable}${
        storedProblem ? `; ${storedProblem}` : ""
      }`,
    };
  }
  return {
    name,
    ok: false,
    detail: storedProblem ??
      `no PAGERDUTY_WEBHOOK_SECRETS (or PAGERDUTY_WEBHOOK_SECRETS_FILE) and none kept in the database: webhooks are answered 503 until one is known; set PAGERDUTY_API_TOKEN (full access), BRIDGE_PUBLIC_URL and PAGERSLACK_ENCRYPTION_KEY so the bridge creates its subscription itself (or run setup --store), or create it with setup --secret-file and set the secret${unopenable}`,
  };
}

export async function runDoctor(input: DoctorInput): Promise<DoctorCheck[]> {
  const [database, slack, pagerDuty] = await Promise.all([
    checkDatabase(input.database),
    checkSlack(input.slack).then((s) => s.check),
    checkPagerDuty(input.pagerDuty, input.webhookUrl),
  ]);
  const channels = slack.ok
    ? await checkChannels(
      input.database,
      input.slack,
      input.botTeam ?? undefined,
    )
    : [];
  const parked = await checkParkedDeliveries(
    input.database,
    input.slackTokenFingerprint,
    input.botTeam ?? null,
  );
  const setAside = await checkSetAsideEvents(input.database);
  const oncallGroups = await checkOncallGroups(input.database);
  const buttons = input.probeButtonsChannel
    ? [
      await probeButtons({
        database: input.database,
        slack: input.slack,
        channel: input.probeButtonsChannel,
        triggerUrl: input.slackActionsTriggerUrl,
        botTeam: input.botTeam ?? null,
      }),
    ]
    : await checkCardButtons(input.database, input.slackActionsTriggerUrl);
  return [
    database,
    slack,
    ...channels,
    ...parked,
    ...setAside,
    ...oncallGroups,
    await checkActionsTrigger(input.database, input.slackActionsTriggerUrl),
    ...(input.webhookSecretCount === undefined ? [] : [
      await checkWebhookSecrets(
        input.webhookSecretCount,
        input.storedWebhookSecrets,
      ),
    ]),
    ...buttons,
    ...pagerDuty,
  ];
}
