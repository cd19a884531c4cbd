// Configuration comes from the environment only (12-factor). Every problem is reported, one line each, and a
// secret's value never appears in a message: only the variable's name.
import { DEFAULT_METHOD_BUDGETS } from "../outbox/method-budget.ts";
import { DEFAULT_RETENTION_DAYS } from "../ops/prune-history.ts";

export interface BridgeConfig {
  port: number;
  /** Interface to listen on: all of them in a container, loopback in tests. */
  host: string;
  databaseUrl: string;
  webhookSecrets: string[];
  pagerDutyApiToken: string | null;
  pagerDutyApiUrl: string;
  slackBotToken: string;
  slackApiUrl: string;
  slackActionsTriggerUrl: string;
  apiTokens: string[];
  /** Calls per minute the bridge allows itself per Slack method (Slack's tiers unless overridden). */
  slackMethodBudgets: Readonly<Record<string, number>>;
  /** Days finished webhook events and outbox jobs are kept (also how long duplicates are recognised). */
  retentionDays: number;
}

export type LoadConfigResult =
  | { ok: true; config: BridgeConfig }
  | { ok: false; problems: string[] };

export const CONFIG_DEFAULTS = {
  PORT: "8080",
  HOST: "0.0.0.0",
  DATABASE_URL: "sqlite:./data/pagerslack.db",
  PAGERDUTY_API_URL: "https://api.pagerduty.com",
  SLACK_API_URL: "https://slack.com/api/",
} as const;

/** Variables whose values are secrets: never echoed, redacted from logs. */
export const SECRET_VARIABLES = [
  "PAGERDUTY_WEBHOOK_SECRETS",
  "PAGERDUTY_API_TOKEN",
  "SLACK_BOT_TOKEN",
  "PAGERSLACK_API_TOKENS",
] as const;

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env): LoadConfigResult {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === "" ? undefined : raw;
  };
  const required = (name: string, what: string): string => {
    const found = value(name);
    if (found === undefined) problems.push(`${name} is required (${what})`);
    return found ?? "";
  };
  const list = (name: string, what: string): string[] => {
    const raw = required(name, what);
    if (raw === "") return [];
    const items = raw.split(",").map((item) => item.trim());
    if (items.some((item) => item === "")) {
      problems.push(`${name} has an empty entry (comma-separated, no blanks)`);
    }
    return items.filter((item) => item !== "");
  };
  const url = (name: string, fallback: string | undefined, what: string) => {
    const found = fallback === undefined
      ? required(name, what)
      : value(name) ?? fallback;
    if (found === "") return "";
    try {
      const parsed = new URL(found);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
        problems.push(`${name} must be an http(s) URL (${what})`);
      }
    } catch {
      problems.push(`${name} is not a valid URL (${what})`);
    }
    return found;
  };

  const portText = value("PORT") ?? CONFIG_DEFAULTS.PORT;
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    problems.push(`PORT must be an integer from 0 to 65535, got "${portText}"`);
  }

  const databaseUrl = value("DATABASE_URL") ?? CONFIG_DEFAULTS.DATABASE_URL;
  if (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl) &&
    !/^postgres(ql)?:\/\//i.test(databaseUrl)
  ) {
    // A URL other than postgres:// would otherwise be taken for a file name.
    problems.push(
      "DATABASE_URL must be sqlite:<path>, a file path, :memory: or postgres://…",
    );
  }

  const webhookSecrets = list(
    "PAGERDUTY_WEBHOOK_SECRETS",
    "the signing secrets of the PagerDuty webhook subscriptions",
  );
  const slackBotToken = required(
    "SLACK_BOT_TOKEN",
    "the bridge app's bot token",
  );
  if (slackBotToken !== "" && !slackBotToken.startsWith("xoxb-")) {
    problems.push("SLACK_BOT_TOKEN must be a bot token (xoxb-…)");
  }
  const slackApiUrl = url(
    "SLACK_API_URL",
    CONFIG_DEFAULTS.SLACK_API_URL,
    "Slack Web API base",
  );
  const pagerDutyApiUrl = url(
    "PAGERDUTY_API_URL",
    CONFIG_DEFAULTS.PAGERDUTY_API_URL,
    "PagerDuty REST API base",
  );
  const slackActionsTriggerUrl = url(
    "SLACK_ACTIONS_TRIGGER_URL",
    undefined,
    "the hosted app's incident-actions link trigger",
  );
  const apiTokens = list(
    "PAGERSLACK_API_TOKENS",
    "bearer tokens accepted by the bridge API",
  );

  const slackMethodBudgets = methodBudgets(
    value("SLACK_METHOD_BUDGETS"),
    problems,
  );

  const retentionText = value("RETENTION_DAYS") ??
    String(DEFAULT_RETENTION_DAYS);
  const retentionDays = Number(retentionText);
  if (!/^\d+$/.test(retentionText) || retentionDays < 1) {
    problems.push(
      `RETENTION_DAYS must be a whole number of days, at least 1, got "${retentionText}"`,
    );
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      port,
      host: value("HOST") ?? CONFIG_DEFAULTS.HOST,
      databaseUrl,
      webhookSecrets,
      pagerDutyApiToken: value("PAGERDUTY_API_TOKEN") ?? null,
      pagerDutyApiUrl: pagerDutyApiUrl.replace(/\/+$/, ""),
      slackBotToken,
      slackApiUrl: slackApiUrl.endsWith("/") ? slackApiUrl : `${slackApiUrl}/`,
      slackActionsTriggerUrl,
      apiTokens,
      slackMethodBudgets,
      retentionDays,
    },
  };
}

/**
 * `SLACK_METHOD_BUDGETS`: unset keeps Slack's published tiers; `method=perMinute,…` overrides some of them
 * (a workspace Slack granted more); `off` drops the bridge's own pacing of methods, for a server that is not
 * Slack (a simulator, a proxy that paces for us). Slack's 429 answers are honoured whatever this says.
 */
function methodBudgets(
  raw: string | undefined,
  problems: string[],
): Readonly<Record<string, number>> {
  if (raw === undefined) return DEFAULT_METHOD_BUDGETS;
  if (raw.toLowerCase() === "off") return {};
  const budgets: Record<string, number> = { ...DEFAULT_METHOD_BUDGETS };
  for (const entry of raw.split(",")) {
    const match = /^\s*([a-z]+(?:\.[a-zA-Z]+)+)\s*=\s*(\d+)\s*$/.exec(entry);
    const perMinute = Number(match?.[2]);
    if (!match?.[1] || !(perMinute > 0)) {
      problems.push(
        `SLACK_METHOD_BUDGETS must be "off" or method=callsPerMinute pairs (e.g. chat.update=50), got "${entry.trim()}"`,
      );
      continue;
    }
    budgets[match[1]] = perMinute;
  }
  return budgets;
}
