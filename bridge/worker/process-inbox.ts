// Applies stored webhook events: claims the pending events of one incident (in occurred_at order), folds them
// into the snapshot with the shared reducer, routes, and writes outbox jobs, all in one transaction, so an
// event is applied exactly once even with several replicas (PostgreSQL: FOR UPDATE SKIP LOCKED).
import type { Logger } from "pino";
import type { BridgeDb, Dialect } from "../db/database.ts";
import { connectionFromRow } from "../api/connection-store.ts";
import {
  type IncidentState,
  reduceIncident,
} from "../../shared/incident/reduce-incident.ts";
import type { WebhookEnvelope } from "../../shared/pagerduty/webhook-event.ts";
import { enqueueCard } from "./enqueue-card.ts";
import { enqueueUpdate } from "./enqueue-update.ts";
import { routeEvent } from "./route-event.ts";

export interface ProcessInboxOptions {
  db: BridgeDb;
  dialect: Dialect;
  logger: Logger;
  now?: () => Date;
}

export interface ProcessResult {
  incidentId: string | null;
  applied: number;
  jobs: number;
}

/** Applies the pending events of one incident; `incidentId: null` when nothing was pending. */
export async function processInboxOnce(
  { db, dialect, logger, now = () => new Date() }: ProcessInboxOptions,
): Promise<ProcessResult> {
  const locking = dialect === "postgres";
  return await db.transaction().execute(async (trx) => {
    const first = await trx.selectFrom("webhook_inbox").select("incident_id")
      .where("status", "=", "pending")
      .orderBy("received_at").orderBy("event_id").limit(1)
      .$if(locking, (q) => q.forUpdate().skipLocked())
      .executeTakeFirst();
    const incidentId = first?.incident_id;
    if (!incidentId) return { incidentId: null, applied: 0, jobs: 0 };

    const events = await trx.selectFrom("webhook_inbox")
      .select(["event_id", "body", "received_at"])
      .where("status", "in", ["pending", "deferred"])
      .where("incident_id", "=", incidentId)
      .orderBy("occurred_at").orderBy("event_id")
      .$if(locking, (q) => q.forUpdate().skipLocked())
      .execute();

    // The state row is the per-incident lock: a second replica holding a newer event of this incident waits
    // here until this transaction commits, then folds its event into the committed state.
    await trx.insertInto("incident_states").values({
      incident_id: incidentId,
      state: "null",
      updated_at: now().toISOString(),
    }).onConflict((oc) => oc.doNothing()).execute();
    const stateRow = await trx.selectFrom("incident_states").select("state")
      .where("incident_id", "=", incidentId)
      .$if(locking, (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    let state = JSON.parse(stateRow.state) as IncidentState | null;

    const connections = (await trx.selectFrom("connections").selectAll()
      .execute()).map(connectionFromRow);
    const incidentChannels = (await trx.selectFrom("incident_channels")
      .select("channel_id").where("incident_id", "=", incidentId).execute())
      .map((row) => row.channel_id);
    const cardChannels = new Set(
      (await trx.selectFrom("cards").select("channel_id")
        .where("incident_id", "=", incidentId).execute())
        .map((row) => row.channel_id),
    );

    let jobs = 0;
    const deferred: string[] = [];
    const at = now();
    // A second round for events deferred in the first: an event carrying the incident may sort after them
    // (the reconciler's observation of a missed trigger is stamped when it is made).
    for (let round = 0; round < 2; round += 1) {
      if (round === 1 && (!state || deferred.length === 0)) break;
      const rows = round === 0
        ? events
        : events.filter((e) => deferred.includes(e.event_id));
      if (round === 1) deferred.length = 0;
      for (const row of rows) {
        const { event } = JSON.parse(row.body) as WebhookEnvelope;
        const reduced = reduceIncident(state, event);
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
        if (reduced.ignored !== null || !state) {
          logger.warn(
            { ...log, reason: reduced.ignored },
            "event not applicable: stored, not routed",
          );
          continue;
        }
        const routes = routeEvent({
          eventType: event.event_type,
          snapshot: state.snapshot,
          changed: reduced.changed,
          connections,
          incidentChannels,
          cardChannels,
        });
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
    const applied = events.map((e) => e.event_id)
      .filter((id) => !deferred.includes(id));
    if (applied.length > 0) {
      await trx.updateTable("webhook_inbox").set({
        status: "done",
        processed_at: at.toISOString(),
      }).where("event_id", "in", applied).execute();
    }
    if (deferred.length > 0) {
      await trx.updateTable("webhook_inbox").set({ status: "deferred" })
        .where("event_id", "in", deferred).execute();
    }
    return { incidentId, applied: applied.length, jobs };
  });
}

/** Applies everything pending (bounded, so one call cannot run forever under a flood). */
export async function drainInbox(
  options: ProcessInboxOptions,
  maxIncidents = 1000,
): Promise<number> {
  let applied = 0;
  for (let i = 0; i < maxIncidents; i++) {
    const result = await processInboxOnce(options);
    if (result.incidentId === null) break;
    applied += result.applied;
    // better-sqlite3 is synchronous: without a macrotask boundary the whole drain is one microtask chain
    // and webhooks wait behind it.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return applied;
}
