// Validates a connection as PagerDuty's own Slack connections model it
// (`integration-slack-openapiv3.json`, SlackConnection), with full event type names.
import { INCIDENT_EVENT_TYPES } from "../../shared/pagerduty/event-types.ts";

export interface Connection {
  id: string;
  channel_id: string;
  source_type: "service" | "team";
  source_id: string;
  notification_type: "responder" | "stakeholder";
  events: string[];
  urgency: "high" | "low" | null;
  priorities: string[] | null;
  thread_updates: boolean;
}

export type ValidationResult<T> =
  | { ok: true; value: T }
  | { ok: false; field: string; problem: string };

const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
const ID = /^[A-Za-z0-9_.-]{1,64}$/;

const fail = (field: string, problem: string) =>
  ({ ok: false, field, problem }) as const;

export function validateConnection(
  id: string,
  input: unknown,
): ValidationResult<Connection> {
  if (!ID.test(id)) return fail("id", "must be 1-64 letters, digits, _ . -");
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return fail("body", "must be a JSON object");
  }
  const body = input as Record<string, unknown>;
  if (body.id !== undefined && body.id !== id) {
    return fail("id", "must match the id in the path");
  }
  if (
    typeof body.channel_id !== "string" || !CHANNEL_ID.test(body.channel_id)
  ) {
    return fail("channel_id", "must be a Slack channel id (C… or G…)");
  }
  if (body.source_type !== "service" && body.source_type !== "team") {
    return fail("source_type", 'must be "service" or "team"');
  }
  if (typeof body.source_id !== "string" || !ID.test(body.source_id)) {
    return fail("source_id", "must be a PagerDuty id");
  }
  if (
    body.notification_type !== "responder" &&
    body.notification_type !== "stakeholder"
  ) {
    return fail("notification_type", 'must be "responder" or "stakeholder"');
  }
  const events = body.events;
  if (!Array.isArray(events)) return fail("events", "must be an array");
  for (const [i, event] of events.entries()) {
    if (
      typeof event !== "string" ||
      !(INCIDENT_EVENT_TYPES as readonly string[]).includes(event)
    ) {
      return fail(
        `events[${i}]`,
        `must be one of ${INCIDENT_EVENT_TYPES.join(", ")}`,
      );
    }
  }
  const urgency = body.urgency ?? null;
  if (urgency !== null && urgency !== "high" && urgency !== "low") {
    return fail("urgency", 'must be "high", "low" or null');
  }
  const priorities = body.priorities ?? null;
  if (priorities !== null) {
    if (!Array.isArray(priorities)) {
      return fail("priorities", "must be an array of priority ids or null");
    }
    for (const [i, priority] of priorities.entries()) {
      if (typeof priority !== "string" || !ID.test(priority)) {
        return fail(
          `priorities[${i}]`,
          'must be a priority id or "no_priority"',
        );
      }
    }
  }
  if (typeof body.thread_updates !== "boolean") {
    return fail("thread_updates", "must be a boolean");
  }
  return {
    ok: true,
    value: {
      id,
      channel_id: body.channel_id,
      source_type: body.source_type,
      source_id: body.source_id,
      notification_type: body.notification_type,
      events: [...new Set(events as string[])],
      urgency,
      priorities: priorities === null
        ? null
        : [...new Set(priorities as string[])],
      thread_updates: body.thread_updates,
    },
  };
}
