// Applies stored webhook events: claims the pending events of a batch of incidents (each in occurred_at order), folds them
// into the snapshot with the shared reducer, routes, and writes outbox jobs, all in one transaction, so an
// event is applied exactly once even with several replicas (PostgreSQL: FOR UPDATE SKIP LOCKED). One bad event
// never holds up the others: an event whose fold throws is set aside at once, and when a batch's transaction
// fails its incidents are applied one per transaction, the failing one retried a few times, with a delay, and
// then set aside (status `failed`, kept with its error; `doctor` lists them).
import type { Logger } from "pino";
import type { BridgeDb, Dialect } from "../db/database.ts";
import { isDatabaseUnavailable } from "../db/open-database.ts";
import { connectionFromRow } from "../connections/connection-store.ts";
import type { BridgeMetrics } from "../ops/bridge-metrics.ts";
import {
  compareMarks,
  type IncidentState,
  reduceIncident,
  type ReduceResult,
} from "../../shared/incident/reduce-incident.ts";
import type { WebhookEvent } from "../../shared/pagerduty/webhook-event.ts";
import { enqueueCard } from "../jobs/enqueue-card.ts";
import { enqueueUpdate } from "../jobs/enqueue-update.ts";
import {
  errorText,
  type InboxFailureTally,
  recordFailedAttempt,
} from "./record-failed-attempt.ts";
import { readInboxEvent } from "./read-inbox-event.ts";
import { routeEvent, type Routes } from "./route-event.ts";

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

    // The state rows are the per-incident locks: a second replica holding a newer event of one of these
    // incidents waits until this transaction commits, then folds its event into the committed state. Taken
    // in id order, so two replicas with overlapping batches cannot deadlock.
    const byId = [...incidentIds].sort();
    await trx.insertInto("incident_states").values(byId.map((id) => ({
      incident_id: id,
      state: "null",
      updated_at: now().toISOString(),
    }))).onConflict((oc) => oc.doNothing()).execute();
    const states = new Map(
      (await trx.selectFrom("incident_states").select(["incident_id", "state"])
        .where("incident_id", "in", byId).orderBy("incident_id")
        .$if(locking, (q) => q.forUpdate())
        .execute()).map((row) => [
          row.incident_id,
          JSON.parse(row.state) as IncidentState | null,
        ]),
    );

    const connections = (await trx.selectFrom("connections").selectAll()
      .execute()).map(connectionFromRow);
    const channelsOf = async (table: "incident_channels" | "cards") => {
      const map = new Map<string, string[]>();
      for (
        const row of await trx.selectFrom(table)
          .select(["incident_id", "channel_id"])
          .where("incident_id", "in", incidentIds).execute()
      ) {
        map.set(row.incident_id, [
          ...(map.get(row.incident_id) ?? []),
          row.channel_id,
        ]);
      }
      return map;
    };
    const incidentChannelsOf = await channelsOf("incident_channels");
    const cardChannelsOf = await channelsOf("cards");

    const at = now();
    let jobs = 0;
    const applied: string[] = [];
    const deferredAll: string[] = [];
    const setAside = new Set<string>();
    for (const incidentId of incidentIds) {
      const events = allEvents.filter((e) => e.incident_id === incidentId);
      let state = states.get(incidentId) ?? null;
      const incidentChannels = incidentChannelsOf.get(incidentId) ?? [];
      const cardChannels = new Set(cardChannelsOf.get(incidentId) ?? []);
      const deferred: string[] = [];
      // A second round for events deferred in the first: an event carrying the incident may sort after them
      // (the reconciler's observation of a missed trigger is stamped when it is made).
      for (let round = 0; round < 2; round += 1) {
        if (round === 1 && (!state || deferred.length === 0)) break;
        const rows = round === 0
          ? events
          : events.filter((e) => deferred.includes(e.event_id));
        if (round === 1) deferred.length = 0;
        for (const row of rows) {
          // Reading, folding and routing are pure: an event that makes them throw is set aside on the spot
          // (retrying cannot help), and the incident goes on from the state before it.
          let event: WebhookEvent;
          let reduced: ReduceResult<IncidentState | null>;
          let routes: Routes | null = null;
          try {
            event = readInboxEvent(row);
            reduced = reduceIncident(state, event);
            if (reduced.ignored === null && reduced.state) {
              routes = routeEvent({
                eventType: event.event_type,
                snapshot: reduced.state.snapshot,
                changed: reduced.changed,
                connections,
                incidentChannels,
                cardChannels,
              });
            }
          } catch (error) {
            setAside.add(row.event_id);
            tally.setAside.push({
              eventId: row.event_id,
              eventType: row.event_type,
              incidentId,
              error: errorText(error),
            });
            continue;
          }
          state = reduced.state;
          const log = {
            incident_id: incidentId,
            event_id: event.id,
            event_type: event.event_type,
          };
          if (reduced.ignored === "no_incident_data") {
            // Deliveries are out of order: the trigger may still come. Keep it for the incident's next event.
            deferred.push(event.id);
            logger.info(log, "update before the incident's data: deferred");
            continue;
          }
          if (reduced.ignored !== null || !state || !routes) {
            logger.warn(
              { ...log, reason: reduced.ignored },
              "event not applicable: stored, not routed",
            );
            tally.ignored.push({
              type: event.event_type,
              reason: reduced.ignored ?? "unexpected_data",
            });
            continue;
          }
          const enqueuedAt = new Date(row.received_at);
          for (const card of routes.cards) {
            await enqueueCard(trx, {
              incidentId,
              ...card,
              enqueuedAt,
              now: at,
            });
            cardChannels.add(card.channelId);
            jobs += 1;
          }
          for (const update of routes.updates) {
            await enqueueUpdate(trx, {
              incidentId,
              channelId: update.channelId,
              eventId: event.id,
              thread: update.thread,
              enqueuedAt,
              now: at,
            });
            jobs += 1;
          }
          logger.info({
            ...log,
            changed: reduced.changed,
            cards: routes.cards.length,
            updates: routes.updates.length,
          }, "event applied");
        }
      }

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

/** Applies everything pending (bounded, so one call cannot run forever under a flood). */
export async function drainInbox(
  options: ProcessInboxOptions,
  maxIncidents = 1000,
): Promise<number> {
  let applied = 0;
  for (let incidents = 0; incidents < maxIncidents;) {
    const result = await processInboxOnce(options);
    if (result.incidents === 0) break;
    incidents += result.incidents;
    applied += result.applied;
    // Events stored since are announced by their own wake-up: no extra transaction to find nothing.
    if (!result.more) break;
    // better-sqlite3 is synchronous: without a macrotask boundary the whole drain is one microtask chain
    // and webhooks wait behind it.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return applied;
}
