// Configuration comes from the environment only (12-factor), validated by the schemas of config-schema.ts.
// Every problem is reported at once, one line each, naming the variable; a secret's value never appears in a
// message. Variables the bridge does not read but that look like its own are warnings, not failures.
import * as v from "valibot";
import {
  BRIDGE_SCHEMA,
  KNOWN_VARIABLES,
  type LogLevel,
  SETUP_SCHEMA,
} from "./config-schema.ts";
import { DEFAULT_METHOD_BUDGETS } from "../slack/slack-method-budgets.ts";
import { findUnknownVariables } from "./find-unknown-variables.ts";
import {
  readSecretsFile,
  type ReadTextFile,
  readTextFile,
} from "./read-secrets-file.ts";

export { CONFIG_DEFAULTS, LOG_LEVELS, type LogLevel } from "./config-schema.ts";

export interface BridgeConfig {
  port: number;
  /** Interface to listen on: all of them in a container, loopback in tests. */
  host: string;
  databaseUrl: string;
  /** Empty until the webhook subscription exists: the webhook route then answers 503. */
  webhookSecrets: string[];
  pagerDutyApiToken: string | null;
  pagerDutyApiUrl: string;
  /** SLACK_BOT_TOKEN: the single workspace's bot token; null when every workspace installs through "Add to Slack". */
  slackBotToken: string | null;
  slackApiUrl: string;
  /** Null until the hosted app is deployed and its trigger created: cards go out without buttons. */
  slackActionsTriggerUrl: string | null;
  apiTokens: string[];
  /** The bridge's Slack app signing secret; null: the `/pd` slash command route answers 503. */
  slackSigningSecret: string | null;
  /**
   * Calls per minute the bridge allows itself per Slack method (Slack's tiers unless overridden), or "off"
   * (SLACK_METHOD_BUDGETS=off: no per-method pacing; channel pacing and Retry-After still apply).
   */
  slackMethodBudgets: Readonly<Record<string, number>> | "off";
  /** Days finished webhook events and outbox jobs are kept (also how long duplicates are recognised). */
  retentionDays: number;
  /** "Add to Slack": the bridge's Slack app's OAuth client id and secret; null when not offered. */
  slackClientId: string | null;
  slackClientSecret: string | null;
  /** PAGERSLACK_ENCRYPTION_KEY: seals secrets kept in the database; null when none are kept. */
  encryptionKey: string | null;
  /** The bridge's public base URL (no trailing slash), or null when not configured. */
  publicUrl: string | null;
  /** New cards due in one channel beyond which it switches to a storm digest. */
  stormDigestThreshold: number;
  /** Seconds without a new incident that end a storm (STORM_DIGEST_QUIET_S); absent: 60. */
  stormDigestQuietS?: number;
  /** Seconds between looks at PagerDuty's on-calls (ONCALL_POLL_S); absent: 60. */
  oncallPollS?: number;
  /** PAGERSLACK_TRUSTED_PROXIES: proxies whose X-Forwarded-For is believed; absent: none. */
  trustedProxies?: string[];
}

/**
 * `warnings`: what to tell the operator that does not stop the bridge (a misspelt variable), one line each; also
 * beside `problems`, since a misspelling is often why a variable is missing.
 */
export type LoadConfigResult =
  | {
    ok: true;
    config: BridgeConfig;
    /** Validated before pino is created (pino throws on an unknown level). */
    logLevel: LogLevel;
    warnings: string[];
  }
  | { ok: false; problems: string[]; warnings: string[] };

export interface SetupConfig {
  pagerDutyApiToken: string;
  pagerDutyApiUrl: string;
}

export type LoadSetupConfigResult =
  | { ok: true; config: SetupConfig; warnings: string[] }
  | { ok: false; problems: string[]; warnings: string[] };

/** Variables whose values are secrets: never echoed, redacted from logs. */
export const SECRET_VARIABLES = [
  "PAGERDUTY_WEBHOOK_SECRETS",
  "PAGERDUTY_API_TOKEN",
  "SLACK_BOT_TOKEN",
  "PAGERSLACK_API_TOKENS",
  "SLACK_SIGNING_SECRET",
  "SLACK_CLIENT_SECRET",
  "PAGERSLACK_ENCRYPTION_KEY",
] as const;

type Env = Record<string, string | undefined>;

/**
 * Every variable of the schema present as a key, blank ones as undefined: valibot then runs each entry's own
 * schema (and its own "is required" message) instead of one generic message for a missing key.
 */
function schemaInput(
  env: Env,
  entries: Readonly<Record<string, unknown>>,
): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.keys(entries).map((name) => {
      const value = env[name]?.trim();
      return [name, value === "" ? undefined : value];
    }),
  );
}

function describeIssues(
  issues: readonly v.BaseIssue<unknown>[],
  env: Env,
): string[] {
  return issues.map((issue) => {
    const name = String(issue.path?.[0]?.key ?? "environment");
    let line = `${name} ${issue.message}`;
    // The schemas of secrets never quote their input; this keeps it so should one ever do.
    const secret = (SECRET_VARIABLES as readonly string[]).includes(name)
      ? env[name]?.trim()
      : undefined;
    if (secret) line = line.split(secret).join("[redacted]");
    return line;
  });
}

/**
 * The bridge needs a bot token for one workspace (SLACK_BOT_TOKEN) or the app's OAuth credentials for any number
 * ("Add to Slack"), whose tokens it seals with PAGERSLACK_ENCRYPTION_KEY.
 */
function slackCredentialProblems(
  values: Record<string, string | undefined>,
): string[] {
  const problems: string[] = [];
  const install = values.SLACK_CLIENT_ID !== undefined ||
    values.SLACK_CLIENT_SECRET !== undefined;
  if (values.SLACK_BOT_TOKEN === undefined && !install) {
    problems.push(
      'SLACK_BOT_TOKEN is required (the bot token of the bridge\'s own Slack app), unless SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set for "Add to Slack" installs',
    );
  }
  if (install) {
    for (const name of ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"] as const) {
      if (values[name] === undefined) {
        problems.push(
          `${name} is required with ${
            name === "SLACK_CLIENT_ID"
              ? "SLACK_CLIENT_SECRET"
              : "SLACK_CLIENT_ID"
          } (both are the Slack app's App Credentials)`,
        );
      }
    }
    if (values.PAGERSLACK_ENCRYPTION_KEY === undefined) {
      problems.push(
        "PAGERSLACK_ENCRYPTION_KEY is required with SLACK_CLIENT_ID: installed workspaces' bot tokens are kept sealed with it (e.g. `openssl rand -hex 32`)",
      );
    }
  }
  return problems;
}

const unknownVariableWarnings = (env: Env): string[] =>
  findUnknownVariables(env, KNOWN_VARIABLES).map(({ message }) => message);

/**
 * No webhook secret at all is not a problem here: it is how every installation starts (startBridge says what it
 * means, the webhook route answers 503, doctor reports it).
 */
export function loadConfig(
  env: Env,
  readFile: ReadTextFile = readTextFile,
): LoadConfigResult {
  const parsed = v.safeParse(
    BRIDGE_SCHEMA,
    schemaInput(env, BRIDGE_SCHEMA.entries),
  );
  const problems = parsed.success ? [] : describeIssues(parsed.issues, env);
  const warnings = unknownVariableWarnings(env);
  problems.push(
    ...slackCredentialProblems(schemaInput(env, BRIDGE_SCHEMA.entries)),
  );
  // One line per variable, in the schema's order, whichever check found it.
  const order = Object.keys(BRIDGE_SCHEMA.entries);
  const rank = (line: string) => {
    const at = order.indexOf(line.split(" ")[0] ?? "");
    return at < 0 ? order.length : at;
  };
  problems.sort((a, b) => rank(a) - rank(b));

  const secretsFile = env.PAGERDUTY_WEBHOOK_SECRETS_FILE?.trim() || undefined;
  const fromFile = secretsFile ? readSecretsFile(secretsFile, readFile) : null;
  if (fromFile?.kind === "unreadable") {
    problems.push(
      `PAGERDUTY_WEBHOOK_SECRETS_FILE cannot be read: ${fromFile.reason}`,
    );
  }
  if (!parsed.success || problems.length > 0) {
    return { ok: false, problems, warnings };
  }

  const values = parsed.output;
  const webhookSecrets = [
    ...new Set([
      ...(values.PAGERDUTY_WEBHOOK_SECRETS ?? []),
      ...(fromFile?.kind === "read" ? fromFile.secrets : []),
    ]),
  ];
  if (fromFile?.kind === "missing") {
    warnings.push(
      `PAGERDUTY_WEBHOOK_SECRETS_FILE names ${secretsFile}, which does not exist yet (setup --secret-file writes it; restart the bridge once it has)`,
    );
  }

  return {
    ok: true,
    config: {
      port: values.PORT,
      host: values.HOST,
      databaseUrl: values.DATABASE_URL,
      webhookSecrets,
      pagerDutyApiToken: values.PAGERDUTY_API_TOKEN ?? null,
      pagerDutyApiUrl: values.PAGERDUTY_API_URL,
      slackBotToken: values.SLACK_BOT_TOKEN ?? null,
      slackApiUrl: values.SLACK_API_URL,
      slackActionsTriggerUrl: values.SLACK_ACTIONS_TRIGGER_URL ?? null,
      apiTokens: values.PAGERSLACK_API_TOKENS,
      slackSigningSecret: values.SLACK_SIGNING_SECRET ?? null,
      slackMethodBudgets: values.SLACK_METHOD_BUDGETS ??
        DEFAULT_METHOD_BUDGETS,
      retentionDays: values.RETENTION_DAYS,
      slackClientId: values.SLACK_CLIENT_ID ?? null,
      slackClientSecret: values.SLACK_CLIENT_SECRET ?? null,
      encryptionKey: values.PAGERSLACK_ENCRYPTION_KEY ?? null,
      publicUrl: values.BRIDGE_PUBLIC_URL ?? null,
      stormDigestThreshold: values.STORM_DIGEST_THRESHOLD,
      stormDigestQuietS: values.STORM_DIGEST_QUIET_S,
      oncallPollS: values.ONCALL_POLL_S,
      ...(values.PAGERSLACK_TRUSTED_PROXIES
        ? { trustedProxies: values.PAGERSLACK_TRUSTED_PROXIES }
        : {}),
    },
    logLevel: values.LOG_LEVEL as LogLevel,
    warnings,
  };
}

/** `setup`: only what creating the webhook subscription needs (it runs before Slack is set up). */
export function loadSetupConfig(env: Env): LoadSetupConfigResult {
  const parsed = v.safeParse(
    SETUP_SCHEMA,
    schemaInput(env, SETUP_SCHEMA.entries),
  );
  if (!parsed.success) {
    return {
      ok: false,
      problems: describeIssues(parsed.issues, env),
      warnings: unknownVariableWarnings(env),
    };
  }
  return {
    ok: true,
    config: {
      pagerDutyApiToken: parsed.output.PAGERDUTY_API_TOKEN,
      pagerDutyApiUrl: parsed.output.PAGERDUTY_API_URL,
    },
    warnings: unknownVariableWarnings(env),
  };
}
