import { describe, expect, it } from "vitest";
import type { InboxStatus, OutboxStatus } from "../db/database.ts";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import { pruneHistory } from "./prune-history.ts";

const dialects = await testDialects();
const NOW = new Date("2026-11-29T12:00:00.000Z");
const daysAgo = (days: number) =>
  new Date(NOW.getTime() - days * 86_400_000).toISOString();

describe.each(dialects)("pruneHistory on $dialect", ({ dialect, skip }) => {
  describe.skipIf(skip !== null)(skip ?? "available", () => {
    let database: TestDatabase;
    useTestDatabase(
      dialect,
      ["webhook_inbox", "outbox"],
      (opened) => (database = opened),
    );

    const event = (
      id: string,
      incidentId: string,
      status: InboxStatus,
      ageDays: number,
    ) =>
      database.db.insertInto("webhook_inbox").values({
        event_id: id,
        webhook_id: null,
        event_type: "incident.annotated",
        incident_id: incidentId,
        occurred_at: daysAgo(ageDays),
        body: JSON.stringify({ event: { id } }),
        status,
        received_at: daysAgo(ageDays),
        processed_at: status === "done" ? daysAgo(ageDays) : null,
      }).execute();
    const job = (
      key: string,
      incidentId: string,
      status: OutboxStatus,
      ageDays: number,
    ) =>
      database.db.insertInto("outbox").values({
        kind: "update",
        dedupe_key: key,
        incident_id: incidentId,
        channel_id: "C1",
        payload: "{}",
        status,
        version: 1,
        attempts: 0,
        available_at: daysAgo(ageDays),
        last_error: null,
        enqueued_at: daysAgo(ageDays),
        created_at: daysAgo(ageDays),
      }).execute();
    const remaining = async () => ({
      inbox: (await database.db.selectFrom("webhook_inbox").select("event_id")
        .orderBy("event_id").execute()).map((r) => r.event_id),
      outbox: (await database.db.selectFrom("outbox").select("dedupe_key")
        .orderBy("dedupe_key").execute()).map((r) => r.dedupe_key),
    });

    it("deletes finished rows older than the window and keeps everything still needed", async () => {
      await event("E-old-done", "P1", "done", 31);
      await event("E-old-ignored", "P1", "ignored", 40);
      await event("E-recent-done", "P1", "done", 29);
      // Waiting for the incident's trigger: never pruned.
      await event("E-old-deferred", "P2", "deferred", 60);
      await event("E-old-pending", "P2", "pending", 60);
      // Its update message has not gone out yet and will read this body.
      await event("E-old-busy", "P3", "done", 45);
      await job("update:busy", "P3", "pending", 45);
      await job("update:old-done", "P1", "done", 31);
      await job("update:old-failed", "P1", "failed", 35);
      await job("update:recent", "P1", "done", 2);

      const result = await pruneHistory({
        db: database.db,
        retentionDays: 30,
        now: () => NOW,
      });

      expect(result).toEqual({ inbox: 2, outbox: 2 });
      expect(await remaining()).toEqual({
        inbox: [
          "E-old-busy",
          "E-old-deferred",
          "E-old-pending",
          "E-recent-done",
        ],
        outbox: ["update:busy", "update:recent"],
      });
    });

    it("works in batches until nothing old is left", async () => {
      for (let i = 0; i < 7; i += 1) {
        await event(`E${i}`, "P1", "done", 100);
        await job(`update:${i}`, "P1", "done", 100);
      }
      const result = await pruneHistory({
        db: database.db,
        retentionDays: 30,
        now: () => NOW,
        batchSize: 3,
      });
      expect(result).toEqual({ inbox: 7, outbox: 7 });
      expect(await remaining()).toEqual({ inbox: [], outbox: [] });
    });

    it("keeps a set-aside event for the window after it was set aside, however old its receipt", async () => {
      const setAside = (id: string, receivedDays: number, asideDays: number) =>
        database.db.insertInto("webhook_inbox").values({
          event_id: id,
          webhook_id: null,
          event_type: "incident.triggered",
          incident_id: "P9",
          occurred_at: daysAgo(receivedDays),
          body: JSON.stringify({ event: { id } }),
          status: "failed",
          received_at: daysAgo(receivedDays),
          processed_at: daysAgo(asideDays),
          attempts: 5,
          last_error: "Error: refused",
        }).execute();
      await setAside("E-aside-recently", 40, 2);
      await setAside("E-aside-long-ago", 60, 31);
      expect(
        await pruneHistory({
          db: database.db,
          retentionDays: 30,
          now: () => NOW,
        }),
      ).toEqual({ inbox: 1, outbox: 0 });
      expect((await remaining()).inbox).toEqual(["E-aside-recently"]);
    });
  });
});
