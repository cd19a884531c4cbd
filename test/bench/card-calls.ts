// What reached Slack, read from the Slack simulator's call log and transcript: card posts and edits (messages
// carrying the card metadata), rate-limit answers, and whether every card shows PagerDuty's final state.
import { CARD_METADATA_EVENT_TYPE } from "../../shared/cards/render-card.ts";
import {
  DIGEST_METADATA_EVENT_TYPE,
  type DigestMetadataPayload,
} from "../../shared/cards/render-digest.ts";
import type { SlackSimulator } from "../simulators/slack/start-slack-simulator.ts";
import type { FinalState } from "./build-event-script.ts";

const CARD_METHODS = new Set(["chat.postMessage", "chat.update"]);

export interface CardCall {
  method: string;
  channel: string;
  incidentId: string;
  status: string;
  updatedAt: string;
  /** Simulator clock (Date.now ms) when the call arrived. */
  time: number;
}

interface CardPayload {
  incident_id?: string;
  status?: string;
  updated_at?: string;
}

function payloadOf(metadata: unknown): CardPayload | undefined {
  const m = typeof metadata === "string" ? JSON.parse(metadata) : metadata;
  if (
    !m || (m as { event_type?: string }).event_type !== CARD_METADATA_EVENT_TYPE
  ) {
    return undefined;
  }
  return (m as { event_payload?: CardPayload }).event_payload;
}

/** Successful card posts and edits, in arrival order. */
export function cardCalls(slack: SlackSimulator): CardCall[] {
  return slack.calls().flatMap((call) => {
    if (!CARD_METHODS.has(call.method) || call.status !== 200) return [];
    if (!(call.result as { ok?: boolean })?.ok) return [];
    const payload = payloadOf(call.args.metadata);
    if (!payload?.incident_id || !payload.updated_at) return [];
    return [{
      method: call.method,
      channel: String(call.args.channel ?? ""),
      incidentId: payload.incident_id,
      status: payload.status ?? "",
      updatedAt: payload.updated_at,
      time: call.time,
    }];
  });
}

export interface SlackTally {
  /** Every Web API call the bridge made. */
  calls: number;
  posts: number;
  edits: number;
  rateLimited: number;
}

export function tallySlackCalls(slack: SlackSimulator): SlackTally {
  const calls = slack.calls();
  return {
    calls: calls.length,
    posts: calls.filter((c) => c.method === "chat.postMessage").length,
    edits: calls.filter((c) => c.method === "chat.update").length,
    rateLimited: calls.filter((c) => c.status === 429).length,
  };
}

function digestPayloadOf(
  metadata: unknown,
): DigestMetadataPayload | undefined {
  const m = typeof metadata === "string" ? JSON.parse(metadata) : metadata;
  if (
    !m ||
    (m as { event_type?: string }).event_type !== DIGEST_METADATA_EVENT_TYPE
  ) {
    return undefined;
  }
  return (m as { event_payload?: DigestMetadataPayload }).event_payload;
}

/**
 * When each incident first became visible in Slack (simulator clock, ms): the first accepted post or edit whose
 * message shows it, its own card or a storm digest listing it.
 */
export function firstShown(slack: SlackSimulator): Map<string, number> {
  const shown = new Map<string, number>();
  for (const call of slack.calls()) {
    if (!CARD_METHODS.has(call.method) || call.status !== 200) continue;
    if (!(call.result as { ok?: boolean })?.ok) continue;
    const card = payloadOf(call.args.metadata);
    const ids = card?.incident_id
      ? [card.incident_id]
      : (digestPayloadOf(call.args.metadata)?.incidents ?? []).map(([id]) =>
        id
      );
    for (const id of ids) if (!shown.has(id)) shown.set(id, call.time);
  }
  return shown;
}

/**
 * Incidents missing or not showing the final state in `channelId`: each must have exactly one card showing
 * PagerDuty's final state, or (in a storm) no card and a line in the channel's newest digest that lists it,
 * showing the final state. A second card for the same incident counts as wrong too.
 */
export function staleCards(
  slack: SlackSimulator,
  channelOfIncident: (incidentId: string) => string | undefined,
  final: ReadonlyMap<string, FinalState>,
): string[] {
  const seen = new Map<string, CardPayload[]>();
  const inDigest = new Map<string, CardPayload>();
  for (const channel of new Set([...final.keys()].map(channelOfIncident))) {
    if (!channel) continue;
    for (const message of slack.transcript(channel)) {
      // Messages come oldest first: a newer digest's line wins.
      for (
        const [id, status, updatedAt]
          of digestPayloadOf(message.metadata)?.incidents ?? []
      ) {
        inDigest.set(id, { incident_id: id, status, updated_at: updatedAt });
      }
      const payload = payloadOf(message.metadata);
      if (!payload?.incident_id) continue;
      const list = seen.get(payload.incident_id) ?? [];
      list.push(payload);
      seen.set(payload.incident_id, list);
    }
  }
  const wrong: string[] = [];
  for (const [incidentId, expected] of final) {
    const own = seen.get(incidentId) ?? [];
    const line = inDigest.get(incidentId);
    const cards = own.length === 0 && line ? [line] : own;
    const card = cards[0];
    if (
      cards.length !== 1 || !card || card.status !== expected.status ||
      card.updated_at !== expected.updatedAt
    ) {
      wrong.push(incidentId);
    }
  }
  return wrong;
}
