// Which events take an incident out of a storm digest into a card of its own (bridge/outbox/storm-digest.ts):
// someone acted on it beyond acknowledging or resolving it, or a person escalated it. Acknowledge, resolve and
// reopen are what a digest line shows (status and who acknowledged), so they keep it in the digest: otherwise
// the digest's own "Acknowledge all open" would turn every line into a card.
//
// An escalation PagerDuty makes by itself (the escalation policy's timeout ran out with nobody acknowledging)
// keeps the incident in its digest too, with "escalated to …" on its line: in a storm the policy escalates every
// unacknowledged incident at the same timeout, and a card each would be the flood the digest exists to prevent.
// Such an event names no person: a V3 event's `agent` is a user reference, or null for automation
// (../shared/design/apis.md, "PagerDuty V3 webhooks"); anything but a user counts as PagerDuty's own doing.
import type { IncidentEventType } from "../../shared/pagerduty/event-types.ts";
import type { Reference } from "../../shared/pagerduty/webhook-event.ts";

export const OWN_CARD_EVENTS: ReadonlySet<string> = new Set<IncidentEventType>([
  // PagerDuty sends incident.escalated when the incident moves to a higher escalation level.
  "incident.escalated",
  "incident.reassigned",
  "incident.delegated",
  "incident.annotated",
  "incident.priority_updated",
  "incident.status_update_published",
  "incident.responder.added",
  // A role holder or a conference bridge: a response is being run on it, with its own card to read.
  "incident.role.assigned",
  "incident.conference_bridge.updated",
]);

interface CardEvent {
  event_type: string;
  agent: Reference | null;
}

/** PagerDuty escalated the incident by itself (no person did it). */
export const isAutomaticEscalation = (event: CardEvent) =>
  event.event_type === "incident.escalated" &&
  event.agent?.type !== "user_reference";

export const wantsOwnCard = (event: CardEvent) =>
  OWN_CARD_EVENTS.has(event.event_type) && !isAutomaticEscalation(event);

/**
 * What the event says about the digest line's "escalated to …": true after PagerDuty escalated it by itself,
 * false once it is back at the first level (reopened), undefined when it says nothing about it.
 */
export const autoEscalation = (event: CardEvent): boolean | undefined =>
  isAutomaticEscalation(event)
    ? true
    : event.event_type === "incident.reopened"
    ? false
    : undefined;
