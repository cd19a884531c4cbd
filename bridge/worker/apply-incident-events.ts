// Folds one incident's pending events into its state and writes the outbox jobs they route to, inside the
// caller's transaction. Reading, folding and routing are pure, so an event that makes them throw is set aside on
// the spot (retrying cannot help) and the incident goes on from the state before it.
import type { Logger } from "pino";
import type { BridgeDb } from "../db/database.ts";
import type { Connection } from "../../shared/bridge-api/bridge-api-schemas.ts";
import {
  type IncidentState,
  reduceIncident,
  type ReduceResult,
} from "../../shared/incident/reduce-incident.ts";
import type { WebhookEvent } from "../../shared/pagerduty/webhook-event.ts";
import { enqueueCard } from "../jobs/enqueue-card.ts";
import { autoEscalation, wantsOwnCard } from "../jobs/own-card-events.ts";
import { enqueueUpdate } from "../jobs/enqueue-update.ts";
import { errorText, type InboxFailureTally } from "./record-failed-attempt.ts";
import { readInboxEvent } from "./read-inbox-event.ts";
import { routeEvent, type Routes } from "./route-event.ts";
import { routeDms } from "./route-dms.ts";
import { isDmTarget } from "../jobs/is-dm-target.ts";
import type { DmRecipient } from "../dms/notification-preference-store.ts";

/** A pending (or deferred) stored event, as the batch read it. */
export interface InboxEventRow {
  event_id: string;
  event_type: string;
  occurred_at: string | null;
  body: string;
  received_at: string;
}

export interface ApplyIncidentEventsInput {
  incidentId: string;
  /** The incident's events, in the reducer's order. */
  events: InboxEventRow[];
  state: IncidentState | null;
  connections: Connection[];
  incidentChannels: string[];
  /** Channels with a card for the incident; cards enqueued here are added. */
  cardChannels: Set<string>;
  /** Everyone with incident DMs on (route-dms.ts picks the incident's assignees among them). */
  dmRecipients: readonly DmRecipient[];
  logger: Logger;
  at: Date;
  /** Set-aside and ignored events are added, counted by the caller once its transaction commits. */
  tally: InboxFailureTally;
}

export interface AppliedIncident {
  state: IncidentState | null;
  /** Events kept for the incident's next event (an update before its trigger). */
  deferred: string[];
  setAside: Set<string>;
  jobs: number;
}

export async function applyIncidentEvents(
  trx: BridgeDb,
  input: ApplyIncidentEventsInput,
): Promise<AppliedIncident> {
  const { incidentId, events, connections, incidentChannels, cardChannels } =
    input;
  const { logger, at, tally } = input;
  let state = input.state;
  let jobs = 0;
  const deferred: string[] = [];
  const setAside = new Set<string>();
  // A second round for events deferred in the first: an event carrying the incident may sort after them
  // (the reconciler's observation of a missed trigger is stamped when it is made).
  for (let round = 0; round < 2; round += 1) {
    if (round === 1 && (!state || deferred.length === 0)) break;
    const rows = round === 0
      ? events
      : events.filter((e) => deferred.includes(e.event_id));
    if (round === 1) deferred.length = 0;
    for (const row of rows) {
      let event: WebhookEvent;
      let reduced: ReduceResult<IncidentState | null>;
      let routes: Routes | null = null;
      const previous = state?.snapshot ?? null;
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
            // DM cards follow their own rules (route-dms.ts), never a channel's.
            cardChannels: new Set(
              [...cardChannels].filter((id) => !isDmTarget(id)),
            ),
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
          ownCard: wantsOwnCard(event),
          autoEscalated: autoEscalation(event),
          enqueuedAt,
          now: at,
        });
        cardChannels.add(card.channelId);
        jobs += 1;
      }
      const dms = routeDms({
        previous,
        snapshot: state.snapshot,
        changed: reduced.changed,
        recipients: input.dmRecipients,
        dmCards: new Set([...cardChannels].filter(isDmTarget)),
      });
      for (const dm of dms) {
        await enqueueCard(trx, {
          incidentId,
          channelId: dm.slackUserId,
          teamId: dm.teamId,
          kind: "responder",
          threadUpdates: false,
          enqueuedAt,
          now: at,
        });
        cardChannels.add(dm.slackUserId);
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
      // Debug, like the route's "webhook received": at info this line was a fifth of the worker's CPU under
      // load (pino's serialising, redaction and the write to stdout), and the outbox's lines and metrics say
      // what reached Slack.
      logger.debug({
        ...log,
        changed: reduced.changed,
        cards: routes.cards.length,
        updates: routes.updates.length,
        ...(dms.length > 0 ? { dms: dms.length } : {}),
      }, "event applied");
    }
  }
  return { state, deferred, setAside, jobs };
}
