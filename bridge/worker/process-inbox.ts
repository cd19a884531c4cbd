// Applies stored webhook events: claims the pending events of a batch of incidents (each in occurred_at order), folds them
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
 * per incident, every pending (and deferred) event in occurred_at order.
 */
export async function processInboxOnce(
  { db, dialect, logger, now = () => new Date() }: ProcessInboxOptions,
  batch = INBOX_BATCH,
): Promise<ProcessResult> {
  const locking = dialect === "postgres";
  return await db.transaction().execute(async (trx) => {
    const oldest = await trx.selectFrom("webhook_inbox").select("incident_id")
      .where("status", "=", "pending")
      .orderBy("received_at").orderBy("event_id").limit(batch)
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

    const allEvents = await trx.selectFrom("webhook_inbox")
      .select(["event_id", "incident_id", "body", "received_at"])
      .where("status", "in", ["pending", "deferred"])
      .where("incident_id", "in", incidentIds)
      .orderBy("occurred_at").orderBy("event_id")
      .$if(locking, (q) => q.forUpdate().skipLocked())
      .execute();

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
      applied.push(
        ...events.map((e) => e.event_id).filter((id) => !deferred.includes(id)),
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
    return {
      incidents: incidentIds.length,
      applied: applied.length,
      jobs,
      more: oldest.length === batch,
    };
  });
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
