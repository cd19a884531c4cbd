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

export interface SimSchedule {
  id: string;
  name: string;
  timeZone: string;
  shifts: SimShift[];
}

export interface SimService {
  id: string;
  name: string;
  description: string;
  escalationPolicyId: string;
  teamIds: string[];
  status: "active" | "warning" | "critical" | "maintenance" | "disabled";
  createdAt: string;
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
  notes: SimNote[];
  statusUpdates: SimStatusUpdate[];
  responderRequests: SimResponderRequest[];
  apiKeys: Map<string, SimApiKey>;
  userTokens: Map<string, SimUserToken>;
  webhookSubscriptions: Map<string, SimWebhookSubscription>;
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
    notes: [],
    statusUpdates: [],
    responderRequests: [],
    apiKeys: new Map(),
    userTokens: new Map(),
    webhookSubscriptions: new Map(),
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
