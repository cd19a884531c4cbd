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
  "incident.service_updated": "Moved to another service",
  "incident.incident_type.changed": "Incident type changed",
  "incident.conference_bridge.updated": "Conference bridge changed",
  "incident.custom_field_values.updated": "Custom fields changed",
  "incident.role.assigned": "Role assigned",
  "incident.task.created": "Task added",
  "incident.task.updated": "Task changed",
  "incident.task.completed": "Task completed",
  "incident.annotated": "Note added",
  "incident.responder.added": "Responder requested",
  "incident.responder.replied": "Responder replied",
  "incident.status_update_published": "Status update published",
  "incident.workflow.started": "Incident workflow started",
  "incident.workflow.completed": "Incident workflow completed",
};
