// PagerDuty V3 webhook payloads, as PagerDuty delivers them (see README "PagerDuty facts").
// Webhook incident data differs from the REST incident: `number` not `incident_number`, `assignees` not
// `assignments`, no acknowledgements, no body; `priority` may be null.

/** A PagerDuty reference object (`user_reference`, `service_reference`, ...). */
export interface Reference {
  id: string;
  type: string;
  summary?: string;
  self?: string | null;
  html_url?: string | null;
}

export type IncidentStatus = "triggered" | "acknowledged" | "resolved";
export type Urgency = "high" | "low";

/** `data` of an event whose `resource_type` is `incident` (`data.type == "incident"`). */
export interface WebhookIncident {
  id: string;
  type: "incident";
  self: string;
  html_url: string;
  number: number;
  status: IncidentStatus;
  incident_key: string | null;
  created_at: string;
  title: string;
  service: Reference;
  assignees: Reference[];
  escalation_policy: Reference;
  teams: Reference[];
  priority: Reference | null;
  urgency: Urgency;
  /** Absent: the data says nothing about it (the bridge's reconciler observations, see rest-incident-event.ts). */
  conference_bridge?: {
    conference_number: string | null;
    conference_url: string | null;
  } | null;
  resolve_reason: { type: string; incident: Reference } | null;
  /** The incident type (current V3 overview: `{"name": "major"}`); absent from older payloads. */
  incident_type?: { name: string } | null;
}

/** `data` of `incident.annotated`. */
export interface WebhookIncidentNote {
  id: string;
  type: "incident_note";
  incident: Reference;
  content: string;
  trimmed: boolean;
}

/** `data` of `incident.status_update_published`. */
export interface WebhookIncidentStatusUpdate {
  id: string;
  type: "incident_status_update";
  incident: Reference;
  message: string;
  trimmed: boolean;
}

/** `data` of `incident.responder.added` / `incident.responder.replied`. */
export interface WebhookIncidentResponder {
  type: "incident_responder";
  incident: Reference;
  user: Reference | null;
  escalation_policy: Reference | null;
  message: string | null;
  state: "pending" | "accepted" | "declined";
  requester: Reference | null;
}

/** `data` of `incident.workflow.started` / `incident.workflow.completed`. */
export interface WebhookIncidentWorkflowInstance {
  id: string;
  type: "incident_workflow_instance";
  incident: Reference;
  incident_workflow?: Reference | null;
}

// The data types below are those of docs.pagerduty.com/developer/webhooks-overview ("Event Data Types") and,
// for tasks, of the Early Access page (PagerDuty/developer-docs docs/webhooks/20-Early-Access-Webhooks.md);
// examples in test/fixtures/pagerduty-v3-examples.ts.

/** `data` of `incident.conference_bridge.updated`: numbers are a list here, one string on the incident. */
export interface WebhookIncidentConferenceBridge {
  type: "incident_conference_bridge";
  incident: Reference;
  conference_numbers: { label: string; number: string }[] | null;
  conference_url: string | null;
}

/** One custom field and its value (`field_value`); `value` is an array for `multi_value` fields. */
export interface WebhookFieldValue {
  type: "field_value";
  id: string;
  name: string;
  display_name?: string;
  data_type: string;
  field_type: string;
  namespace?: string;
  value: string | number | boolean | string[] | null;
}

/** `data` of `incident.custom_field_values.updated`: every field (`custom_fields`) and the changed ones. */
export interface WebhookIncidentFieldValues {
  type: "incident_field_values";
  incident: Reference;
  custom_fields: WebhookFieldValue[];
  changed_custom_fields: WebhookFieldValue[];
}

/** `data` of `incident.role.assigned`: the only data without a top-level `incident` (each assignment has one). */
export interface WebhookIncidentRoleAssignment {
  type: "incident_role_assignment";
  incident_role_assignments: {
    type: "role_assignment_reference";
    id: string;
    incident: Reference;
    role: Reference;
    /** Null once the role is unassigned (then `old_assignee` names who held it). */
    assignee: Reference | null;
    old_assignee: Reference | null;
    status: string;
  }[];
}

/** `data` of `incident.task.created` / `.updated` / `.completed` (Early Access). */
export interface WebhookIncidentTask {
  type: "incident_task";
  id: string;
  name: string;
  summary?: string;
  description: string | null;
  status: string;
  assignees: Reference[];
  incident: Reference;
}

/** `data` of `pagey.ping`, and of any type this project does not read. */
export interface WebhookOtherData {
  type: string;
  [key: string]: unknown;
}

export type WebhookData =
  | WebhookIncident
  | WebhookIncidentNote
  | WebhookIncidentStatusUpdate
  | WebhookIncidentResponder
  | WebhookIncidentWorkflowInstance
  | WebhookIncidentConferenceBridge
  | WebhookIncidentFieldValues
  | WebhookIncidentRoleAssignment
  | WebhookIncidentTask
  | WebhookOtherData;

export interface WebhookEvent<D = WebhookData> {
  id: string;
  event_type: string;
  resource_type: string;
  /** ISO 8601 with millisecond precision. */
  occurred_at: string;
  /** The user who caused the event, or null for automation. */
  agent: Reference | null;
  client: { name: string } | null;
  data: D;
}

/** The body of one V3 delivery: exactly one event. */
export interface WebhookEnvelope<D = WebhookData> {
  event: WebhookEvent<D>;
}
