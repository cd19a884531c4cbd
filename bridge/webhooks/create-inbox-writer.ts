// Group commit for the webhook inbox. Every stored webhook used to be its own statement and commit: a query
// compiled, an fsync (SQLite) or a round trip (PostgreSQL) per webhook. The writer queues the inserts of
// concurrent requests and writes them with one multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING
// event_id`: one commit for the batch, and each request learns its own outcome only after that commit is
// durable (syncCommits: on SQLite an fsync of the WAL off the event loop), so a 202 still means durably stored.
// A batch the database could not take for the moment (SQLITE_BUSY, a connection dropped by a restart or
// failover) is tried again while its requests still have time to answer.
import {
  CompiledQuery,
  type Insertable,
  type Kysely,
  type Transaction,
} from "kysely";
import type {
  BridgeDatabase,
  BridgeDb,
  WebhookInboxTable,
} from "../db/database.ts";
import { isDatabaseUnavailable } from "../db/database-error.ts";
import { syncCommits } from "../db/sync-commits.ts";
import { backoffDelay } from "../jobs/backoff-delay.ts";
import {
  type StoreOutcome,
  type StoreWebhookInput,
  webhookInboxRow,
} from "./store-webhook-event.ts";

export interface InboxWriter {
  /** Resolves once the event's batch is committed; rejects with InboxWriteError if it was not. */
  write(input: StoreWebhookInput): Promise<StoreOutcome>;
}

/** The batch holding the event failed: nothing of it was stored, the sender must retry. */
export class InboxWriteError extends Error {
  override name = "InboxWriteError";
  constructor(
    readonly eventId: string,
    readonly batchSize: number,
    options: { cause: unknown },
  ) {
    super(
      `storing event ${eventId} failed (batch of ${batchSize}): ${
        (options.cause as Error)?.message ?? String(options.cause)
      }`,
      options,
    );
  }
}

export interface InboxWriterOptions {
  db: BridgeDb;
  /**
   * Most rows per batch. Bounds the statement (9 parameters a row, under SQLite's and PostgreSQL's limits)
   * and the number of distinct statements in the SQLite statement cache (one per batch size).
   */
  maxBatch?: number;
  /**
   * How long after a request arrived its batch may still be tried again when the database is unavailable
   * (isDatabaseUnavailable). Within PagerDuty's 5 s deadline, so it still hears the answer: a 202 once
   * stored, else a 503 and it delivers again later.
   */
  retryWithinMs?: number;
}

interface Waiting {
  row: Insertable<WebhookInboxTable>;
  read: boolean;
  queuedAt: number;
  resolve(outcome: StoreOutcome): void;
  reject(error: InboxWriteError): void;
}

/**
 * Rows of one INSERT must not share an event id or webhook id: otherwise RETURNING event_id cannot say which
 * copy went in. A later copy goes to a later round (same transaction), so outcomes are those of writing the
 * batch one request at a time, in arrival order.
 */
function splitIntoRounds(batch: readonly Waiting[]): Waiting[][] {
  const rounds: Waiting[][] = [];
  const lastRound = new Map<string, number>();
  for (const waiting of batch) {
    const keys = [`e:${waiting.row.event_id}`];
    if (waiting.row.webhook_id != null) {
      keys.push(`w:${waiting.row.webhook_id}`);
    }
    let round = 0;
    for (const key of keys) {
      round = Math.max(round, (lastRound.get(key) ?? -1) + 1);
    }
    for (const key of keys) lastRound.set(key, round);
    (rounds[round] ??= []).push(waiting);
  }
  return rounds;
}

/** Every column of an inbox row, in the order of the insert's parameters. */
const INBOX_COLUMNS = [
  "event_id",
  "webhook_id",
  "event_type",
  "incident_id",
  "occurred_at",
  "body",
  "status",
  "received_at",
  "processed_at",
] as const satisfies readonly (keyof Insertable<WebhookInboxTable>)[];

/**
 * The batch insert for `rows` rows, compiled by Kysely once per row count (its `?` or `$n` placeholders are the
 * dialect's) and then only given parameters: building and compiling the same SQL again for every batch cost
 * 4–20 µs a row on the webhook route's thread (20 for a batch of one, what a webhook gets below a flood).
 */
function batchInsertSql(
  db: BridgeDb,
  cache: Map<number, string>,
  rows: number,
) {
  let text = cache.get(rows);
  if (text === undefined) {
    const row = Object.fromEntries(
      INBOX_COLUMNS.map((column) => [column, ""]),
    ) as unknown as Insertable<WebhookInboxTable>;
    text = db.insertInto("webhook_inbox")
      .values(Array.from({ length: rows }, () => row))
      .onConflict((oc) => oc.doNothing())
      .returning("event_id")
      .compile().sql;
    cache.set(rows, text);
  }
  return text;
}

export function createInboxWriter(
  { db, maxBatch = 128, retryWithinMs = 2_000 }: InboxWriterOptions,
): InboxWriter {
  let queue: Waiting[] = [];
  const statements = new Map<number, string>();
  let scheduled = false;
  let writing = false;

  // setImmediate runs after the poll phase: every request whose body arrived in the same turn of the event
  // loop is queued by then, and a lone webhook waits for no timer.
  const schedule = () => {
    if (scheduled || writing || queue.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  };

  const insertRounds = async (
    executor: Kysely<BridgeDatabase> | Transaction<BridgeDatabase>,
    rounds: Waiting[][],
  ): Promise<Set<Waiting>> => {
    const inserted = new Set<Waiting>();
    for (const round of rounds) {
      const parameters: unknown[] = [];
      for (const { row } of round) {
        for (const column of INBOX_COLUMNS) {
          parameters.push(row[column] ?? null);
        }
      }
      const { rows } = await executor.executeQuery(
        CompiledQuery.raw(
          batchInsertSql(db, statements, round.length),
          parameters,
        ) as CompiledQuery<{ event_id: string }>,
      );
      // Event ids are unique within a round, so a returned id names exactly one request.
      const ids = new Set(rows.map((r) => r.event_id));
      for (const waiting of round) {
        if (ids.has(waiting.row.event_id)) inserted.add(waiting);
      }
    }
    return inserted;
  };

  async function flush() {
    scheduled = false;
    writing = true;
    const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
    queue = batch === queue ? [] : queue.slice(maxBatch);
    // Whether the next batch may already be written (this one only waits for its sync).
    let released = false;
    try {
      const rounds = splitIntoRounds(batch);
      // One statement commits on its own; several (copies within the batch) share one transaction.
      const write = () =>
        rounds.length === 1
          ? insertRounds(db, rounds)
          : db.transaction().execute((trx) => insertRounds(trx, rounds));
      // The batch is queued oldest first, so its first request has the least time left.
      const deadline = (batch[0]?.queuedAt ?? Date.now()) + retryWithinMs;
      let inserted: Set<Waiting>;
      for (let attempt = 1;; attempt += 1) {
        try {
          inserted = await write();
          break;
        } catch (cause) {
          const delay = backoffDelay(attempt, { baseMs: 20, maxMs: 500 });
          if (!isDatabaseUnavailable(cause) || Date.now() + delay > deadline) {
            throw cause;
          }
          // Nothing of a failed attempt was committed, unless the connection dropped between the commit and
          // its answer: the next attempt then finds the rows stored and reports duplicates, still a correct
          // 202 (though the worker is not woken for them; it finds them on its next poll).
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
      // Durable before anyone hears of it, duplicates too (their row may be a moment-old commit of another
      // batch). On SQLite the fsync runs in the thread pool, and the next batch is inserted meanwhile: its
      // own sync is one that starts after its commit, and covers this one's (create-wal-sync.ts).
      released = true;
      writing = false;
      schedule();
      await syncCommits(db);
      for (const waiting of batch) {
        waiting.resolve(
          !inserted.has(waiting)
            ? "duplicate"
            : waiting.read
            ? "stored"
            : "ignored",
        );
      }
    } catch (cause) {
      // The whole batch is rolled back (or, when only its sync failed, not known to be on disk): each request
      // answers with an error and PagerDuty retries it.
      for (const waiting of batch) {
        waiting.reject(
          new InboxWriteError(waiting.row.event_id, batch.length, { cause }),
        );
      }
    } finally {
      if (!released) writing = false;
      schedule();
    }
  }

  return {
    write(input) {
      const { row, read } = webhookInboxRow(input);
      return new Promise<StoreOutcome>((resolve, reject) => {
        queue.push({ row, read, queuedAt: Date.now(), resolve, reject });
        schedule();
      });
    },
  };
}
