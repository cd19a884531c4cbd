import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../db/open-database.ts";
import {
  openTestDatabase,
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import { seedWorkspace } from "../../test/simulators/slack/seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../../test/simulators/slack/start-slack-simulator.ts";
import { createBridgeMetrics } from "../ops/bridge-metrics.ts";
import { createPacedSlackClient } from "./paced-slack-client.ts";
import { createPacingGate } from "./pacing-gate.ts";
import { createSlackClient, type SlackClient } from "./slack-client.ts";
import { SlackApiError } from "./slack-errors.ts";

const dialects = await testDialects();
const T0 = Date.parse("2026-01-01T00:00:00Z");

/** A SlackClient that records calls and answers from a script. */
function fakeSlack(answer: () => Awaited<ReturnType<SlackClient["call"]>>) {
  const calls: string[] = [];
  const slack: SlackClient = {
    call(method) {
      calls.push(method);
      return Promise.resolve(answer()) as never;
    },
  };
  return { slack, calls };
}

describe("paced Slack client (sqlite)", () => {
  let database!: TestDatabase;
  useTestDatabase("sqlite", ["slack_pacing"], (d) => (database = d));
  let clock = T0;
  const ok = () => ({ ok: true as const, data: {} });

  it("refuses a call over budget without calling Slack, marked as paced", async () => {
    clock = T0;
    const metrics = createBridgeMetrics();
    const { slack, calls } = fakeSlack(ok);
    const paced = createPacedSlackClient({
      slack,
      gate: createPacingGate(database.db, {
        perMinute: { "chat.getPermalink": 1 },
      }),
      workspace: "T1",
      metrics,
      now: () => clock,
    });
    const args = { channel: "C1", message_ts: "1.0" };
    expect((await paced.call("chat.getPermalink", args)).ok).toBe(true);
    expect(metrics.slackCallsPaced.get({ method: "chat.getPermalink" })).toBe(
      0,
    );
    const refused = await paced.call("chat.getPermalink", args);
    expect(calls).toEqual(["chat.getPermalink"]);
    expect(refused.ok).toBe(false);
    const error = (refused as { error: SlackApiError }).error;
    expect(error).toMatchObject({
      outcome: "rate_limited",
      retryAfterMs: 60_000,
      paced: true,
    });
    expect(await paced.waitFor("chat.getPermalink", args)).toBe(60_000);
    // Counted here, whoever called (outbox, bridge API, enricher): not a Slack 429.
    expect(metrics.slackCallsPaced.get({ method: "chat.getPermalink" })).toBe(
      1,
    );
  });

  it("sleeps for a slot within maxWaitMs, refuses beyond it", async () => {
    clock = T0;
    const { slack, calls } = fakeSlack(ok);
    const slept: number[] = [];
    const paced = createPacedSlackClient({
      slack,
      gate: createPacingGate(database.db, {
        perMinute: { "conversations.create": 1 },
      }),
      workspace: "T1",
      now: () => clock,
      sleep: (ms) => {
        slept.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    });
    const args = { name: "inc-1" };
    expect((await paced.call("conversations.create", args)).ok).toBe(true);
    const tooLong = await paced.call("conversations.create", args, {
      maxWaitMs: 30_000,
    });
    expect(tooLong.ok).toBe(false);
    expect(slept).toEqual([]);
    const waited = await paced.call("conversations.create", args, {
      maxWaitMs: 60_000,
    });
    expect(waited.ok).toBe(true);
    expect(slept).toEqual([60_000]);
    expect(calls).toHaveLength(2);
  });

  it("holds the method and the channel after a real 429, for every client of the database", async () => {
    clock = T0;
    const limited = new SlackApiError({
      method: "chat.postMessage",
      error: "ratelimited",
      outcome: "rate_limited",
      retryAfterMs: 30_000,
    });
    const first = fakeSlack(() => ({ ok: false, error: limited }));
    const second = fakeSlack(ok);
    const gate = createPacingGate(database.db);
    const options = { gate, workspace: "T1", now: () => clock };
    const a = createPacedSlackClient({ ...options, slack: first.slack });
    const b = createPacedSlackClient({ ...options, slack: second.slack });
    const post = { channel: "C1", text: "x" };
    expect((await a.call("chat.postMessage", post)).ok).toBe(false);
    const refused = await b.call("chat.postMessage", post);
    expect(refused.ok).toBe(false);
    expect(second.calls).toEqual([]);
    expect(await b.waitFor("chat.postMessage", { channel: "C2" })).toBe(30_000);
    clock += 30_000;
    expect((await b.call("chat.postMessage", post)).ok).toBe(true);
  });

  it("answers retryable, not a crash, when the gate's database fails", async () => {
    const { slack, calls } = fakeSlack(ok);
    const paced = createPacedSlackClient({
      slack,
      gate: {
        take: () => Promise.reject(new Error("connection refused")),
        waitFor: () => Promise.resolve(0),
        hold: () => Promise.resolve(),
      },
      workspace: "T1",
    });
    const result = await paced.call("auth.test", {});
    expect(result.ok).toBe(false);
    expect((result as { error: SlackApiError }).error).toMatchObject({
      error: "pacing_unavailable",
      outcome: "retryable",
    });
    expect(calls).toEqual([]);
  });

  it("calls Slack unpaced when the gate's database fails, if told to (CLI commands)", async () => {
    const { slack, calls } = fakeSlack(ok);
    const paced = createPacedSlackClient({
      slack,
      gate: {
        take: () => Promise.reject(new Error("relation slack_pacing missing")),
        waitFor: () => Promise.resolve(0),
        hold: () => Promise.resolve(),
      },
      workspace: "T1",
      unpacedWhenGateFails: true,
    });
    expect((await paced.call("auth.test", {})).ok).toBe(true);
    expect(calls).toEqual(["auth.test"]);
  });

  it("waits up to its default maxWaitMs, and reads the workspace when it calls", async () => {
    clock = T0;
    const { slack, calls } = fakeSlack(ok);
    let workspace = "token:abc";
    const paced = createPacedSlackClient({
      slack,
      gate: createPacingGate(database.db, {
        perMinute: { "conversations.invite": 1 },
      }),
      workspace: () => workspace,
      now: () => clock,
      sleep: (ms) => {
        clock += ms;
        return Promise.resolve();
      },
      maxWaitMs: 60_000,
    });
    expect((await paced.call("conversations.invite", {})).ok).toBe(true);
    // Same workspace: waits the minute out, then calls.
    expect((await paced.call("conversations.invite", {})).ok).toBe(true);
    expect(clock).toBe(T0 + 60_000);
    // The team id learnt meanwhile is another budget: no wait.
    workspace = "T9";
    expect((await paced.call("conversations.invite", {})).ok).toBe(true);
    expect(clock).toBe(T0 + 60_000);
    expect(calls).toHaveLength(3);
  });
});

// Issue 13's test, for the client alone: two replicas (two pools on one PostgreSQL schema) against the
// simulator with Slack's limit for chat.getPermalink set to 1 a minute make no more calls than one would, and
// Slack never has to answer 429.
describe.skipIf(dialects[1]?.skip)(
  "two replicas on PostgreSQL against the simulator with tight limits",
  () => {
    let clock = T0;
    let sim: SlackSimulator;
    let first: TestDatabase;
    let secondDb: ReturnType<typeof openDatabase>;
    beforeAll(async () => {
      sim = await startSlackSimulator({
        now: () => clock,
        rateLimits: {
          mode: "realistic",
          perMinute: { "chat.getPermalink": 1 },
        },
      });
      first = await openTestDatabase("postgres");
      secondDb = openDatabase(first.url, { schema: first.schema });
    });
    afterAll(async () => {
      await secondDb?.close();
      await first?.close();
      await sim?.close();
    });

    it("spend one budget between them", async () => {
      const w = seedWorkspace(sim);
      const posted = sim.call("chat.postMessage", {
        channel: w.incidents,
        text: "card",
      }, w.bridgeToken) as { ts: string };
      const replicas = [first.db, secondDb.db].map((db) =>
        createPacedSlackClient({
          slack: createSlackClient({
            token: w.bridgeToken,
            slackApiUrl: sim.url,
          }),
          gate: createPacingGate(db, {
            perMinute: { "chat.getPermalink": 1 },
          }),
          workspace: "T1",
          now: () => clock,
        })
      );
      const args = { channel: w.incidents, message_ts: posted.ts };
      let granted = 0;
      for (let minute = 0; minute < 3; minute++) {
        clock = T0 + minute * 60_000;
        const answers = await Promise.all(
          Array.from(
            { length: 10 },
            (_, i) => replicas[i % 2]!.call("chat.getPermalink", args),
          ),
        );
        granted += answers.filter((a) => a.ok).length;
        expect(
          answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.paced),
        ).toEqual(Array(9).fill(true));
      }
      const slackSaw = sim.calls({ method: "chat.getPermalink" });
      expect(granted).toBe(3);
      expect(slackSaw.map((c) => c.status)).toEqual([200, 200, 200]);
    });
  },
);
