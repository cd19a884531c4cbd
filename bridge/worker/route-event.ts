// Which channels need what for one applied event: a pure function of the event type, the incident snapshot,
// the connections and the cards that already exist, so that the routing matrix is tested without a database.
import type { IncidentSnapshot } from "../../shared/incident/incident-snapshot.ts";
import type { Connection } from "../../shared/bridge-api/bridge-api-schemas.ts";

export const NO_PRIORITY = "no_priority";
const TRIGGERED = "incident.triggered";

export interface CardRoute {
  channelId: string;
  kind: "responder" | "stakeholder";
  threadUpdates: boolean;
}
export interface UpdateRoute {
  channelId: string;
  thread: boolean;
}
export interface Routes {
  cards: CardRoute[];
  updates: UpdateRoute[];
}

export interface RouteInput {
  eventType: string;
  snapshot: IncidentSnapshot;
  /** The event changed the snapshot (state changes edit every existing card). */
  changed: boolean;
  connections: readonly Connection[];
  incidentChannels: readonly string[];
  /** Channels that already have (or are about to get) this incident's card. */
  cardChannels: ReadonlySet<string>;
}

/** Source and filters: service or team, urgency, priorities. */
export function connectionMatches(
  connection: Connection,
  snapshot: IncidentSnapshot,
): boolean {
  const source = connection.source_type === "service"
    ? snapshot.service.id === connection.source_id
    : snapshot.teams.some((team) => team.id === connection.source_id);
  if (!source) return false;
  if (connection.urgency !== null && connection.urgency !== snapshot.urgency) {
    return false;
  }
  if (connection.priorities !== null) {
    const priority = snapshot.priority?.id ?? NO_PRIORITY;
    if (!connection.priorities.includes(priority)) return false;
  }
  return true;
}

export function routeEvent(input: RouteInput): Routes {
  const cards = new Map<string, CardRoute>();
  const updates = new Map<string, UpdateRoute>();
  const addCard = (route: CardRoute) => {
    const seen = cards.get(route.channelId);
    cards.set(route.channelId, {
      channelId: route.channelId,
      kind: seen?.kind === "responder" ? "responder" : route.kind,
      threadUpdates: (seen?.threadUpdates ?? false) || route.threadUpdates,
    });
  };
  const isTrigger = input.eventType === TRIGGERED;

  for (const connection of input.connections) {
    if (!connectionMatches(connection, input.snapshot)) continue;
    const listed = isTrigger ||
      (connection.events as readonly string[]).includes(input.eventType);
    if (!listed) continue;
    const channelId = connection.channel_id;
    const route: CardRoute = {
      channelId,
      kind: connection.notification_type,
      threadUpdates: connection.thread_updates,
    };
    // A listed event posts the card where there is none yet (the incident may only now match the filters)
    // and edits it where it exists.
    if (isTrigger || input.changed || !input.cardChannels.has(channelId)) {
      addCard(route);
    }
    if (!isTrigger) {
      const seen = updates.get(channelId);
      updates.set(channelId, {
        channelId,
        thread: (seen?.thread ?? false) || connection.thread_updates,
      });
    }
  }

  for (const channelId of input.incidentChannels) {
    if (isTrigger || input.changed || !input.cardChannels.has(channelId)) {
      addCard({ channelId, kind: "responder", threadUpdates: false });
    }
    if (!isTrigger && !updates.has(channelId)) {
      updates.set(channelId, { channelId, thread: false });
    }
  }

  // State changes always edit existing cards, whatever the filters say now: a card must never show a stale
  // status (an incident that stopped matching still gets its card resolved).
  if (input.changed) {
    for (const channelId of input.cardChannels) {
      if (!cards.has(channelId)) {
        addCard({ channelId, kind: "stakeholder", threadUpdates: false });
      }
    }
  }
  return { cards: [...cards.values()], updates: [...updates.values()] };
}
