// The event of a stored delivery, as the reducer and the routing read it. The body is what PagerDuty sent (any
// signed `{"event":{…}}` is stored), so the envelope fields are taken from what the inbox derived at intake:
// the inbox key as id, a string type, and the normalised time when the event had one.
import type {
  WebhookEnvelope,
  WebhookEvent,
} from "../../shared/pagerduty/webhook-event.ts";
import {
  eventTypeOf,
  occurredAtOf,
} from "../webhooks/parse-webhook-envelope.ts";

/** The stored body is no longer a JSON object with an `event` object (written by hand, or another version). */
export class InboxEventError extends Error {
  override name = "InboxEventError";
  constructor(readonly eventId: string, problem: string) {
    super(`stored event ${eventId}: ${problem}`);
  }
}

export function readInboxEvent(
  row: { event_id: string; body: string },
): WebhookEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.body);
  } catch (error) {
    throw new InboxEventError(
      row.event_id,
      `body is not JSON (${(error as Error).message})`,
    );
  }
  const event = (parsed as Partial<WebhookEnvelope> | null)?.event;
  if (typeof event !== "object" || event === null || Array.isArray(event)) {
    throw new InboxEventError(row.event_id, "body has no event object");
  }
  return {
    ...event,
    id: row.event_id,
    event_type: eventTypeOf(event),
    // An event without a usable time keeps what it had: the reducer ignores it (invalid_occurred_at).
    occurred_at: occurredAtOf(event) ?? event.occurred_at,
  };
}
