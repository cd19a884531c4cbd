import { readFileSync } from "node:fs";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { DEFAULT_METHOD_BUDGETS } from "../slack/slack-method-budgets.ts";
import { KNOWN_VARIABLES } from "./config-schema.ts";
import { loadConfig, loadSetupConfig, LOG_LEVELS } from "./load-config.ts";

const valid = {
  PAGERDUTY_WEBHOOK_SECRETS: "whsec-one,whsec-two",
  SLACK_BOT_TOKEN: "xoxb-secret-token",
  SLACK_ACTIONS_TRIGGER_URL: "https://slack.com/shortcuts/Ft1/abc",
  PAGERSLACK_API_TOKENS: "api-token-1",
};

describe("loadConfig", () => {
  it("applies the documented defaults", () => {
    const result = loadConfig(valid);
    expect(result).toEqual({
      ok: true,
      logLevel: "info",
      warnings: [],
      config: {
        port: 8080,
        host: "0.0.0.0",
        databaseUrl: "sqlite:./data/pagerslack.db",
        webhookSecrets: ["whsec-one", "whsec-two"],
        pagerDutyApiToken: null,
        pagerDutyApiUrl: "https://api.pagerduty.com",
        slackBotToken: "xoxb-secret-token",
        slackApiUrl: "https://slack.com/api/",
        slackActionsTriggerUrl: "https://slack.com/shortcuts/Ft1/abc",
        apiTokens: ["api-token-1"],
        slackSigningSecret: null,
        slackMethodBudgets: DEFAULT_METHOD_BUDGETS,
        retentionDays: 30,
        slackClientId: null,
        slackClientSecret: null,
        encryptionKey: null,
        publicUrl: null,
        stormDigestThreshold: 10,
        stormDigestQuietS: 60,
        oncallPollS: 60,
      },
    });
  });

  it("paces Slack methods by Slack's tiers unless told otherwise", () => {
    const budgets = (SLACK_METHOD_BUDGETS: string) => {
      const result = loadConfig({ ...valid, SLACK_METHOD_BUDGETS });
      return result.ok ? result.config.slackMethodBudgets : result.problems;
    };
    expect(budgets("chat.update=100")).toEqual({
      ...DEFAULT_METHOD_BUDGETS,
      "chat.update": 100,
    });
    expect(budgets(" OFF ")).toBe("off");
    expect(budgets("chat.update=0, chat.update")).toEqual([
      'SLACK_METHOD_BUDGETS must be "off" or method=callsPerMinute pairs (e.g. chat.update=50), got "chat.update=0"',
      'SLACK_METHOD_BUDGETS must be "off" or method=callsPerMinute pairs (e.g. chat.update=50), got "chat.update"',
    ]);
  });

  it("reports every missing variable on its own line", () => {
    const result = loadConfig({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN is required/),
      expect.stringMatching(/^PAGERSLACK_API_TOKENS is required/),
    ]);
  });

  it("starts before setup and the Slack app exist: no webhook secret, no trigger URL", () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-secret-token",
      PAGERSLACK_API_TOKENS: "api-token-1",
    });
    expect(result.ok && result.config).toMatchObject({
      webhookSecrets: [],
      slackActionsTriggerUrl: null,
    });
  });

  it("reads the secrets file setup writes, and a file not written yet means no secret yet", () => {
    const files: Record<string, string> = {
      "/run/secret": "whsec-from-file\n",
    };
    const read = (path: string) => {
      const text = files[path];
      if (text === undefined) {
        throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      }
      return text;
    };
    const withFile = (PAGERDUTY_WEBHOOK_SECRETS_FILE: string) =>
      loadConfig({ ...valid, PAGERDUTY_WEBHOOK_SECRETS_FILE }, read);
    const found = withFile("/run/secret");
    expect(found.ok && found.config.webhookSecrets).toEqual([
      "whsec-one",
      "whsec-two",
      "whsec-from-file",
    ]);
    const missing = withFile("/run/not-yet");
    expect(missing.ok && missing.config.webhookSecrets).toEqual([
      "whsec-one",
      "whsec-two",
    ]);
  });

  it("refuses a log level pino does not know, before pino would crash on it", () => {
    const result = loadConfig({ ...valid, LOG_LEVEL: "verbose" });
    expect(!result.ok && result.problems).toEqual([
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    ]);
    const upper = loadConfig({ ...valid, LOG_LEVEL: "DEBUG" });
    expect(upper.ok && upper.logLevel).toBe("debug");
  });

  it("warns about a misspelt variable, naming the one meant, and ignores the rest of the environment", () => {
    const result = loadConfig({
      ...valid,
      PAGERDUTY_API_TOKN: "a-secret-key",
      SLACK_BTO_TOKEN: "xoxb-other",
      DATABSE_URL: "postgres://db/x",
      PATH: "/usr/bin",
      HOME: "/root",
    });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      "DATABSE_URL is not a variable the bridge reads (ignored): did you mean DATABASE_URL?",
      "PAGERDUTY_API_TOKN is not a variable the bridge reads (ignored): did you mean PAGERDUTY_API_TOKEN?",
      "SLACK_BTO_TOKEN is not a variable the bridge reads (ignored): did you mean SLACK_BOT_TOKEN?",
    ]);
    expect(result.warnings.join("\n")).not.toContain("a-secret-key");
  });

  it("rejects bad values without echoing secrets", () => {
    const result = loadConfig({
      ...valid,
      PORT: "eighty",
      SLACK_BOT_TOKEN: "xoxp-user-token-secret",
      SLACK_API_URL: "not a url",
      DATABASE_URL: "mysql://db/x",
      PAGERSLACK_API_TOKENS: "a,,b",
      RETENTION_DAYS: "0",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(6);
    const text = result.problems.join("\n");
    expect(text).not.toContain("xoxp-user-token-secret");
    expect(text).toMatch(/PORT/);
    expect(text).toMatch(/SLACK_API_URL/);
    expect(text).toMatch(/DATABASE_URL/);
    expect(text).toMatch(/RETENTION_DAYS must be a whole number of days/);
  });

  it("refuses an API token the bearer check could never accept, without echoing it", () => {
    const result = loadConfig({
      ...valid,
      PAGERSLACK_API_TOKENS: "good-token,secret with spaces",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.stringMatching(
        /^PAGERSLACK_API_TOKENS each token may hold only letters, digits/,
      ),
    ]);
    expect(result.problems.join("\n")).not.toContain("secret with spaces");
  });

  it("reports every problem at once, with the misspellings that may explain them", () => {
    const result = loadConfig({
      SLACK_BOT_TOKN: "xoxb-secret-token",
      PORT: "99999",
      LOG_LEVEL: "loud",
      PAGERDUTY_WEBHOOK_SECRETS: "whsec-a,",
    }, () => {
      throw Object.assign(new Error("EACCES: permission denied"), {
        code: "EACCES",
      });
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        'PORT must be an integer from 0 to 65535, got "99999"',
        "PAGERDUTY_WEBHOOK_SECRETS has an empty entry (comma-separated, no blanks)",
        expect.stringMatching(/^SLACK_BOT_TOKEN is required/),
        expect.stringMatching(/^PAGERSLACK_API_TOKENS is required/),
        expect.stringMatching(/^LOG_LEVEL must be one of .*got "loud"$/),
      ],
      warnings: [
        "SLACK_BOT_TOKN is not a variable the bridge reads (ignored): did you mean SLACK_BOT_TOKEN?",
      ],
    });
    expect(JSON.stringify(result)).not.toContain("whsec-a");
  });

  it("says a secrets file it cannot read is a problem, never quoting the file", () => {
    const result = loadConfig(
      { ...valid, PAGERDUTY_WEBHOOK_SECRETS_FILE: "/run/secret" },
      () => {
        throw Object.assign(
          new Error("EACCES: permission denied, open '/run/secret'"),
          { code: "EACCES" },
        );
      },
    );
    expect(!result.ok && result.problems).toEqual([
      "PAGERDUTY_WEBHOOK_SECRETS_FILE cannot be read: EACCES: permission denied, open '/run/secret'",
    ]);
    const notYet = loadConfig(
      { ...valid, PAGERDUTY_WEBHOOK_SECRETS_FILE: "/data/secret" },
      () => {
        throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      },
    );
    expect(notYet.warnings).toEqual([
      "PAGERDUTY_WEBHOOK_SECRETS_FILE names /data/secret, which does not exist yet (setup --secret-file writes it; restart the bridge once it has)",
    ]);
  });

  it("knows exactly pino's levels", () => {
    expect([...LOG_LEVELS].sort()).toEqual(
      [...Object.keys(pino.levels.values), "silent"].sort(),
    );
  });

  it("needs only a PagerDuty key for setup, which runs before Slack and the secret exist", () => {
    expect(loadSetupConfig({ PAGERDUTY_API_TOKEN: "pd-key" })).toEqual({
      ok: true,
      config: {
        pagerDutyApiToken: "pd-key",
        pagerDutyApiUrl: "https://api.pagerduty.com",
      },
      warnings: [],
    });
    expect(loadSetupConfig({ PAGERDUTY_API_TOKN: "pd-key" })).toEqual({
      ok: false,
      problems: [
        "PAGERDUTY_API_TOKEN is required (setup needs a full-access REST API key to create the webhook subscription)",
      ],
      warnings: [
        "PAGERDUTY_API_TOKN is not a variable the bridge reads (ignored): did you mean PAGERDUTY_API_TOKEN?",
      ],
    });
  });

  it("documents every variable in bridge/README.md's configuration table", () => {
    const readme = readFileSync(
      new URL("../README.md", import.meta.url),
      "utf8",
    );
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((m) =>
      m[1]
    );
    expect([...documented].sort()).toEqual([...KNOWN_VARIABLES].sort());
  });

  it("accepts file paths, :memory: and postgres URLs for the database", () => {
    for (const url of ["./x.db", ":memory:", "postgres://u@h/db"]) {
      const result = loadConfig({ ...valid, DATABASE_URL: url });
      expect(result.ok && result.config.databaseUrl).toBe(url);
    }
  });
});

describe("Slack credentials for several workspaces", () => {
  const base = { PAGERSLACK_API_TOKENS: "api-token" };

  it("runs without SLACK_BOT_TOKEN when Add to Slack is set up", () => {
    const result = loadConfig({
      ...base,
      SLACK_CLIENT_ID: "1234.5678",
      SLACK_CLIENT_SECRET: "client-secret",
      PAGERSLACK_ENCRYPTION_KEY: "an-encryption-key-of-forty-characters!!",
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.config.slackBotToken).toBeNull();
  });

  it("says what is missing: the client secret, and the key that seals installed tokens", () => {
    const result = loadConfig({ ...base, SLACK_CLIENT_ID: "1234.5678" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.stringMatching(
        /^SLACK_CLIENT_SECRET is required with SLACK_CLIENT_ID/,
      ),
      expect.stringMatching(
        /^PAGERSLACK_ENCRYPTION_KEY is required with SLACK_CLIENT_ID/,
      ),
    ]);
  });

  it("accepts API tokens limited to one workspace (T…:token)", () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-secret-token",
      PAGERSLACK_API_TOKENS: "any-token,T0ACME:acme-token",
    });
    expect(result.ok).toBe(true);
  });
});
