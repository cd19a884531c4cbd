// PagerDuty's V3 event types table: each type with the `data.type` and `resource_type` its payload carries
// (https://docs.pagerduty.com/developer/webhooks-overview, "Event Types"; the task and action invocation types
// from https://developer.pagerduty.com/docs/webhooks/early-access-webhooks). Subscriptions naming anything else
// are rejected; `every-event-type.test.ts` checks that the simulator emits each one with the documented shape.

export const WEBHOOK_EVENT_TABLE = [
  { type: "incident.acknowledged", data: "incident" },
  { type: "incident.annotated", data: "incident_note" },
  {
    type: "incident.conference_bridge.updated",
    data: "incident_conference_bridge",
  },
  {
    type: "incident.custom_field_values.updated",
    data: "incident_field_values",
  },
  { type: "incident.delegated", data: "incident" },
  { type: "incident.escalated", data: "incident" },
  { type: "incident.incident_type.changed", data: "incident" },
  { type: "incident.priority_updated", data: "incident" },
  { type: "incident.reassigned", data: "incident" },
  { type: "incident.reopened", data: "incident" },
  { type: "incident.resolved", data: "incident" },
  { type: "incident.responder.added", data: "incident_responder" },
  { type: "incident.responder.replied", data: "incident_responder" },
  { type: "incident.role.assigned", data: "incident_role_assignment" },
  { type: "incident.service_updated", data: "incident" },
  { type: "incident.status_update_published", data: "incident_status_update" },
  { type: "incident.triggered", data: "incident" },
  { type: "incident.unacknowledged", data: "incident" },
  { type: "incident.workflow.completed", data: "incident_workflow_instance" },
  { type: "incident.workflow.started", data: "incident_workflow_instance" },
  {
    type: "incident.action_invocation.created",
    data: "incident_action_invocation",
  },
  {
    type: "incident.action_invocation.terminated",
    data: "incident_action_invocation",
  },
  {
    type: "incident.action_invocation.updated",
    data: "incident_action_invocation",
  },
  { type: "incident.task.completed", data: "incident_task" },
  { type: "incident.task.created", data: "incident_task" },
  { type: "incident.task.updated", data: "incident_task" },
  { type: "service.created", data: "service" },
  { type: "service.custom_field_values.updated", data: "service_field_values" },
  { type: "service.deleted", data: "service" },
  { type: "service.updated", data: "service" },
  // Not in PagerDuty's table (it is the test event of POST /webhook_subscriptions/{id}/ping); kept subscribable
  // so a subscription may list it, as the simulator always allowed.
  { type: "pagey.ping", data: "ping" },
] as const;

export type WebhookEventType = typeof WEBHOOK_EVENT_TABLE[number]["type"];

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] =
  WEBHOOK_EVENT_TABLE.map((row) => row.type);

/** `resource_type` of an event: the part of its type before the first dot (`incident`, `service`, `pagey`). */
export function resourceTypeOf(type: WebhookEventType): string {
  return type.slice(0, type.indexOf("."));
}
