// The inbox's safety net for what nobody foresaw: an incident whose events cannot be applied (its transaction
// fails every time) would otherwise be taken first at every pass, for good and across restarts. Each failed
// attempt is counted on the incident's waiting events and delays the next one; after MAX_INBOX_ATTEMPTS they are
// set aside (`failed`), kept with their error for people to look at, and the incident's later events go on.
import type { IgnoredReason } from "../../shared/incident/reduce-incident.ts";
import type { BridgeDb, Dialect } from "../db/database.ts";
import { backoffDelay } from "../jobs/backoff-delay.ts";

/** Attempts before an incident's events are set aside: a transient fault has several chances over ~15 s. */
export const MAX_INBOX_ATTEMPTS = 5;
/** Delay after a failed attempt (exponential, full jitter). */
const INBOX_RETRY = { baseMs: 1000, maxMs: 8000 };
/** Longest error text kept in `last_error`. */
const MAX_ERROR = 1000;

export interface SetAsideEvent {
  eventId: string;
  eventType: string;
  incidentId: string;
  error: string;
}

/** What a worker pass has to count once it committed. */
export interface InboxFailureTally {
  setAside: SetAsideEvent[];
  ignored: { type: string; reason: IgnoredReason }[];
}

/** An error as one line for `last_error`, bounded. */
export function errorText(error: unknown): string {
  const text = error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
  return text.length <= MAX_ERROR ? text : `${text.slice(0, MAX_ERROR - 1)}…`;
}

/**
 * Counts a failed attempt on the waiting (pending and deferred) events of `incidentId`, atomically: those at
 * their last attempt are set aside, the others wait INBOX_RETRY before they are taken again.
 */
export async function recordFailedAttempt(
  db: BridgeDb,
  { dialect, incidentId, error, now, random = Math.random }: {
    dialect: Dialect;
    incidentId: string;
    error: unknown;
    now: Date;
    random?: () => number;
  },
): Promise<InboxFailureTally> {
  const lastError = errorText(error);
  const at = now.toISOString();
  return await db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("webhook_inbox")
      .select(["event_id", "event_type", "attempts"])
      .where("incident_id", "=", incidentId)
      .where("status", "in", ["pending", "deferred"])
      // Rows another replica holds are its to apply (or fail).
      .$if(dialect === "postgres", (q) => q.forUpdate().skipLocked())
      .execute();
    const last = rows.filter((row) => row.attempts + 1 >= MAX_INBOX_ATTEMPTS);
    const retried = rows.filter((row) => row.attempts + 1 < MAX_INBOX_ATTEMPTS);
    if (last.length > 0) {
      await trx.updateTable("webhook_inbox").set((eb) => ({
        status: "failed",
        attempts: eb("attempts", "+", 1),
        last_error: lastError,
        retry_at: null,
        processed_at: at,
      })).where("event_id", "in", last.map((row) => row.event_id)).execute();
    }
    if (retried.length > 0) {
      const attempt = Math.max(...retried.map((row) => row.attempts)) + 1;
      const retryAt = new Date(
        now.getTime() + backoffDelay(attempt, INBOX_RETRY, random),
      ).toISOString();
      await trx.updateTable("webhook_inbox").set((eb) => ({
        attempts: eb("attempts", "+", 1),
        last_error: lastError,
        retry_at: retryAt,
      })).where("event_id", "in", retried.map((row) => row.event_id))
        .execute();
    }
    return {
      setAside: last.map((row) => ({
        eventId: row.event_id,
        eventType: row.event_type,
        incidentId,
        error: lastError,
      })),
      ignored: [],
    };
  });
}
