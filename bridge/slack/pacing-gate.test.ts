import { describe, expect, it } from "vitest";
import { openDatabase } from "../db/open-database.ts";
import {
  openTestDatabase,
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import { loadConfig } from "../config/load-config.ts";
import {
  createPacingGate,
  pacingGateOptions,
  type PacingKey,
} from "./pacing-gate.ts";

const dialects = await testDialects();
const T0 = Date.parse("2026-01-01T00:00:00Z");
/** The least configuration loadConfig accepts. */
const MINIMAL_ENV = {
  SLACK_BOT_TOKEN: "xoxb-test",
  PAGERSLACK_API_TOKENS: "api-token",
};
const permalink: PacingKey = { workspace: "T1", method: "chat.getPermalink" };

for (const { dialect, skip } of dialects) {
  describe.skipIf(skip)(`pacing gate (${dialect})`, () => {
    let database!: TestDatabase;
    useTestDatabase(dialect, ["slack_pacing"], (d) => (database = d));

    it("allows the burst, then one call per interval", async () => {
      // 10 per minute: burst 2, one slot every 6 s.
      const gate = createPacingGate(database.db, {
        perMinute: { "chat.getPermalink": 10 },
      });
      expect(await gate.take(permalink, T0)).toEqual({ ok: true });
      expect(await gate.take(permalink, T0)).toEqual({ ok: true });
      expect(await gate.take(permalink, T0)).toEqual({
        ok: false,
        waitMs: 6000,
      });
      expect(await gate.waitFor(permalink, T0 + 1000)).toBe(5000);
      expect(await gate.take(permalink, T0 + 5999)).toMatchObject({
        ok: false,
      });
      expect(await gate.take(permalink, T0 + 6000)).toEqual({ ok: true });
      expect(await gate.take(permalink, T0 + 6000)).toMatchObject({
        ok: false,
      });
    });

    it("keeps budgets apart per workspace and method", async () => {
      const gate = createPacingGate(database.db, {
        perMinute: { "chat.getPermalink": 1, "chat.update": 1 },
      });
      expect(await gate.take(permalink, T0)).toEqual({ ok: true });
      expect(await gate.take(permalink, T0)).toEqual({
        ok: false,
        waitMs: 60_000,
      });
      expect(await gate.take({ ...permalink, workspace: "T2" }, T0)).toEqual({
        ok: true,
      });
      expect(await gate.take({ ...permalink, method: "chat.update" }, T0))
        .toEqual({ ok: true });
    });

    it("paces chat.postMessage per channel and takes both budgets or neither", async () => {
      // Workspace budget 2 per minute (burst 1): the channel budget (1 per second, burst 3) is not the limit.
      const gate = createPacingGate(database.db, {
        perMinute: { "chat.postMessage": 2 },
      });
      const post = (channel: string): PacingKey => ({
        workspace: "T1",
        method: "chat.postMessage",
        channel,
      });
      expect(await gate.take(post("C1"), T0)).toEqual({ ok: true });
      // The workspace refuses C2's post: C2's channel budget must stay untouched.
      expect(await gate.take(post("C2"), T0)).toEqual({
        ok: false,
        waitMs: 30_000,
      });
      const rows = await database.db.selectFrom("slack_pacing").select("key")
        .orderBy("key").execute();
      expect(rows.map((r) => r.key)).toEqual([
        "T1/chat.postMessage",
        "T1/chat.postMessage/C1",
      ]);
    });

    it("paces one channel at one post per second after a burst of 2", async () => {
      const gate = createPacingGate(database.db);
      const key: PacingKey = {
        workspace: "T1",
        method: "chat.postMessage",
        channel: "C1",
      };
      for (let i = 0; i < 2; i++) {
        expect(await gate.take(key, T0)).toEqual({ ok: true });
      }
      expect(await gate.take(key, T0)).toEqual({ ok: false, waitMs: 1000 });
      expect(await gate.take({ ...key, channel: "C2" }, T0)).toEqual({
        ok: true,
      });
      expect(await gate.take(key, T0 + 1000)).toEqual({ ok: true });
    });

    it("with method budgets off, still honours Retry-After and channel pacing", async () => {
      const gate = createPacingGate(database.db, { methodBudgetsOff: true });
      for (let i = 0; i < 200; i++) {
        expect(await gate.take(permalink, T0)).toEqual({ ok: true });
      }
      await gate.hold(permalink, T0 + 5000);
      expect(await gate.take(permalink, T0)).toEqual({
        ok: false,
        waitMs: 5000,
      });
      const post: PacingKey = {
        workspace: "T1",
        method: "chat.postMessage",
        channel: "C1",
      };
      for (let i = 0; i < 3; i++) await gate.take(post, T0);
      expect(await gate.take(post, T0)).toEqual({ ok: false, waitMs: 1000 });
    });

    it("takes SLACK_METHOD_BUDGETS as configuration parses it: overrides, or off", async () => {
      const configured = (value: string) => {
        const loaded = loadConfig({
          ...MINIMAL_ENV,
          SLACK_METHOD_BUDGETS: value,
        });
        if (!loaded.ok) throw new Error(loaded.problems.join("; "));
        return createPacingGate(
          database.db,
          pacingGateOptions(loaded.config.slackMethodBudgets),
        );
      };
      const lowered = configured("chat.getPermalink=1");
      expect(await lowered.take(permalink, T0)).toEqual({ ok: true });
      expect(await lowered.take(permalink, T0)).toEqual({
        ok: false,
        waitMs: 60_000,
      });
      const off = configured("off");
      const other = { ...permalink, workspace: "T2" };
      for (let i = 0; i < 200; i++) {
        expect(await off.take(other, T0)).toEqual({ ok: true });
      }
    });

    it("paces a channel at a shorter post interval when told (tests)", async () => {
      const gate = createPacingGate(database.db, { channelPostIntervalMs: 50 });
      const post: PacingKey = {
        workspace: "T1",
        method: "chat.postMessage",
        channel: "C1",
      };
      for (let i = 0; i < 3; i++) await gate.take(post, T0);
      expect(await gate.take(post, T0)).toEqual({ ok: false, waitMs: 50 });
    });

    it("holds a budget until Retry-After, then allows one call", async () => {
      const gate = createPacingGate(database.db);
      await gate.hold(permalink, T0 + 30_000);
      expect(await gate.waitFor(permalink, T0)).toBe(30_000);
      expect(await gate.take(permalink, T0 + 29_999)).toEqual({
        ok: false,
        waitMs: 1,
      });
      expect(await gate.take(permalink, T0 + 30_000)).toEqual({ ok: true });
      // A shorter hold does not shorten a longer one.
      await gate.hold(permalink, T0 + 90_000);
      await gate.hold(permalink, T0 + 40_000);
      expect(await gate.waitFor(permalink, T0 + 30_000)).toBe(60_000);
    });
  });
}

describe.skipIf(dialects[1]?.skip)(
  "pacing gate shared by replicas (postgres)",
  () => {
    it("two pools hammering one key grant no more than the budget", async () => {
      const first = await openTestDatabase("postgres");
      const second = openDatabase(first.url, {
        schema: first.schema,
        maxConnections: 10,
      });
      try {
        // 30 per minute: burst 6, then one every 2 s. Over 10 s of clock: 6 + 5 = 11 slots.
        const options = { perMinute: { "chat.getPermalink": 30 } };
        const gates = [
          createPacingGate(first.db, options),
          createPacingGate(second.db, options),
        ];
        let granted = 0;
        const started = performance.now();
        for (let step = 0; step <= 10; step++) {
          const now = T0 + step * 1000;
          const answers = await Promise.all(
            Array.from(
              { length: 40 },
              (_, i) => gates[i % 2]!.take(permalink, now),
            ),
          );
          granted += answers.filter((a) => a.ok).length;
        }
        const perCallMs = (performance.now() - started) / (11 * 40);
        console.info(
          `pacing gate: ${perCallMs.toFixed(2)} ms per take under contention`,
        );
        expect(granted).toBe(11);
      } finally {
        await second.close();
        await first.close();
      }
    });
  },
);
