import { describe, expect, it } from "vitest";
import { DEFAULT_METHOD_BUDGETS } from "../outbox/method-budget.ts";
import { loadConfig } from "./load-config.ts";

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
        slackMethodBudgets: DEFAULT_METHOD_BUDGETS,
        retentionDays: 30,
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
    expect(budgets(" OFF ")).toEqual({});
    expect(budgets("chat.update=0, chat.update")).toEqual([
      'SLACK_METHOD_BUDGETS must be "off" or method=callsPerMinute pairs (e.g. chat.update=50), got "chat.update=0"',
      'SLACK_METHOD_BUDGETS must be "off" or method=callsPerMinute pairs (e.g. chat.update=50), got "chat.update"',
    ]);
  });

  it("reports every missing variable on its own line", () => {
    const result = loadConfig({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(4);
    expect(result.problems.join("\n")).toMatch(/PAGERDUTY_WEBHOOK_SECRETS/);
    expect(result.problems.join("\n")).toMatch(/SLACK_BOT_TOKEN/);
    expect(result.problems.join("\n")).toMatch(/SLACK_ACTIONS_TRIGGER_URL/);
    expect(result.problems.join("\n")).toMatch(/PAGERSLACK_API_TOKENS/);
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

  it("accepts file paths, :memory: and postgres URLs for the database", () => {
    for (const url of ["./x.db", ":memory:", "postgres://u@h/db"]) {
      const result = loadConfig({ ...valid, DATABASE_URL: url });
      expect(result.ok && result.config.databaseUrl).toBe(url);
    }
  });
});
