import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { openDatabase, parseDatabaseUrl } from "./open-database.ts";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "./test-databases.ts";

describe("parseDatabaseUrl", () => {
  it.each([
    ["sqlite:./data/pagerslack.db", {
      dialect: "sqlite",
      path: "./data/pagerslack.db",
    }],
    ["./x.db", { dialect: "sqlite", path: "./x.db" }],
    [":memory:", { dialect: "sqlite", path: ":memory:" }],
    ["postgres://u@h:5432/db", {
      dialect: "postgres",
      connectionString: "postgres://u@h:5432/db",
    }],
    ["postgresql://u@h/db", {
      dialect: "postgres",
      connectionString: "postgresql://u@h/db",
    }],
  ])("%s", (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });
});

const dialects = await testDialects();

describe.each(dialects)("storage on $dialect", ({ dialect, skip }) => {
  describe.skipIf(skip !== null)(skip ?? "available", () => {
    let database: TestDatabase;
    useTestDatabase(dialect, [], (opened) => (database = opened));

    it("is ready once migrated, and migrating again is a no-op", async () => {
      expect(await database.isReady()).toBe(true);
      await database.migrate();
      expect(await database.isReady()).toBe(true);
    });

    it("keeps one inbox row per event id and per webhook id", async () => {
      const row = {
        event_id: "E1",
        webhook_id: "W1",
        event_type: "incident.triggered",
        incident_id: "P1",
        occurred_at: "2026-01-01T00:00:00.000Z",
        body: "{}",
        status: "pending" as const,
        received_at: "2026-01-01T00:00:01.000Z",
        processed_at: null,
      };
      const insert = (values: typeof row) =>
        database.db.insertInto("webhook_inbox").values(values)
          .onConflict((oc) => oc.doNothing()).executeTakeFirst();
      expect(Number((await insert(row)).numInsertedOrUpdatedRows)).toBe(1);
      expect(Number((await insert(row)).numInsertedOrUpdatedRows)).toBe(0);
      expect(
        Number(
          (await insert({ ...row, event_id: "E2" })).numInsertedOrUpdatedRows,
        ),
      ).toBe(0);
      const count = await database.db.selectFrom("webhook_inbox")
        .select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });

    it("gives outbox rows increasing ids and enforces unique dedupe keys", async () => {
      const job = {
        kind: "card" as const,
        dedupe_key: "card:P1:C1",
        incident_id: "P1",
        channel_id: "C1",
        payload: "{}",
        status: "pending" as const,
        version: 1,
        attempts: 0,
        available_at: "2026-01-01T00:00:00.000Z",
        locked_by: null,
        locked_until: null,
        last_error: null,
        enqueued_at: "2026-01-01T00:00:00.000Z",
        created_at: "2026-01-01T00:00:00.000Z",
      };
      const a = await database.db.insertInto("outbox").values(job)
        .returning("id").executeTakeFirstOrThrow();
      const b = await database.db.insertInto("outbox")
        .values({ ...job, dedupe_key: "update:E1:C1", kind: "update" })
        .returning("id").executeTakeFirstOrThrow();
      expect(typeof a.id).toBe("number");
      expect(b.id).toBeGreaterThan(a.id);
      await expect(database.db.insertInto("outbox").values(job).execute())
        .rejects.toThrow();
    });
  });
});

describe("readiness", () => {
  it("is not ready before migrations", async () => {
    const database = openDatabase(":memory:");
    expect(await database.isReady()).toBe(false);
    await database.migrate();
    expect(await database.isReady()).toBe(true);
    await database.close();
  });
});
