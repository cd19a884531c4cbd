import BetterSqlite3 from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import {
  DatabaseError,
  describeDatabaseError,
  isDatabaseUnavailable,
} from "./database-error.ts";
import { openDatabase } from "./open-database.ts";
import { parseDatabaseUrl } from "./parse-database-url.ts";
import {
  postgresUnavailable,
  TEST_POSTGRES_URL,
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";

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

describe("isDatabaseUnavailable", () => {
  const coded = (message: string, code: string) =>
    Object.assign(new Error(message), { code });
  it.each([
    ["a refused connection", coded("connect ECONNREFUSED", "ECONNREFUSED")],
    [
      "a refused connection to every address of a name",
      new AggregateError([coded("connect ECONNREFUSED ::1", "ECONNREFUSED")]),
    ],
    ["a dropped connection", new Error("Connection terminated unexpectedly")],
    [
      "pg_terminate_backend",
      coded("terminating connection due to administrator command", "57P01"),
    ],
    [
      "a server starting up",
      coded("the database system is starting up", "57P03"),
    ],
    [
      "SQLite's busy_timeout running out",
      coded("database is locked", "SQLITE_BUSY"),
    ],
    [
      "a deferred SQLite transaction that cannot upgrade",
      coded("database is locked", "SQLITE_BUSY_SNAPSHOT"),
    ],
    [
      "a DatabaseError caused by a dropped connection",
      new DatabaseError("cannot connect to the database", {
        cause: coded("x", "ECONNRESET"),
      }),
    ],
  ])("%s is unavailable", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
  it.each([
    ["a constraint violation", coded("duplicate key value", "23505")],
    ["a syntax error", coded("syntax error at or near", "42601")],
    ["a full SQLite disk", coded("database or disk is full", "SQLITE_FULL")],
    ["a bug", new TypeError("x is undefined")],
    [
      "a Slack or PagerDuty call that could not connect",
      new TypeError("fetch failed", {
        cause: coded("connect ECONNREFUSED", "ECONNREFUSED"),
      }),
    ],
    ["not an error", "ECONNREFUSED"],
  ])("%s is not", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("start-up errors", () => {
  it("an unopenable SQLite file is a DatabaseError naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), "pagerslack-open-"));
    try {
      // A directory where the database file should be.
      expect(() => openDatabase(dir)).toThrow(DatabaseError);
      expect(() => openDatabase(dir)).toThrow(
        `cannot open SQLite database ${dir}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an unreachable PostgreSQL server is a DatabaseError with the reason on one line", async () => {
    const database = openDatabase("postgres://postgres@127.0.0.1:1/test");
    const error = await database.migrate().then(() => null, (e: unknown) => e);
    await database.close();
    expect(error).toBeInstanceOf(DatabaseError);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(describeDatabaseError(error)).toBe(
      "cannot connect to the database: connect ECONNREFUSED 127.0.0.1:1",
    );
  });
});

describe("SQLite busy timeout", () => {
  it("is configurable, and running out of it is SQLITE_BUSY, an unavailable database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pagerslack-busy-"));
    const file = join(dir, "bridge.db");
    const database = openDatabase(file, { busyTimeoutMs: 30 });
    const other = new BetterSqlite3(file);
    try {
      await database.migrate();
      other.exec("begin immediate");
      const started = Date.now();
      const error = await sql`delete from webhook_inbox`.execute(database.db)
        .then(() => null, (e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2000);
      expect((error as { code?: string }).code).toBe("SQLITE_BUSY");
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      other.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const pgWhy = await postgresUnavailable();

describe.skipIf(pgWhy !== null)(
  "PostgreSQL connections closed by the server",
  () => {
    it("do not end the process; the next query connects again", async () => {
      const app = `pagerslack-test-${process.pid}-${
        Math.random().toString(36).slice(2, 8)
      }`;
      const database = openDatabase(
        `${TEST_POSTGRES_URL}?application_name=${app}`,
        {
          maxConnections: 3,
        },
      );
      const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      const uncaught: unknown[] = [];
      const onUncaught = (error: unknown) => uncaught.push(error);
      process.on("uncaughtException", onUncaught);
      try {
        // Three pooled connections, one of them checked out between two statements when the server ends them.
        await Promise.all(
          [1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(database.db)),
        );
        await database.db.connection().execute(async (connection) => {
          await sql`select 1`.execute(connection);
          const { rowCount } = await admin.query(
            "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1",
            [app],
          );
          expect(rowCount).toBe(3);
          await new Promise((resolve) => setTimeout(resolve, 200));
          expect(uncaught).toEqual([]);
          const error = await sql`select 1`.execute(connection).then(
            () => null,
            (e: unknown) => e,
          );
          expect(isDatabaseUnavailable(error)).toBe(true);
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(uncaught).toEqual([]);
        const { rows } = await sql<{ n: number }>`select 1 as n`.execute(
          database.db,
        );
        expect(rows).toEqual([{ n: 1 }]);
      } finally {
        process.off("uncaughtException", onUncaught);
        await admin.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1",
          [app],
        );
        await admin.end();
        await database.close();
      }
    });
  },
);
