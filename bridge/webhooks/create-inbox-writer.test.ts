import BetterSqlite3 from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CompiledQuery, sql } from "kysely";
import { makeIncidentEvent } from "../../shared/incident/fixtures.ts";
import type { WebhookEvent } from "../../shared/pagerduty/webhook-event.ts";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import type { BridgeDb, Dialect } from "../db/database.ts";
import { heldSyncDatabase } from "../../test/support/held-sync-database.ts";
import { type Database, openDatabase } from "../db/open-database.ts";
import { createInboxWriter, InboxWriteError } from "./create-inbox-writer.ts";
import { parseWebhookEnvelope } from "./parse-webhook-envelope.ts";

const dialects = await testDialects();

const input = (event: WebhookEvent, webhookId: string | null) => {
  const text = JSON.stringify({ event });
  const parsed = parseWebhookEnvelope(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return { ...parsed, webhookId, rawBody: text, receivedAt: new Date() };
};
const triggered = (id: string) =>
  makeIncidentEvent("incident.triggered", { id });

/**
 * `db` as the writer sees it, counting the insert statements it executes (the writer runs a compiled insert,
 * which no plugin sees).
 */
function countingInserts(db: BridgeDb) {
  const counter = { inserts: 0 };
  const counted = new Proxy(db, {
    get(target, key) {
      if (key === "executeQuery") {
        return (query: CompiledQuery) => {
          if (/^insert\b/i.test(query.sql)) counter.inserts++;
          return target.executeQuery(query);
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { counter, db: counted };
}

/** Makes the database itself refuse one event id, as a full disk or a lost connection would refuse all. */
async function refuseEvent(
  database: TestDatabase,
  dialect: Dialect,
  id: string,
) {
  if (dialect === "sqlite") {
    await sql.raw(`create trigger refuse_event before insert on webhook_inbox
      when new.event_id = '${id}' begin select raise(abort, 'refused by test'); end`)
      .execute(database.db);
  } else {
    await sql.raw(`create function refuse_event() returns trigger as $$
      begin if new.event_id = '${id}' then raise exception 'refused by test'; end if; return new; end
      $$ language plpgsql`).execute(database.db);
    await sql.raw(`create trigger refuse_event before insert on webhook_inbox
      for each row execute function refuse_event()`).execute(database.db);
  }
}

describe.each(dialects)(
  "createInboxWriter on $dialect",
  ({ dialect, skip }) => {
    describe.skipIf(skip !== null)(skip ?? "available", () => {
      let database: TestDatabase;
      useTestDatabase(
        dialect,
        ["webhook_inbox"],
        (opened) => (database = opened),
      );

      const storedIds = async () =>
        (await database.db.selectFrom("webhook_inbox").select("event_id")
          .orderBy("event_id").execute()).map((r) => r.event_id);

      it("writes concurrent requests in one statement, each with its outcome", async () => {
        const { counter, db } = countingInserts(database.db);
        const writer = createInboxWriter({ db });
        const ping = {
          ...triggered("E-ping"),
          event_type: "pagey.ping",
          data: { type: "ping" },
        } as unknown as WebhookEvent;
        const outcomes = await Promise.all([
          writer.write(input(triggered("E1"), "W1")),
          writer.write(input(triggered("E2"), null)),
          writer.write(input(ping, "W-ping")),
          writer.write(input(triggered("E3"), "W3")),
        ]);
        expect(outcomes).toEqual(["stored", "stored", "ignored", "stored"]);
        expect(counter.inserts).toBe(1);
        expect(await storedIds()).toEqual(["E-ping", "E1", "E2", "E3"]);
      });

      it("answers duplicates by event id and by webhook id, also within one batch", async () => {
        const writer = createInboxWriter({ db: database.db });
        expect(await writer.write(input(triggered("E-old"), "W-old"))).toBe(
          "stored",
        );
        const outcomes = await Promise.all([
          writer.write(input(triggered("E-old"), "W-retry")), // stored earlier, by event id
          writer.write(input(triggered("E-other"), "W-old")), // stored earlier, by webhook id
          writer.write(input(triggered("E1"), "W1")),
          writer.write(input(triggered("E1"), "W1")), // the same delivery twice in the batch
          writer.write(input(triggered("E2"), "W2")),
          writer.write(input(triggered("E3"), "W2")), // same webhook id as the one before
          writer.write(input(triggered("E4"), null)),
          writer.write(input(triggered("E4"), null)), // same event id, no webhook id
        ]);
        expect(outcomes).toEqual([
          "duplicate",
          "duplicate",
          "stored",
          "duplicate",
          "stored",
          "duplicate",
          "stored",
          "duplicate",
        ]);
        expect(await storedIds()).toEqual(["E-old", "E1", "E2", "E4"]);
      });

      it("answers like one request at a time when a copy in the batch was itself a duplicate", async () => {
        const writer = createInboxWriter({ db: database.db });
        await writer.write(input(triggered("E-old"), "W-old"));
        // E5 first comes with a known webhook id (duplicate), then with a new one: the second is new.
        const outcomes = await Promise.all([
          writer.write(input(triggered("E5"), "W-old")),
          writer.write(input(triggered("E5"), "W5")),
        ]);
        expect(outcomes).toEqual(["duplicate", "stored"]);
      });

      it("bounds the batch size", async () => {
        const { counter, db } = countingInserts(database.db);
        const writer = createInboxWriter({ db, maxBatch: 2 });
        const outcomes = await Promise.all(
          ["E1", "E2", "E3", "E4", "E5"].map((id) =>
            writer.write(input(triggered(id), null))
          ),
        );
        expect(outcomes).toEqual(Array(5).fill("stored"));
        expect(counter.inserts).toBe(3);
      });

      it("fails every request of a failed batch, stores none of it, and writes the next batch", async () => {
        const writer = createInboxWriter({ db: database.db });
        await refuseEvent(database, dialect, "E-refused");
        try {
          const failed = await Promise.allSettled([
            writer.write(input(triggered("E1"), "W1")),
            writer.write(input(triggered("E-refused"), "W-refused")),
            writer.write(input(triggered("E2"), "W2")),
          ]);
          for (const result of failed) {
            expect(result.status).toBe("rejected");
            const error = (result as PromiseRejectedResult).reason;
            expect(error).toBeInstanceOf(InboxWriteError);
            expect(error.batchSize).toBe(3);
            expect(error.message).toMatch(/refused by test/);
          }
          expect(await storedIds()).toEqual([]);
          // PagerDuty's retries of the other two go through with the next batch.
          const retried = await Promise.all([
            writer.write(input(triggered("E1"), "W1")),
            writer.write(input(triggered("E2"), "W2")),
          ]);
          expect(retried).toEqual(["stored", "stored"]);
          expect(await storedIds()).toEqual(["E1", "E2"]);
        } finally {
          await sql.raw(
            "drop trigger refuse_event" +
              (dialect === "postgres" ? " on webhook_inbox" : ""),
          ).execute(
            database.db,
          );
          if (dialect === "postgres") {
            await sql.raw("drop function refuse_event()").execute(database.db);
          }
        }
      });
    });
  },
);

describe("createInboxWriter with SQLite locked by another connection", () => {
  let dir: string;
  let database: Database;
  let file: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "pagerslack-busy-"));
    file = join(dir, "bridge.db");
    database = openDatabase(file);
    await database.migrate();
    // What SQLite does after busy_timeout (5 s in production), sooner.
    await sql`pragma busy_timeout = 20`.execute(database.db);
  });
  afterEach(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Another process's write transaction on the same file, for `ms`. */
  const holdWriteLock = (ms: number) => {
    const other = new BetterSqlite3(file);
    other.exec("begin immediate");
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        other.exec("commit");
        other.close();
        resolve();
      }, ms)
    );
  };
  const storedIds = async () =>
    (await database.db.selectFrom("webhook_inbox").select("event_id")
      .orderBy("event_id").execute()).map((r) => r.event_id);

  it("tries a batch that got SQLITE_BUSY again, and stores it once the lock is released", async () => {
    const writer = createInboxWriter({ db: database.db });
    const released = holdWriteLock(300);
    const outcomes = await Promise.all([
      writer.write(input(triggered("E1"), "W1")),
      writer.write(input(triggered("E2"), "W2")),
      // A copy in the batch: the two-round path, in one transaction.
      writer.write(input(triggered("E2"), "W2")),
    ]);
    await released;
    expect(outcomes).toEqual(["stored", "stored", "duplicate"]);
    expect(await storedIds()).toEqual(["E1", "E2"]);
  });

  it("answers with InboxWriteError when the lock outlasts the time the request has", async () => {
    const writer = createInboxWriter({ db: database.db, retryWithinMs: 100 });
    const released = holdWriteLock(600);
    const error = await writer.write(input(triggered("E1"), "W1")).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InboxWriteError);
    expect((error as Error).message).toMatch(/database is locked/);
    await released;
    // PagerDuty's retry of the same delivery is stored.
    expect(await writer.write(input(triggered("E1"), "W1"))).toBe("stored");
  });
});

describe("createInboxWriter and the durability of its commits", () => {
  const settled = async <T>(promise: Promise<T>) => {
    let state: "pending" | "fulfilled" | "rejected" = "pending";
    promise.then(() => (state = "fulfilled"), () => (state = "rejected"));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    return state;
  };

  it("answers only after the batch's commit is synced, and writes the next batch meanwhile", async () => {
    const { db, syncs } = await heldSyncDatabase();
    try {
      const writer = createInboxWriter({ db });
      const first = writer.write(input(triggered("E1"), "W1"));
      expect(await settled(first)).toBe("pending");
      // Committed (the worker may read it) but not yet promised to anyone.
      expect(syncs).toHaveLength(1);
      const stored = async () =>
        (await db.selectFrom("webhook_inbox").select("event_id")
          .orderBy("event_id").execute()).map((r) => r.event_id);
      expect(await stored()).toEqual(["E1"]);
      // The next batch does not wait for the first one's fsync: it commits, and asks for a sync of its own.
      const second = writer.write(input(triggered("E2"), "W2"));
      expect(await settled(second)).toBe("pending");
      expect(syncs).toHaveLength(2);
      expect(await stored()).toEqual(["E1", "E2"]);
      // Each answers after its own sync, and only then.
      syncs[1]?.resolve();
      expect(await second).toBe("stored");
      expect(await settled(first)).toBe("pending");
      syncs[0]?.resolve();
      expect(await first).toBe("stored");
    } finally {
      await db.destroy();
    }
  });

  it("answers InboxWriteError when the sync fails, and the retry is a duplicate once synced", async () => {
    const { db, syncs } = await heldSyncDatabase();
    try {
      const writer = createInboxWriter({ db });
      const first = writer.write(input(triggered("E1"), "W1"));
      await settled(first);
      syncs[0]?.reject(Object.assign(new Error("EIO: i/o error, fsync"), {
        code: "EIO",
      }));
      const error = await first.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(InboxWriteError);
      expect((error as Error).message).toMatch(/EIO/);
      // PagerDuty delivers it again: the row is there, and the answer still waits for a sync.
      const retry = writer.write(input(triggered("E1"), "W1"));
      expect(await settled(retry)).toBe("pending");
      syncs[1]?.resolve();
      expect(await retry).toBe("duplicate");
    } finally {
      await db.destroy();
    }
  });
});
