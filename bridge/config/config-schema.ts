// The environment the bridge and its commands read, as valibot schemas: one entry per variable. Inputs are
// trimmed strings, or undefined when unset or blank. An issue's message is what follows the variable's name in
// a `configuration error:` line, so a schema of a secret never quotes its input.
import { isIP } from "node:net";
import * as v from "valibot";
import { DEFAULT_METHOD_BUDGETS } from "../slack/slack-method-budgets.ts";
import { DEFAULT_RETENTION_DAYS } from "../ops/prune-history.ts";
import { MIN_ENCRYPTION_KEY_LENGTH } from "../secrets/secret-box.ts";

/** New cards due in one channel beyond which it gets a storm digest instead (STORM_DIGEST_THRESHOLD). */
export const DEFAULT_STORM_DIGEST_THRESHOLD = 10;

export const CONFIG_DEFAULTS = {
  PORT: "8080",
  HOST: "0.0.0.0",
  DATABASE_URL: "sqlite:./data/pagerslack.db",
  PAGERDUTY_API_URL: "https://api.pagerduty.com",
  SLACK_API_URL: "https://slack.com/api/",
  LOG_LEVEL: "info",
} as const;

/** pino's levels (`pino.levels.values`) and `silent`; pino throws on anything else. */
export const LOG_LEVELS = [
  "fatal",
  "error",
  "warn",
  "info",
  "debug",
  "trace",
  "silent",
] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const required = (what: string) => v.string(`is required (${what})`);

/** Comma-separated, no blank entries (a stray comma is a mistake worth saying, not a secret to drop). */
const commaList = (missing?: string) =>
  v.pipe(
    v.string(missing),
    v.check(
      (text) => text.split(",").every((item) => item.trim() !== ""),
      "has an empty entry (comma-separated, no blanks)",
    ),
    v.transform((text) => text.split(",").map((item) => item.trim())),
  );

const httpUrl = (what: string) =>
  v.pipe(
    v.string(),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      let protocol: string;
      try {
        protocol = new URL(dataset.value).protocol;
      } catch {
        addIssue({ message: `is not a valid URL (${what})` });
        return;
      }
      if (protocol !== "http:" && protocol !== "https:") {
        addIssue({ message: `must be an http(s) URL (${what})` });
      }
    }),
  );

const wholeNumber = (
  message: (input: string) => string,
  accept: (n: number) => boolean,
) =>
  v.pipe(
    v.string(),
    v.check(
      (text) => /^\d+$/.test(text) && accept(Number(text)),
      (issue) => message(String(issue.input)),
    ),
    v.transform(Number),
  );

/**
 * `SLACK_METHOD_BUDGETS`: unset keeps Slack's published tiers; `method=perMinute,…` overrides some of them
 * (a workspace Slack granted more); `off` drops the bridge's own pacing of methods, for a server that is not
 * Slack (a simulator, a proxy that paces for us). Slack's 429 answers are honoured whatever this says.
 */
const methodBudgets = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue }) => {
    // Distinct from "no overrides": off drops the budgets, where an empty map would keep Slack's tiers.
    if (dataset.value.trim().toLowerCase() === "off") return "off" as const;
    const budgets: Record<string, number> = { ...DEFAULT_METHOD_BUDGETS };
    for (const entry of dataset.value.split(",")) {
      const match = /^\s*([a-z]+(?:\.[a-zA-Z]+)+)\s*=\s*(\d+)\s*$/.exec(entry);
      const perMinute = Number(match?.[2]);
      if (!match?.[1] || !(perMinute > 0)) {
        addIssue({
          message:
            `must be "off" or method=callsPerMinute pairs (e.g. chat.update=50), got "${entry.trim()}"`,
        });
        continue;
      }
      budgets[match[1]] = perMinute;
    }
    return budgets as Readonly<Record<string, number>> | "off";
  }),
);

const databaseUrl = v.pipe(
  v.string(),
  v.check(
    // A URL other than postgres:// would otherwise be taken for a file name.
    (url) =>
      !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ||
      /^postgres(ql)?:\/\//i.test(url),
    "must be sqlite:<path>, a file path, :memory: or postgres://…",
  ),
);

const PAGERDUTY_API_URL = v.optional(
  v.pipe(
    httpUrl("PagerDuty REST API base"),
    v.transform((url) => url.replace(/\/+$/, "")),
  ),
  CONFIG_DEFAULTS.PAGERDUTY_API_URL,
);

/** What `bridge/main.ts` (and `doctor`, which checks the same deployment) reads. */
export const BRIDGE_SCHEMA = v.object({
  PORT: v.optional(
    wholeNumber(
      (got) => `must be an integer from 0 to 65535, got "${got}"`,
      (port) => port <= 65535,
    ),
    CONFIG_DEFAULTS.PORT,
  ),
  HOST: v.optional(v.string(), CONFIG_DEFAULTS.HOST),
  DATABASE_URL: v.optional(databaseUrl, CONFIG_DEFAULTS.DATABASE_URL),
  // Optional: PagerDuty shows the signing secret only when `setup` creates the subscription, which needs the
  // bridge's public URL, so the bridge runs before it exists (and answers webhooks 503 until then).
  PAGERDUTY_WEBHOOK_SECRETS: v.optional(commaList()),
  PAGERDUTY_WEBHOOK_SECRETS_FILE: v.optional(v.string()),
  PAGERDUTY_API_TOKEN: v.optional(v.string()),
  PAGERDUTY_API_URL,
  // Optional once "Add to Slack" is set up (SLACK_CLIENT_ID/SECRET): each workspace's token then comes from its
  // installation. load-config.ts requires one or the other.
  SLACK_BOT_TOKEN: v.optional(
    v.pipe(
      v.string(),
      v.startsWith("xoxb-", "must be a bot token (xoxb-…)"),
    ),
  ),
  SLACK_API_URL: v.optional(
    v.pipe(
      httpUrl("Slack Web API base"),
      v.transform((url) => url.endsWith("/") ? url : `${url}/`),
    ),
    CONFIG_DEFAULTS.SLACK_API_URL,
  ),
  // Optional: the hosted app (deployed after the bridge) creates this trigger; cards have no buttons until then.
  SLACK_ACTIONS_TRIGGER_URL: v.optional(
    httpUrl("the hosted app's incident-actions link trigger"),
  ),
  // Optional: only the `/pd` slash command needs it (POST /slack/commands answers 503 until it is set). The
  // app's "Signing Secret" (Basic Information → App Credentials), not its bot token.
  SLACK_SIGNING_SECRET: v.optional(v.string()),
  PAGERSLACK_API_TOKENS: v.pipe(
    commaList(
      "is required (bearer tokens accepted by the bridge API, generated by you)",
    ),
    // RFC 6750's b64token, which hono/bearer-auth enforces: any other token would be refused on every request.
    v.check(
      // `T0123ABC:token` limits a token to one Slack workspace (bridge/api/api-token-teams.ts).
      (tokens) =>
        tokens.every((token) =>
          /^(T[A-Z0-9]{2,}:)?[A-Za-z0-9._~+/-]+=*$/.test(token)
        ),
      "each token may hold only letters, digits and - . _ ~ + / (e.g. `openssl rand -hex 32`), optionally after a Slack team id and a colon (T0123ABC:token) to limit it to that workspace",
    ),
  ),
  LOG_LEVEL: v.optional(
    v.pipe(
      v.string(),
      v.toLowerCase(),
      v.picklist(
        LOG_LEVELS,
        (issue) =>
          `must be one of ${LOG_LEVELS.join(", ")}, got "${issue.input}"`,
      ),
    ),
    CONFIG_DEFAULTS.LOG_LEVEL,
  ),
  SLACK_METHOD_BUDGETS: v.optional(methodBudgets),
  RETENTION_DAYS: v.optional(
    wholeNumber(
      (got) => `must be a whole number of days, at least 1, got "${got}"`,
      (days) => days >= 1,
    ),
    String(DEFAULT_RETENTION_DAYS),
  ),
  // "Add to Slack" (bridge/install/): the bridge's Slack app's OAuth credentials (Basic Information → App
  // Credentials). With them, any number of workspaces install the bot; SLACK_BOT_TOKEN stays for one.
  SLACK_CLIENT_ID: v.optional(v.string()),
  SLACK_CLIENT_SECRET: v.optional(v.string()),
  // Seals the secrets the bridge keeps in its database (workspaces' bot tokens, the PagerDuty webhook secret).
  PAGERSLACK_ENCRYPTION_KEY: v.optional(
    v.pipe(
      v.string(),
      v.minLength(
        MIN_ENCRYPTION_KEY_LENGTH,
        `must be at least ${MIN_ENCRYPTION_KEY_LENGTH} characters (e.g. \`openssl rand -hex 32\`)`,
      ),
    ),
  ),
  // The bridge's public https URL: the OAuth redirect and the PagerDuty webhook subscription are built from it.
  BRIDGE_PUBLIC_URL: v.optional(
    v.pipe(
      httpUrl("the bridge's public base URL, as Slack and PagerDuty reach it"),
      v.transform((url) => url.replace(/\/+$/, "")),
    ),
  ),
  // Addresses of the TLS proxies in front of the bridge, comma-separated: only from them is X-Forwarded-For
  // believed (the login rate limit's client address). Unset, the header is ignored.
  PAGERSLACK_TRUSTED_PROXIES: v.optional(
    v.pipe(
      v.string(),
      v.transform((list) =>
        list.split(",").map((a) => a.trim()).filter((a) => a !== "")
      ),
      v.check(
        (list) => list.every((a) => isIP(a) !== 0),
        "must be IP addresses separated by commas (e.g. 10.0.0.2,::1)",
      ),
    ),
  ),
  // How many new cards may be due in one channel before it switches to a storm digest (issue 17).
  STORM_DIGEST_THRESHOLD: v.optional(
    wholeNumber(
      (got) => `must be a whole number of cards, at least 2, got "${got}"`,
      (cards) => cards >= 2,
    ),
    String(DEFAULT_STORM_DIGEST_THRESHOLD),
  ),
  // Seconds without a new incident after which a storm is over and new incidents get cards again.
  STORM_DIGEST_QUIET_S: v.optional(
    wholeNumber(
      (got) => `must be a whole number of seconds, at least 1, got "${got}"`,
      (seconds) => seconds >= 1,
    ),
    "60",
  ),
  // How often on-call user groups and handoffs look at PagerDuty's GET /oncalls (it has no on-call webhook).
  ONCALL_POLL_S: v.optional(
    wholeNumber(
      (got) => `must be a whole number of seconds from 1 to 60, got "${got}"`,
      (seconds) => seconds >= 1 && seconds <= 60,
    ),
    "60",
  ),
});

/** `setup` creates the webhook subscription before anything else exists: a PagerDuty key is all it needs. */
export const SETUP_SCHEMA = v.object({
  PAGERDUTY_API_TOKEN: required(
    "setup needs a full-access REST API key to create the webhook subscription",
  ),
  PAGERDUTY_API_URL,
});

/** Every variable the bridge or its commands read (typos are compared with these). */
export const KNOWN_VARIABLES: readonly string[] = [
  ...new Set([
    ...Object.keys(BRIDGE_SCHEMA.entries),
    ...Object.keys(SETUP_SCHEMA.entries),
  ]),
];
