// Shared wiring for the bridge's tests: a silent logger, a fresh metrics registry, signed webhook requests.
import type { Hono } from "hono";
import pino from "pino";
import { afterEach, beforeEach } from "vitest";
import { type Database, openDatabase } from "../../bridge/db/open-database.ts";
import { createBridgeApp } from "../../bridge/server.ts";
import type { SlackClient } from "../../bridge/slack/slack-client.ts";
import { createBridgeMetrics } from "../../bridge/ops/bridge-metrics.ts";
import { signBody } from "../../bridge/webhooks/verify-signature.ts";
import type { WebhookEvent } from "../../shared/pagerduty/webhook-event.ts";

export const silentLogger = () => pino({ level: "silent" });

export interface CapturedLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A logger whose JSON lines the test reads; `atLeast(50)` is the error lines. */
export function capturingLogger(level = "debug") {
  const lines: CapturedLine[] = [];
  const logger = pino({ level }, {
    write: (line: string) => lines.push(JSON.parse(line) as CapturedLine),
  });
  return {
    logger,
    lines,
    atLeast: (min: number) => lines.filter((l) => l.level >= min),
  };
}
export const testMetrics = () => createBridgeMetrics();

export const TEST_SECRETS = ["whsec-current", "whsec-next"];
export const TEST_API_TOKEN = "api-token-for-tests";

/** A webhook delivery as PagerDuty sends it: signed raw body, V3 headers. */
export function webhookRequest(
  event: WebhookEvent,
  { secrets = [TEST_SECRETS[0] as string], webhookId = `wh-${event.id}` }: {
    secrets?: string[];
    webhookId?: string;
  } = {},
): RequestInit {
  const body = JSON.stringify({ event });
  return {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-PagerDuty-Signature": signBody(body, secrets),
      "X-Webhook-Id": webhookId,
      "User-Agent": "PagerDuty-Webhook/V3.0",
    },
  };
}

/** A response's JSON body, loosely typed for assertions. */
// deno-lint-ignore no-explicit-any
export async function jsonOf(response: Response): Promise<any> {
  return await response.json();
}

/** A Slack client for tests that must not reach Slack. */
export const noSlack: SlackClient = {
  call: () => Promise.reject(new Error("no Slack in this test")),
};

/**
 * The bridge's HTTP app on a fresh in-memory database per test, with its log lines kept: what a refused request
 * leaves behind.
 */
export function useLoggedBridgeApp() {
  let database: Database | undefined;
  const state = {
    app: undefined as unknown as Hono,
    lines: [] as string[],
    warnings: () =>
      state.lines.map((line) => JSON.parse(line)).filter((line) =>
        line.level === 40
      ),
  };
  beforeEach(async () => {
    database = openDatabase(":memory:");
    await database.migrate();
    state.lines = [];
    state.app = createBridgeApp({
      db: database.db,
      isReady: database.readiness,
      slack: noSlack,
      metrics: testMetrics(),
      logger: pino({ level: "debug" }, {
        write: (line) => state.lines.push(line),
      }),
      webhookSecrets: TEST_SECRETS,
      apiTokens: [TEST_API_TOKEN],
    });
  });
  afterEach(() => database?.close());
  return state;
}
