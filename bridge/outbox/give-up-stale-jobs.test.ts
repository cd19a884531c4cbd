import { describe, expect, it } from "vitest";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import { giveUpStaleJobs } from "./give-up-stale-jobs.ts";

const dialects = await testDialects();
const NOW = new Date("2026-11-29T12:00:00.000Z");
const daysAgo = (days: number) =>
  new Date(NOW.getTime() - days * 86_400_000).toISOString();

describe.each(dialects)("giveUpStaleJobs on $dialect", ({ dialect, skip }) => {
  describe.skipIf(skip !== null)(skip ?? "available", () => {
    let database: TestDatabase;
    useTestDatabase(dialect, ["outbox"], (opened) => (database = opened));

    const job = (
      key: string,
      status: "pending" | "done",
      ageDays: number,
      lastError: string | null,
    ) =>
      database.db.insertInto("outbox").values({
        kind: "card",
        dedupe_key: key,
        incident_id: "PINC1",
        channel_id: "C1",
        payload: "{}",
        status,
        version: 1,
        attempts: 0,
        available_at: daysAgo(ageDays),
        last_error: lastError,
        enqueued_at: daysAgo(ageDays),
        created_at: daysAgo(ageDays),
      }).execute();

    it("gives up only on pending work older than the retention window, and counts it by its last error", async () => {
      await job("stale-parked-1", "pending", 31, "not_in_channel");
      await job("stale-parked-2", "pending", 40, "not_in_channel");
      await job("stale-outage", "pending", 35, "http_503");
      await job("stale-never-tried", "pending", 31, null);
      await job("recent-parked", "pending", 29, "not_in_channel");
      await job("old-done", "done", 60, null);

      const givenUp = await giveUpStaleJobs({
        db: database.db,
        retentionDays: 30,
        now: () => NOW,
        batchSize: 2,
      });
      expect(Object.fromEntries(givenUp)).toEqual({
        not_in_channel: 2,
        http_503: 1,
        none: 1,
      });
      const rows = await database.db.selectFrom("outbox")
        .select(["dedupe_key", "status", "last_error"]).orderBy("dedupe_key")
        .execute();
      expect(rows).toEqual([
        { dedupe_key: "old-done", status: "done", last_error: null },
        {
          dedupe_key: "recent-parked",
          status: "pending",
          last_error: "not_in_channel",
        },
        {
          dedupe_key: "stale-never-tried",
          status: "failed",
          last_error: "given_up: none",
        },
        {
          dedupe_key: "stale-outage",
          status: "failed",
          last_error: "given_up: http_503",
        },
        {
          dedupe_key: "stale-parked-1",
          status: "failed",
          last_error: "given_up: not_in_channel",
        },
        {
          dedupe_key: "stale-parked-2",
          status: "failed",
          last_error: "given_up: not_in_channel",
        },
      ]);
      // A second pass finds nothing more to give up.
      expect(
        (await giveUpStaleJobs({
          db: database.db,
          retentionDays: 30,
          now: () => NOW,
        })).size,
      ).toBe(0);
    });
  });
});
