// Reads a signed V3 body just enough to store it. PagerDuty drops a webhook answered with a 4xx and disables the
// subscription for 24 hours after three drops, so a shape nobody foresaw must still be stored (and ignored by the
// worker) rather than refused: the only 400 is for a body that is not a JSON object with an `event` object.
// Every other field may be missing or of any type; what is stored is derived so that it is always usable.
import { createHash } from "node:crypto";
import { parseJson } from "../http/parse-json.ts";
import type {
  WebhookEnvelope,
  WebhookEvent,
} from "../../shared/pagerduty/webhook-event.ts";

export type ParseEnvelopeResult =
  | {
    ok: true;
    /** The body as parsed: nothing in `event` is checked, read it with the functions below. */
    envelope: WebhookEnvelope;
    incidentId: string | null;
    /** The inbox key (see inboxEventId). */
    eventId: string;
    /** `event.event_type`, or UNKNOWN_EVENT_TYPE. */
    eventType: string;
  }
  | { ok: false; problem: string };

/** What an event without a usable `event_type` is stored and counted as. */
const UNKNOWN_EVENT_TYPE = "unknown";

/**
 * Longest id kept as it is. Ids are primary keys and indexed: PostgreSQL refuses an index entry over about
 * 2.7 kB, and one refused row fails the whole group-committed insert it is in.
 */
const MAX_ID = 200;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const stringId = (value: unknown): string | null =>
  typeof value === "string" && value !== "" && value.length <= MAX_ID
    ? value
    : null;

// An event id only has to be unique: a number is as good as its digits. Incident ids are matched against the
// reducer's, which takes strings only.
const usableId = (value: unknown): string | null =>
  typeof value === "number" && Number.isFinite(value)
    ? String(value)
    : stringId(value);

/**
 * The event's inbox key: `event.id` when it is a usable id, else one derived from the body, so that a
 * redelivery of the same body is still a duplicate.
 */
export function inboxEventId(event: WebhookEvent, rawBody: string): string {
  return usableId(event.id) ??
    `body-sha256:${createHash("sha256").update(rawBody).digest("hex")}`;
}

export function eventTypeOf(event: WebhookEvent): string {
  const type: unknown = event.event_type;
  return stringId(type) ?? UNKNOWN_EVENT_TYPE;
}

/** `event.occurred_at` normalised (text order is time order on both databases), or null when it is no time. */
export function occurredAtOf(event: WebhookEvent): string | null {
  const at: unknown = event.occurred_at;
  if (typeof at !== "string") return null;
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * The incident an event is about: `data.id` for incident data, `data.incident.id` for notes, status updates,
 * responders and most others; for role assignments (`data.incident_role_assignments[]`, each with its own
 * `incident`) the first assignment's. Null when the data names none.
 */
function incidentIdOfData(data: unknown): string | null {
  if (!isObject(data)) return null;
  if (data.type === "incident") return stringId(data.id);
  if (isObject(data.incident)) return stringId(data.incident.id);
  if (Array.isArray(data.incident_role_assignments)) {
    for (const assignment of data.incident_role_assignments) {
      if (isObject(assignment) && isObject(assignment.incident)) {
        const id = stringId(assignment.incident.id);
        if (id !== null) return id;
      }
    }
  }
  return null;
}

export function parseWebhookEnvelope(text: string): ParseEnvelopeResult {
  const json = parseJson(text);
  if (!json.ok) {
    return { ok: false, problem: `body is not valid JSON: ${json.problem}` };
  }
  const parsed = json.value;
  if (!isObject(parsed)) {
    return { ok: false, problem: "body must be a JSON object" };
  }
  if (!isObject(parsed.event)) {
    return { ok: false, problem: "event is missing or not an object" };
  }
  const envelope = parsed as unknown as WebhookEnvelope;
  const { event } = envelope;
  return {
    ok: true,
    envelope,
    incidentId: incidentIdOfData(event.data),
    eventId: inboxEventId(event, text),
    eventType: eventTypeOf(event),
  };
}
