// The simulator's whole account, as plain records. Everything else (routes, state machine, webhook dispatcher)
// reads and writes this one object, and tests read it back through the control API.

import type {
  IncidentStatus,
  Urgency,
} from "../../../shared/pagerduty/webhook-event.ts";

/** Roles of PagerDuty's User object (`role` enum of the REST spec). */
export const USER_ROLES = [
  "owner",
  "admin",
  "user",
  "limited_user",
  "observer",
  "restricted_access",
  "read_only_user",
  "read_only_limited_user",
] as const;
export type UserRole = typeof USER_ROLES[number];

export interface SimUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  timeZone: string;
  teamIds: string[];
  createdAt: string;
}

export interface SimTeam {
  id: string;
  name: string;
  description: string;
}

export type EscalationTarget =
  | { type: "user"; id: string }
  | { type: "schedule"; id: string };

export interface SimEscalationLevel {
  id: string;
  delayMinutes: number;
  targets: EscalationTarget[];
}

export interface SimEscalationPolicy {
  id: string;
  name: string;
  description: string;
  numLoops: number;
  levels: SimEscalationLevel[];
  teamIds: string[];
}

/** One on-call shift. Open-ended shifts (`end: null`) model a schedule that never rotates. */
export interface SimShift {
  userId: string;
  start: string;
  end: string | null;
}

/**
 * A rotation as PagerDuty's schedule layers define it (`schedule_layers[]`: `start`, `rotation_virtual_start`,
 * `rotation_turn_length_seconds`, `users[]`): turn k runs from start + k·length for one length, taken by
 * `userIds[k mod n]`. Layers later in the list take precedence where they overlap earlier ones (PagerDuty's
 * "higher layers override lower ones" in the final schedule).
 */
export interface SimScheduleLayer {
  start: string;
  /** When the layer stops (null: it rotates for ever). */
  end?: string | null;
  rotationTurnLengthSeconds: number;
  userIds: string[];
}

export interface SimSchedule {
  id: string;
  name: string;
  timeZone: string;
  /** Explicit shifts; with `layers` the final schedule is the layers' shifts and these. */
  shifts: SimShift[];
  layers?: SimScheduleLayer[];
}

export interface SimService {
  id: string;
  name: string;
  description: string;
  escalationPolicyId: string;
  teamIds: string[];
  status: "active" | "warning" | "critical" | "maintenance" | "disabled";
  createdAt: string;
  /**
   * Time-based alert grouping (REST `alert_grouping_parameters` {type: "time", config: {timeout}}): a new alert
   * joins the service's open incident created at most `timeoutMinutes` ago (0: while it is open). Absent: every
   * new alert opens its own incident. Intelligent and content-based grouping are not simulated.
   */
  alertGrouping?: { type: "time"; timeoutMinutes: number } | null;
}

export interface SimPriority {
  id: string;
  name: string;
  description: string;
}

export interface SimWorkflow {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  /** Manual trigger offered for these services, or for all services when null. */
  triggerServiceIds: string[] | null;
  triggerId: string;
}

export interface SimAssignment {
  userId: string;
  at: string;
}

export interface SimAcknowledgement {
  userId: string;
  at: string;
}

export interface SimNote {
  id: string;
  incidentId: string;
  userId: string | null;
  content: string;
  createdAt: string;
}

export interface SimStatusUpdate {
  id: string;
  incidentId: string;
  senderId: string | null;
  message: string;
  subject: string | null;
  htmlMessage: string | null;
  createdAt: string;
}

export interface SimResponderRequest {
  id: string;
  incidentId: string;
  requesterId: string;
  message: string;
  requestedAt: string;
  targets: { type: "user" | "escalation_policy"; id: string }[];
}

export interface SimWorkflowInstance {
  id: string;
  workflowId: string;
  incidentId: string;
  createdAt: string;
}

export interface SimIncident {
  id: string;
  number: number;
  title: string;
  status: IncidentStatus;
  urgency: Urgency;
  serviceId: string;
  escalationPolicyId: string;
  /** 1-based level of the escalation policy the incident is at. */
  escalationLevel: number;
  assignedVia: "escalation_policy" | "direct_assignment";
  assignments: SimAssignment[];
  acknowledgements: SimAcknowledgement[];
  priorityId: string | null;
  incidentKey: string | null;
  details: string | Record<string, unknown> | null;
  conferenceBridge: {
    conference_number?: string;
    conference_url?: string;
  } | null;
  createdAt: string;
  updatedAt: string;
  lastStatusChangeAt: string;
  lastStatusChangeById: string | null;
  resolvedAt: string | null;
  snoozedUntil: string | null;
  /** Users added through responder requests (they show in `incidents_responders`). */
  responderIds: string[];
  /** Id of its incident type (`state.incidentTypes`); new incidents get the base type. */
  incidentTypeId: string;
  /** Set when a resolved incident is reopened (webhook incident data carries it as `reopened_at`). */
  reopenedAt?: string;
}

export type AlertSeverity = "critical" | "error" | "warning" | "info";

/**
 * An Events API v2 integration on a service (PagerDuty "Services and Integrations"): events sent with its
 * integration key as `routing_key` become alerts on the service.
 */
export interface SimEventsIntegration {
  id: string;
  /** The 32-character integration key ("routing_key"). */
  key: string;
  serviceId: string;
  name: string;
}

/** An alert: one Events API v2 trigger (and its dedup), on one incident. */
export interface SimAlert {
  id: string;
  incidentId: string;
  serviceId: string;
  integrationId: string;
  /** The event's `dedup_key` (generated when the trigger had none). */
  alertKey: string;
  severity: AlertSeverity;
  summary: string;
  createdAt: string;
  resolvedAt: string | null;
  /** The trigger event as sent: payload, links, images, client, client_url. */
  event: Record<string, unknown>;
}

/** An incident type (PagerDuty "Incident Types"); every account has the base type `incident_default`. */
export interface SimIncidentType {
  id: string;
  name: string;
  displayName: string;
}

export const CUSTOM_FIELD_DATA_TYPES = [
  "boolean",
  "integer",
  "float",
  "string",
  "datetime",
  "url",
] as const;
export const CUSTOM_FIELD_TYPES = [
  "single_value",
  "single_value_fixed",
  "multi_value",
  "multi_value_fixed",
] as const;

/** A custom field definition, on incidents or on services (REST `CustomFieldsField`). */
export interface SimCustomField {
  id: string;
  namespace: "incidents" | "services";
  name: string;
  displayName: string;
  description: string | null;
  dataType: typeof CUSTOM_FIELD_DATA_TYPES[number];
  fieldType: typeof CUSTOM_FIELD_TYPES[number];
}

export type CustomFieldValue = string | number | boolean | string[] | null;

/** An incident role (Incident Commander, Scribe, …) assigned to a user on one incident. */
export interface SimRoleAssignment {
  id: string;
  incidentId: string;
  roleId: string;
  roleName: string;
  userId: string | null;
  previousUserId: string | null;
  status: "active" | "inactive";
}

export interface SimIncidentTask {
  id: string;
  incidentId: string;
  name: string;
  description: string | null;
  status: "todo" | "done";
  assigneeIds: string[];
}

/** An automation action (Automation Actions: a script or Process Automation job run by a runner). */
export interface SimAutomationAction {
  id: string;
  name: string;
  actionType: "script" | "process_automation";
  runnerId: string;
}

/** An automation action run on an incident (REST `AutomationActionsInvocation`). */
export interface SimActionInvocation {
  id: string;
  incidentId: string;
  actionId: string;
  /** Who invoked it; null for an API key without `From` (the account). */
  agentUserId: string | null;
  state: string;
  /** State transitions, oldest first (the spec: only `created` is guaranteed). */
  timing: { timestamp: string; state: string }[];
}

export interface SimApiKey {
  key: string;
  /** Read-only REST API keys can only GET. */
  readOnly: boolean;
  description: string;
}

export interface SimUserToken {
  token: string;
  userId: string;
  /** OAuth scopes granted; null means a classic user API token (all of the user's permissions). */
  scopes: string[] | null;
  /** Name reported as the webhook event's `client` for actions taken with this token. */
  clientName: string | null;
  /**
   * When the token stops working (401), on the simulator's clock. Set for tokens issued by the OAuth token
   * endpoint (a day for Scoped OAuth, oauth-grants.ts); absent for seeded tokens, which never expire.
   */
  expiresAt?: Date;
}

export interface SimWebhookSubscription {
  id: string;
  url: string;
  description: string;
  events: string[];
  filter: {
    type: "account_reference" | "service_reference" | "team_reference";
    id: string | null;
  };
  /** Every secret a delivery is signed with; more than one during a rotation. */
  secrets: string[];
  active: boolean;
  /** Set by three dropped deliveries in a row; cleared by POST /webhook_subscriptions/{id}/enable. */
  temporarilyDisabled: boolean;
  consecutiveDrops: number;
  customHeaders: { name: string; value: string }[];
  deliveryMethodId: string;
}

export interface SimulatorState {
  /** Public API base used in `self` links, e.g. https://api.pagerduty.com or the simulator's own URL. */
  apiUrl: string;
  /** Web UI base used in `html_url` links. */
  webUrl: string;
  users: Map<string, SimUser>;
  teams: Map<string, SimTeam>;
  schedules: Map<string, SimSchedule>;
  escalationPolicies: Map<string, SimEscalationPolicy>;
  services: Map<string, SimService>;
  /** null: the account has no priorities (GET /priorities answers 402). */
  priorities: SimPriority[] | null;
  workflows: Map<string, SimWorkflow>;
  workflowInstances: SimWorkflowInstance[];
  incidents: Map<string, SimIncident>;
  /** Alerts, oldest first. */
  alerts: SimAlert[];
  /** Events API v2 integrations by integration key. */
  eventsIntegrations: Map<string, SimEventsIntegration>;
  notes: SimNote[];
  statusUpdates: SimStatusUpdate[];
  responderRequests: SimResponderRequest[];
  apiKeys: Map<string, SimApiKey>;
  userTokens: Map<string, SimUserToken>;
  webhookSubscriptions: Map<string, SimWebhookSubscription>;
  incidentTypes: Map<string, SimIncidentType>;
  customFields: Map<string, SimCustomField>;
  /** Custom field values per incident or service id, by field id. */
  customFieldValues: Map<string, Map<string, CustomFieldValue>>;
  roleAssignments: SimRoleAssignment[];
  incidentTasks: SimIncidentTask[];
  automationActions: Map<string, SimAutomationAction>;
  actionInvocations: SimActionInvocation[];
  abilities: string[];
  nextIncidentNumber: number;
  nextId: number;
}

const DEFAULT_ABILITIES = [
  "teams",
  "read_only_users",
  "urgencies",
  "incident_workflows",
  "response_operations",
  "coordinated_responding",
  "status_update_notifications",
  "preview_incident_alert_grouping",
] as const;

/** The base incident type every account has (its name is `incident_default` in PagerDuty's API). */
export const BASE_INCIDENT_TYPE: SimIncidentType = {
  id: "PINCTYP",
  name: "incident_default",
  displayName: "Base Incident",
};

export function createSimulatorState(
  options: { apiUrl?: string; webUrl?: string } = {},
): SimulatorState {
  return {
    apiUrl: options.apiUrl ?? "https://api.pagerduty.com",
    webUrl: options.webUrl ?? "https://pagerslack-sim.pagerduty.com",
    users: new Map(),
    teams: new Map(),
    schedules: new Map(),
    escalationPolicies: new Map(),
    services: new Map(),
    priorities: null,
    workflows: new Map(),
    workflowInstances: [],
    incidents: new Map(),
    alerts: [],
    eventsIntegrations: new Map(),
    notes: [],
    statusUpdates: [],
    responderRequests: [],
    apiKeys: new Map(),
    userTokens: new Map(),
    webhookSubscriptions: new Map(),
    incidentTypes: new Map([[BASE_INCIDENT_TYPE.id, {
      ...BASE_INCIDENT_TYPE,
    }]]),
    customFields: new Map(),
    customFieldValues: new Map(),
    roleAssignments: [],
    incidentTasks: [],
    automationActions: new Map(),
    actionInvocations: [],
    abilities: [...DEFAULT_ABILITIES],
    nextIncidentNumber: 1,
    nextId: 1,
  };
}

const ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

/**
 * PagerDuty-looking ids: `P` + 6 characters for most objects, `Q` + 13 for incidents. Sequential so a test run is
 * reproducible.
 */
export function newId(
  state: SimulatorState,
  kind: "object" | "incident" = "object",
): string {
  let n = state.nextId++;
  let tail = "";
  const length = kind === "incident" ? 13 : 6;
  for (let i = 0; i < length; i++) {
    tail = ID_ALPHABET[n % ID_ALPHABET.length] + tail;
    n = Math.floor(n / ID_ALPHABET.length);
  }
  return (kind === "incident" ? "Q" : "P") + tail;
}
