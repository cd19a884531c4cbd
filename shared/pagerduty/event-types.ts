// Every V3 event type the project reads, in one table. New types appear without notice: anything not listed
// here is stored and ignored (never an error).
export const INCIDENT_EVENT_TYPES = [
  "incident.triggered",
  "incident.acknowledged",
  "incident.unacknowledged",
  "incident.resolved",
  "incident.reopened",
  "incident.escalated",
  "incident.reassigned",
  "incident.delegated",
  "incident.priority_updated",
  "incident.service_updated",
  "incident.incident_type.changed",
  "incident.conference_bridge.updated",
  "incident.custom_field_values.updated",
  "incident.role.assigned",
  "incident.task.created",
  "incident.task.updated",
  "incident.task.completed",
  "incident.annotated",
  "incident.responder.added",
  "incident.responder.replied",
  "incident.status_update_published",
  "incident.workflow.started",
  "incident.workflow.completed",
] as const;

export type IncidentEventType = typeof INCIDENT_EVENT_TYPES[number];

/** Event types that carry the incident itself as `data` (`data.type == "incident"`). */
export const INCIDENT_STATE_EVENT_TYPES = [
  "incident.triggered",
  "incident.acknowledged",
  "incident.unacknowledged",
  "incident.resolved",
  "incident.reopened",
  "incident.escalated",
  "incident.reassigned",
  "incident.delegated",
  "incident.priority_updated",
  "incident.service_updated",
  "incident.incident_type.changed",
] as const satisfies readonly IncidentEventType[];

/**
 * Event types that change what the card shows without carrying the incident: its conference bridge, custom
 * field values, role assignments and tasks (task events are Early Access: "subject to change", PagerDuty says).
 */
export const INCIDENT_DETAIL_EVENT_TYPES = [
  "incident.conference_bridge.updated",
  "incident.custom_field_values.updated",
  "incident.role.assigned",
  "incident.task.created",
  "incident.task.updated",
  "incident.task.completed",
] as const satisfies readonly IncidentEventType[];

/** Event types that are thread-style updates rather than state changes of the card. */
export const INCIDENT_UPDATE_EVENT_TYPES = [
  "incident.annotated",
  "incident.responder.added",
  "incident.responder.replied",
  "incident.status_update_published",
  "incident.workflow.started",
  "incident.workflow.completed",
] as const satisfies readonly IncidentEventType[];

export type IncidentDetailEventType =
  typeof INCIDENT_DETAIL_EVENT_TYPES[number];

export const PING_EVENT_TYPE = "pagey.ping";

export function isIncidentEventType(type: string): type is IncidentEventType {
  return (INCIDENT_EVENT_TYPES as readonly string[]).includes(type);
}
