import type { IncidentEventType } from "../../../shared/pagerduty/event-types.ts";

/** What each event type is called in the Connect form (PagerDuty's own Slack integration wording). */
export const EVENT_LABELS: Record<IncidentEventType, string> = {
  "incident.triggered": "Triggered",
  "incident.acknowledged": "Acknowledged",
  "incident.unacknowledged": "Unacknowledged",
  "incident.resolved": "Resolved",
  "incident.reopened": "Reopened",
  "incident.escalated": "Escalated",
  "incident.reassigned": "Reassigned",
  "incident.delegated": "Delegated",
  "incident.priority_updated": "Priority changed",
  "incident.annotated": "Note added",
  "incident.responder.added": "Responder requested",
  "incident.responder.replied": "Responder replied",
  "incident.status_update_published": "Status update published",
  "incident.workflow.started": "Incident workflow started",
  "incident.workflow.completed": "Incident workflow completed",
};
