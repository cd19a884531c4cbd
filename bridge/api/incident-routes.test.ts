// The bridge API's incident channels under the shared pacing gate, wired as start-bridge.ts does: a request
// waits a few seconds for Slack's budget, and past that is told when to try again.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Harness,
  HARNESS_WORKSPACE,
  startHarness,
} from "../../test/support/sender-harness.ts";
import { createBridgeApp } from "../server.ts";
import { createSlackClient } from "../slack/slack-client.ts";
import { createPacedSlackClient } from "../slack/paced-slack-client.ts";
import { createPacingGate } from "../slack/pacing-gate.ts";
import {
  jsonOf,
  silentLogger,
  TEST_API_TOKEN,
  TEST_SECRETS,
} from "../../test/support/bridge-test-support.ts";

let h: Harness;
beforeEach(async () => {
  h = await startHarness("sqlite");
});
afterEach(() => h.close());

/** The API with conversations.create budgeted at `perMinute`; its sleeps move the harness's clock. */
function apiWithBudget(perMinute: number) {
  const app = createBridgeApp({
    db: h.database.db,
    isReady: h.database.isReady,
    slack: createPacedSlackClient({
      slack: createSlackClient({ token: h.botToken, slackApiUrl: h.slack.url }),
      gate: createPacingGate(h.database.db, {
        perMinute: { "conversations.create": perMinute },
      }),
      workspace: HARNESS_WORKSPACE,
      now: () => h.clock.ms,
      sleep: (ms) => {
        h.clock.ms += ms;
        return Promise.resolve();
      },
      maxWaitMs: 5000,
    }),
    metrics: h.metrics,
    logger: silentLogger(),
    webhookSecrets: TEST_SECRETS,
    apiTokens: [TEST_API_TOKEN],
    now: () => new Date(h.clock.ms),
  });
  return (incidentId: string) =>
    app.request(`/api/v1/incidents/${incidentId}/channels`, {
      method: "POST",
      body: JSON.stringify({ create: { private: false } }),
      headers: {
        Authorization: `Bearer ${TEST_API_TOKEN}`,
        "Content-Type": "application/json",
      },
    });
}

describe("creating incident channels under Slack's budget", () => {
  it("waits for a slot that comes within a few seconds", async () => {
    const create = apiWithBudget(15); // one every 4 s after a burst of 3
    const start = h.clock.ms;
    for (const id of ["PINC001", "PINC002", "PINC003", "PINC004"]) {
      expect((await create(id)).status).toBe(201);
    }
    const calls = h.slack.calls({ method: "conversations.create" });
    expect(calls.map((c) => c.time - start)).toEqual([0, 0, 0, 4000]);
  });

  it("answers 503 with Retry-After when the budget is spent for longer, without calling Slack", async () => {
    const create = apiWithBudget(1);
    expect((await create("PINC001")).status).toBe(201);
    const refused = await create("PINC002");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("Retry-After")).toBe("60");
    expect((await jsonOf(refused)).error).toMatch(/try again in 60 s/);
    expect(h.slack.calls({ method: "conversations.create" })).toHaveLength(1);
  });
});
