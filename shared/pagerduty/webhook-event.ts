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
  conference_bridge: {
    conference_number: string | null;
    conference_url: string | null;
  } | null;
  resolve_reason: { type: string; incident: Reference } | null;
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
