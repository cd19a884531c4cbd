// Keeps the database from growing without end: webhook bodies (the bulk of it, a few KB each) and finished
// outbox jobs are only needed while their incident is being worked on and while PagerDuty may still redeliver
// the event. After the retention window they are deleted in small batches, so a busy database is never
// locked for long. Incident states and cards stay: one small row per incident, and a card must remain
// editable by a late event.
import type { BridgeDb } from "../db/database.ts";

export const DEFAULT_RETENTION_DAYS = 30;

/**
 * Inbox statuses that are finished, kept for the retention window after receipt; `pending` and `deferred` rows
 * are still waiting for the worker.
 */
const FINISHED_INBOX = ["done", "ignored"] as const;
/**
 * Set-aside events (`failed`) are kept for the retention window after they were set aside, not after receipt:
 * they are what people look at (`doctor`) to find out what went wrong, however late the event failed.
 */
const SET_ASIDE_INBOX = "failed";
/** Outbox statuses that are finished; a `pending` job is still to be sent. */
const FINISHED_OUTBOX = ["done", "failed"] as const;

export interface PruneHistoryOptions {
  db: BridgeDb;
  retentionDays: number;
  now?: () => Date;
  /** Rows per delete statement. */
  batchSize?: number;
  /** Stop after this many batches per table (the next pass continues). */
  maxBatches?: number;
}

export interface PruneResult {
  inbox: number;
  outbox: number;
}

export async function pruneHistory(
  {
    db,
    retentionDays,
    now = () => new Date(),
    batchSize = 1000,
    maxBatches = 100,
  }: PruneHistoryOptions,
): Promise<PruneResult> {
  const cutoff = new Date(now().getTime() - retentionDays * 86_400_000)
    .toISOString();
  const repeat = async (deleteBatch: () => Promise<number>) => {
    let total = 0;
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const deleted = await deleteBatch();
      total += deleted;
      if (deleted < batchSize) break;
      // better-sqlite3 is synchronous: let webhooks in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return total;
  };

  const inbox = await repeat(async () => {
    const result = await db.deleteFrom("webhook_inbox")
      .where(
        "event_id",
        "in",
        (eb) =>
          eb.selectFrom("webhook_inbox").select("event_id")
            .where((w) =>
              w.or([
                w.and([
                  w("status", "in", FINISHED_INBOX),
                  w("received_at", "<", cutoff),
                ]),
                w.and([
                  w("status", "=", SET_ASIDE_INBOX),
                  w("processed_at", "<", cutoff),
                ]),
              ])
            )
            // A pending update message reads its event's body when it is sent.
            .where(({ not, exists, selectFrom }) =>
              not(exists(
                selectFrom("outbox").select("outbox.id")
                  .whereRef(
                    "outbox.incident_id",
                    "=",
                    "webhook_inbox.incident_id",
                  )
                  .where("outbox.status", "=", "pending"),
              ))
            )
            .limit(batchSize),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  });

  const outbox = await repeat(async () => {
    const result = await db.deleteFrom("outbox")
      .where("id", "in", (eb) =>
        eb.selectFrom("outbox").select("id")
          .where("status", "in", FINISHED_OUTBOX)
          .where("enqueued_at", "<", cutoff)
          .limit(batchSize))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  });

  return { inbox, outbox };
}
