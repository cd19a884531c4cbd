// What a refused webhook leaves behind: a flood of them is a line and a summary, not a line each; a body that
// is not JSON is answered and logged by position, never quoted.
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeIncidentEvent } from "../../shared/incident/fixtures.ts";
import { type Database, openDatabase } from "../db/open-database.ts";
import { createBridgeApp } from "../server.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import {
  jsonOf,
  TEST_API_TOKEN,
  TEST_SECRETS,
  testMetrics,
  webhookRequest,
} from "../test-support.ts";
import { signBody } from "./verify-signature.ts";

const noSlack: SlackClient = {
  call: () => Promise.reject(new Error("no Slack in this test")),
};

let database: Database;
let app: ReturnType<typeof createBridgeApp>;
let lines: string[];

beforeEach(async () => {
  database = openDatabase(":memory:");
  await database.migrate();
  lines = [];
  app = createBridgeApp({
    db: database.db,
    isReady: database.readiness,
    slack: noSlack,
    metrics: testMetrics(),
    logger: pino({ level: "debug" }, { write: (line) => lines.push(line) }),
    webhookSecrets: TEST_SECRETS,
    apiTokens: [TEST_API_TOKEN],
  });
});
afterEach(() => database.close());

const warnings = () =>
  lines.map((line) => JSON.parse(line)).filter((line) => line.level === 40);

describe("refused webhooks in the log", () => {
  it("a flood of bad signatures writes one warning, not one per request", async () => {
    for (let i = 0; i < 200; i += 1) {
      const response = await app.request(
        "/webhooks/pagerduty",
        webhookRequest(makeIncidentEvent("incident.triggered"), {
          secrets: ["an-old-secret"],
        }),
      );
      expect(response.status).toBe(401);
    }
    expect(warnings()).toEqual([
      expect.objectContaining({
        msg: "webhook rejected",
        status: 401,
        reason: "missing or invalid X-PagerDuty-Signature",
      }),
    ]);
  });

  it("a body that is not JSON is answered and logged by position, without quoting it", async () => {
    const body = '{"event": {"id": "E1", "note": sk-live-pasted-secret}}';
    const response = await app.request("/webhooks/pagerduty", {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        "X-PagerDuty-Signature": signBody(body, TEST_SECRETS),
      },
    });
    expect(response.status).toBe(400);
    const { error } = await jsonOf(response);
    expect(error).toBe(
      "body is not valid JSON: unexpected character at position 31 (line 1, column 32)",
    );
    expect(warnings()).toEqual([
      expect.objectContaining({ status: 400, reason: error }),
    ]);
    expect(lines.join("\n")).not.toContain("sk-live");
  });
});
