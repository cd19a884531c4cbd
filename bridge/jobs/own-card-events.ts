// Which events take an incident out of a storm digest into a card of its own (bridge/outbox/storm-digest.ts):
// someone acted on it beyond acknowledging or resolving it, or it escalated past its first level. Acknowledge,
// resolve and reopen are what a digest line shows (status and who acknowledged), so they keep it in the digest:
// otherwise the digest's own "Acknowledge all open" would turn every line into a card.
import type { IncidentEventType } from "../../shared/pagerduty/event-types.ts";

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

export const wantsOwnCard = (eventType: string) =>
  OWN_CARD_EVENTS.has(eventType);
