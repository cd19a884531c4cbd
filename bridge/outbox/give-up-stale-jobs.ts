// The one place Slack work ends without being delivered for a reason that is not the message's own: a job still
// pending after the retention window (an outage, a refused token or channel that nobody fixed for that long).
// By then its card or update is a month old, PagerDuty has stopped redelivering its events, and the history
// it would read is being pruned.
import type { BridgeDb } from "../db/database.ts";

export const GIVEN_UP_PREFIX = "given_up";

export interface GiveUpStaleJobsOptions {
  db: BridgeDb;
  retentionDays: number;
  now?: () => Date;
  batchSize?: number;
}

/** Marks stale pending jobs failed; returns how many per reason (their last error, or `none`). */
export async function giveUpStaleJobs(
  { db, retentionDays, now = () => new Date(), batchSize = 1000 }:
    GiveUpStaleJobsOptions,
): Promise<Map<string, number>> {
  const cutoff = new Date(now().getTime() - retentionDays * 86_400_000)
    .toISOString();
  const reasons = new Map<string, number>();
  for (;;) {
    const stale = await db.selectFrom("outbox")
      .select(["id", "last_error"])
      .where("status", "=", "pending").where("enqueued_at", "<", cutoff)
      .orderBy("id").limit(batchSize).execute();
    const byReason = new Map<string, number[]>();
    for (const job of stale) {
      const reason = job.last_error ?? "none";
      const ids = byReason.get(reason);
      if (ids) ids.push(job.id);
      else byReason.set(reason, [job.id]);
    }
    for (const [reason, ids] of byReason) {
      reasons.set(reason, (reasons.get(reason) ?? 0) + ids.length);
      await db.updateTable("outbox")
        .set({ status: "failed", last_error: `${GIVEN_UP_PREFIX}: ${reason}` })
        .where("id", "in", ids).execute();
    }
    if (stale.length < batchSize) return reasons;
    // better-sqlite3 is synchronous: let webhooks in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
