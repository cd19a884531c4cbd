// Applies stored webhook events: claims the pending events of a batch of incidents (each in occurred_at order), folds them
// into the snapshot with the shared reducer, routes, and writes outbox jobs, all in one transaction, so an
// event is applied exactly once even with several replicas (PostgreSQL: FOR UPDATE SKIP LOCKED). One bad event
// never holds up the others: an event whose fold throws is set aside at once, and when a batch's transaction
// fails its incidents are applied one per transaction, the failing one retried a few times, with a delay, and
// then set aside (status `failed`, kept with its error; `doctor` lists them).
import type { Logger } from "pino";
import type { BridgeDb, Dialect } from "../db/database.ts";
import { isDatabaseUnavailable } from "../db/database-error.ts";
import type { BridgeMetrics } from "../ops/bridge-metrics.ts";
import { compareMarks } from "../../shared/incident/reduce-incident.ts";
import {
  type InboxFailureTally,
  recordFailedAttempt,
} from "./record-failed-attempt.ts";
import { applyIncidentEvents } from "./apply-incident-events.ts";
import { lockIncidents } from "./lock-incidents.ts";

export interface ProcessInboxOptions {
  db: BridgeDb;
  dialect: Dialect;
  logger: Logger;
  now?: () => Date;
  /** Counts ignored and set-aside events (pagerslack_webhook_events_{ignored,set_aside}_total). */
  metrics?: BridgeMetrics;
}

export interface ProcessResult {
  /** Incidents whose pending events were taken; 0 when nothing was pending. */
  incidents: number;
  applied: number;
  jobs: number;
  /** The batch was full: more events may be pending. */
  more: boolean;
}

/** Pending events taken per transaction: few statements per event, and the event loop is never held long. */
export const INBOX_BATCH = 32;

/**
 * Applies the pending events of the incidents of the oldest `batch` pending events, in one transaction:
 * per incident, every pending (and deferred) event in occurred_at order. If that transaction fails, each
 * incident is applied in its own; one that still fails has an attempt counted on its events (see
 * recordFailedAttempt), so the others go through and nothing is retried in a hot loop.
 */
export async function processInboxOnce(
  options: ProcessInboxOptions,
  batch = INBOX_BATCH,
): Promise<ProcessResult> {
  try {
    return await applyPending(options, batch, null);
  } catch (error) {
    // An unreachable or locked database fails every transaction alike: the loop retries it with backoff.
    if (isDatabaseUnavailable(error)) throw error;
    return await applyOneByOne(options, batch, error);
  }
}

/** The incidents of the oldest `batch` pending events that are due (not waiting after a failed attempt). */
function oldestPending(
  executor: BridgeDb,
  { batch, only, at }: { batch: number; only: string | null; at: Date },
) {
  return executor.selectFrom("webhook_inbox").select("incident_id")
    .where("status", "=", "pending")
    .where((eb) =>
      eb.or([
        eb("retry_at", "is", null),
        eb("retry_at", "<=", at.toISOString()),
      ])
    )
    .$if(only !== null, (q) => q.where("incident_id", "=", only as string))
    .orderBy("received_at").orderBy("event_id").limit(batch);
}

async function applyOneByOne(
  options: ProcessInboxOptions,
  batch: number,
  batchError: unknown,
): Promise<ProcessResult> {
  const { db, logger, now = () => new Date() } = options;
  const oldest = await oldestPending(db, { batch, only: null, at: now() })
    .execute();
  const incidentIds = [
    ...new Set(oldest.flatMap((row) => row.incident_id ?? [])),
  ];
  const total: ProcessResult = {
    incidents: 0,
    applied: 0,
    jobs: 0,
    more: oldest.length === batch,
  };
  const failed: { incidentId: string; error: unknown }[] = [];
  for (const incidentId of incidentIds) {
    try {
      const result = await applyPending(options, batch, incidentId);
      total.incidents += result.incidents;
      total.applied += result.applied;
      total.jobs += result.jobs;
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      failed.push({ incidentId, error });
    }
  }
  // Every one of several incidents failing alone as well points away from their events (a database refusing
  // every write, a bug in the worker): counting attempts would set them all aside, so the loop retries instead.
  if (incidentIds.length > 1 && failed.length === incidentIds.length) {
    throw batchError;
  }
  for (const { incidentId, error } of failed) {
    logger.error(
      { err: error, incident_id: incidentId },
      "applying the incident's events failed; retried later, set aside after a few attempts",
    );
    countFailures(
      options,
      await recordFailedAttempt(db, {
        dialect: options.dialect,
        incidentId,
        error,
        now: now(),
      }),
    );
    total.incidents += 1;
  }
  return total;
}

function countFailures(
  { metrics, logger }: ProcessInboxOptions,
  tally: InboxFailureTally,
) {
  for (const aside of tally.setAside) {
    metrics?.webhookEventsSetAside.inc({ type: aside.eventType });
    logger.error({
      event_id: aside.eventId,
      event_type: aside.eventType,
      incident_id: aside.incidentId,
      error: aside.error,
    }, "webhook event set aside: it could not be applied (doctor lists it)");
  }
  for (const { type, reason } of tally.ignored) {
    metrics?.webhookEventsIgnored.inc({ type, reason });
  }
}

async function applyPending(
  options: ProcessInboxOptions,
  batch: number,
  only: string | null,
): Promise<ProcessResult> {
  const { db, dialect, logger, now = () => new Date() } = options;
  const locking = dialect === "postgres";
  // Counted once the transaction commits: a rolled-back attempt counts nothing.
  const tally: InboxFailureTally = { setAside: [], ignored: [] };
  const result = await db.transaction().execute(async (trx) => {
    const oldest = await oldestPending(trx, { batch, only, at: now() })
      .$if(locking, (q) => q.forUpdate().skipLocked())
      .execute();
    // In order of their oldest pending event, so channels get their jobs in arrival order.
    const incidentIds = [
      ...new Set(
        oldest.map((row) => row.incident_id).filter((id): id is string =>
          id !== null
        ),
      ),
    ];
    if (incidentIds.length === 0) {
      return { incidents: 0, applied: 0, jobs: 0, more: false };
    }

    // In the reducer's order (occurred_at, then lifecycle): events of one millisecond are routed, and so
    // told in the thread, as the card tells them, whatever their ids.
    const allEvents = (await trx.selectFrom("webhook_inbox")
      .select([
        "event_id",
        "incident_id",
        "event_type",
        "occurred_at",
        "body",
        "received_at",
      ])
      .where("status", "in", ["pending", "deferred"])
      .where("incident_id", "in", incidentIds)
      .$if(locking, (q) => q.forUpdate().skipLocked())
      .execute()).sort((a, b) =>
        compareMarks(
          { id: a.event_id, at: a.occurred_at, type: a.event_type },
          { id: b.event_id, at: b.occurred_at, type: b.event_type },
        )
      );

    const {
      states,
      connections,
      incidentChannelsOf,
      cardChannelsOf,
      dmRecipients,
    } = await lockIncidents(trx, { incidentIds, locking, now: now() });

    const at = now();
    let jobs = 0;
    const applied: string[] = [];
    const deferredAll: string[] = [];
    const setAside = new Set<string>();
    for (const incidentId of incidentIds) {
      const events = allEvents.filter((e) => e.incident_id === incidentId);
      const result = await applyIncidentEvents(trx, {
        incidentId,
        events,
        state: states.get(incidentId) ?? null,
        connections,
        incidentChannels: incidentChannelsOf.get(incidentId) ?? [],
        cardChannels: new Set(cardChannelsOf.get(incidentId) ?? []),
        dmRecipients,
        logger,
        at,
        tally,
      });
      const { state, deferred } = result;
      jobs += result.jobs;
      for (const id of result.setAside) setAside.add(id);

      await trx.updateTable("incident_states").set({
        state: JSON.stringify(state),
        status: state?.snapshot.status ?? null,
        updated_at: at.toISOString(),
      }).where("incident_id", "=", incidentId).execute();
      applied.push(
        ...events.map((e) => e.event_id).filter((id) =>
          !deferred.includes(id) && !setAside.has(id)
        ),
      );
      deferredAll.push(...deferred);
    }

    if (applied.length > 0) {
      await trx.updateTable("webhook_inbox").set({
        status: "done",
        processed_at: at.toISOString(),
      }).where("event_id", "in", applied).execute();
    }
    if (deferredAll.length > 0) {
      await trx.updateTable("webhook_inbox").set({ status: "deferred" })
        .where("event_id", "in", deferredAll).execute();
    }
    for (const aside of tally.setAside) {
      await trx.updateTable("webhook_inbox").set((eb) => ({
        status: "failed",
        attempts: eb("attempts", "+", 1),
        last_error: aside.error,
        retry_at: null,
        processed_at: at.toISOString(),
      })).where("event_id", "=", aside.eventId).execute();
    }
    return {
      incidents: incidentIds.length,
      applied: applied.length,
      jobs,
      more: oldest.length === batch,
    };
  });
  countFailures(options, tally);
  return result;
}
