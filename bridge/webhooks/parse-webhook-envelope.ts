// Checks the V3 envelope enough to store and route the event; the event's data is read later by the reducer.
import type { WebhookEnvelope } from "../../shared/pagerduty/webhook-event.ts";

export type ParseEnvelopeResult =
  | { ok: true; envelope: WebhookEnvelope; incidentId: string | null }
  | { ok: false; problem: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const REQUIRED_STRINGS = [
  "id",
  "event_type",
  "resource_type",
  "occurred_at",
] as const;

export function parseWebhookEnvelope(text: string): ParseEnvelopeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problem: `body is not valid JSON: ${(error as Error).message}`,
    };
  }
  if (!isObject(parsed)) {
    return { ok: false, problem: "body must be a JSON object" };
  }
  const event = parsed.event;
  if (!isObject(event)) {
    return { ok: false, problem: "event is missing or not an object" };
  }
  for (const field of REQUIRED_STRINGS) {
    if (typeof event[field] !== "string" || event[field] === "") {
      return {
        ok: false,
        problem: `event.${field} must be a non-empty string`,
      };
    }
  }
  if (Number.isNaN(Date.parse(event.occurred_at as string))) {
    return { ok: false, problem: "event.occurred_at is not an ISO 8601 time" };
  }
  if (!isObject(event.data)) {
    return { ok: false, problem: "event.data is missing or not an object" };
  }
  const data = event.data;
  let incidentId: string | null = null;
  if (data.type === "incident") {
    if (typeof data.id !== "string") {
      return { ok: false, problem: "event.data.id must be a string" };
    }
    incidentId = data.id;
  } else if (isObject(data.incident) && typeof data.incident.id === "string") {
    incidentId = data.incident.id;
  } else if ((event.event_type as string).startsWith("incident.")) {
    return {
      ok: false,
      problem: "event.data.incident.id is required for incident events",
    };
  }
  return {
    ok: true,
    envelope: parsed as unknown as WebhookEnvelope,
    incidentId,
  };
}
