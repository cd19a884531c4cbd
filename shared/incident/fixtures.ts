// Realistic V3 webhook events for tests, the demo and the simulators. Shapes follow PagerDuty's published
// examples (developer-docs webhooks/01-Overview.md): references carry html_url, id, self, summary, type.
import type { IncidentEventType } from "../pagerduty/event-types.ts";
import type {
  IncidentStatus,
  Reference,
  WebhookEvent,
  WebhookFieldValue,
  WebhookIncident,
  WebhookIncidentConferenceBridge,
  WebhookIncidentFieldValues,
  WebhookIncidentNote,
  WebhookIncidentResponder,
  WebhookIncidentRoleAssignment,
  WebhookIncidentStatusUpdate,
  WebhookIncidentTask,
  WebhookIncidentWorkflowInstance,
} from "../pagerduty/webhook-event.ts";
import type { IncidentSnapshot } from "./incident-snapshot.ts";
import { reduceIncident } from "./reduce-incident.ts";

const WEB = "https://acme.pagerduty.com";
const API = "https://api.pagerduty.com";

function reference(
  kind: string,
  collection: string,
  id: string,
  summary: string,
): Reference {
  return {
    html_url: `${WEB}/${collection}/${id}`,
    id,
    self: `${API}/${collection}/${id}`,
    summary,
    type: `${kind}_reference`,
  };
}

export function makeUserReference(id: string, name: string): Reference {
  return reference("user", "users", id, name);
}

export const FIXTURE_USERS = {
  alice: makeUserReference("PALICE1", "Alice Adams"),
  bob: makeUserReference("PBOB002", "Bob Brown"),
  carol: makeUserReference("PCAROL3", "Carol Chen"),
} as const;

export const FIXTURE_SERVICE: Reference = reference(
  "service",
  "services",
  "PSVC001",
  "Checkout API",
);
export const FIXTURE_OTHER_SERVICE: Reference = reference(
  "service",
  "services",
  "PSVC002",
  "Payments",
);
const FIXTURE_ESCALATION_POLICY: Reference = reference(
  "escalation_policy",
  "escalation_policies",
  "PPOL001",
  "Checkout on-call",
);
export const FIXTURE_OTHER_ESCALATION_POLICY: Reference = reference(
  "escalation_policy",
  "escalation_policies",
  "PPOL002",
  "Platform on-call",
);
export const FIXTURE_TEAM: Reference = reference(
  "team",
  "teams",
  "PTEAM01",
  "Payments team",
);

/** Priorities as webhooks carry them: the html_url is the account's priorities page. */
export const FIXTURE_PRIORITIES = {
  P1: priority("PPRIO01", "P1"),
  P2: priority("PPRIO02", "P2"),
} as const;

function priority(id: string, summary: string): Reference {
  return {
    html_url: `${WEB}/account/incident_priorities`,
    id,
    self: `${API}/priorities/${id}`,
    summary,
    type: "priority_reference",
  };
}

const FIXTURE_INCIDENT_ID = "PINC001";
const FIXTURE_OCCURRED_AT = "2026-08-20T10:00:00.000Z";

/** The incident as webhook `data` (not the REST shape: `number`, `assignees`, no acknowledgements). */
function makeWebhookIncident(
  overrides: Partial<WebhookIncident> = {},
): WebhookIncident {
  const id = overrides.id ?? FIXTURE_INCIDENT_ID;
  return {
    id,
    type: "incident",
    self: `${API}/incidents/${id}`,
    html_url: `${WEB}/incidents/${id}`,
    number: 1042,
    status: "triggered",
    incident_key: "checkout-5xx-rate",
    created_at: "2026-08-20T09:59:58Z",
    title: "Checkout API 5xx rate above 5%",
    service: FIXTURE_SERVICE,
    assignees: [FIXTURE_USERS.alice],
    escalation_policy: FIXTURE_ESCALATION_POLICY,
    teams: [FIXTURE_TEAM],
    priority: null,
    urgency: "high",
    conference_bridge: null,
    resolve_reason: null,
    ...overrides,
  };
}

function makeIncidentReference(
  incident: Pick<WebhookIncident, "id" | "title"> = makeWebhookIncident(),
): Reference {
  return {
    html_url: `${WEB}/incidents/${incident.id}`,
    id: incident.id,
    self: `${API}/incidents/${incident.id}`,
    summary: incident.title,
    type: "incident_reference",
  };
}

/** `data.type` of each incident event type, with the data type it carries. */
interface EventDataByType {
  "incident.triggered": WebhookIncident;
  "incident.acknowledged": WebhookIncident;
  "incident.unacknowledged": WebhookIncident;
  "incident.resolved": WebhookIncident;
  "incident.reopened": WebhookIncident;
  "incident.escalated": WebhookIncident;
  "incident.reassigned": WebhookIncident;
  "incident.delegated": WebhookIncident;
  "incident.priority_updated": WebhookIncident;
  "incident.service_updated": WebhookIncident;
  "incident.incident_type.changed": WebhookIncident;
  "incident.conference_bridge.updated": WebhookIncidentConferenceBridge;
  "incident.custom_field_values.updated": WebhookIncidentFieldValues;
  "incident.role.assigned": WebhookIncidentRoleAssignment;
  "incident.task.created": WebhookIncidentTask;
  "incident.task.updated": WebhookIncidentTask;
  "incident.task.completed": WebhookIncidentTask;
  "incident.annotated": WebhookIncidentNote;
  "incident.responder.added": WebhookIncidentResponder;
  "incident.responder.replied": WebhookIncidentResponder;
  "incident.status_update_published": WebhookIncidentStatusUpdate;
  "incident.workflow.started": WebhookIncidentWorkflowInstance;
  "incident.workflow.completed": WebhookIncidentWorkflowInstance;
}

/** The incident status right after each state event, unless the overrides say otherwise. */
const STATUS_AFTER: Record<string, IncidentStatus> = {
  "incident.acknowledged": "acknowledged",
  "incident.resolved": "resolved",
};

export interface IncidentEventOverrides {
  id?: string;
  occurred_at?: string;
  /** Defaults to Alice; `null` for automation. */
  agent?: Reference | null;
  client?: { name: string } | null;
  /** The incident: the whole `data` of state events, the referenced incident of the others. */
  incident?: Partial<WebhookIncident>;
  note?: Partial<Pick<WebhookIncidentNote, "id" | "content" | "trimmed">>;
  statusUpdate?: Partial<
    Pick<WebhookIncidentStatusUpdate, "id" | "message" | "trimmed">
  >;
  responder?: Partial<Omit<WebhookIncidentResponder, "type" | "incident">>;
  conferenceBridge?: Partial<
    Pick<
      WebhookIncidentConferenceBridge,
      "conference_numbers" | "conference_url"
    >
  >;
  /** `custom_fields` of `incident.custom_field_values.updated` (also its `changed_custom_fields`). */
  customFields?: WebhookFieldValue[];
  /** Role assignments: each role with its assignee (null: unassigned). */
  roles?: { role: Reference; assignee: Reference | null }[];
  task?: Partial<Omit<WebhookIncidentTask, "type" | "incident">>;
}

export const FIXTURE_ROLES = {
  commander: {
    id: "PROLE01",
    summary: "Incident Commander",
    type: "role_reference",
  },
  scribe: { id: "PROLE02", summary: "Scribe", type: "role_reference" },
} as const satisfies Record<string, Reference>;

/** A custom field value as `incident_field_values` lists it (PagerDuty's example: `environment`). */
export function makeFieldValue(
  name: string,
  value: WebhookFieldValue["value"],
  extra: Partial<WebhookFieldValue> = {},
): WebhookFieldValue {
  return {
    data_type: typeof value === "number" ? "integer" : "string",
    field_type: Array.isArray(value) ? "multi_value" : "single_value",
    id: `PF${name.toUpperCase().slice(0, 6)}`,
    name,
    namespace: "incidents",
    type: "field_value",
    value,
    ...extra,
  };
}

/**
 * One V3 webhook event of `type` for the fixture incident. The default event id is derived from the type
 * and `occurred_at`, so fixtures are deterministic and distinct events at distinct times never collide.
 */
export function makeIncidentEvent<T extends IncidentEventType>(
  type: T,
  overrides: IncidentEventOverrides = {},
): WebhookEvent<EventDataByType[T]> {
  const occurredAt = overrides.occurred_at ?? FIXTURE_OCCURRED_AT;
  const incident = makeWebhookIncident({
    status: STATUS_AFTER[type] ?? "triggered",
    ...overrides.incident,
  });
  const incidentRef = makeIncidentReference(incident);
  const data = dataFor(type, incident, incidentRef, overrides);
  return {
    id: overrides.id ?? `evt-${type}-${occurredAt}`,
    event_type: type,
    resource_type: "incident",
    occurred_at: occurredAt,
    agent: overrides.agent === undefined
      ? FIXTURE_USERS.alice
      : overrides.agent,
    client: overrides.client === undefined
      ? { name: "PagerDuty" }
      : overrides.client,
    data: data as EventDataByType[T],
  };
}

function dataFor(
  type: IncidentEventType,
  incident: WebhookIncident,
  incidentRef: Reference,
  overrides: IncidentEventOverrides,
): EventDataByType[IncidentEventType] {
  switch (type) {
    case "incident.annotated":
      return {
        incident: incidentRef,
        id: overrides.note?.id ?? "PNOTE01",
        content: overrides.note?.content ?? "Rolled back deploy 4711.",
        trimmed: overrides.note?.trimmed ?? false,
        type: "incident_note",
      };
    case "incident.status_update_published":
      return {
        incident: incidentRef,
        id: overrides.statusUpdate?.id ?? "PSTAT01",
        message: overrides.statusUpdate?.message ??
          "A fix for this incident is being deployed.",
        trimmed: overrides.statusUpdate?.trimmed ?? false,
        type: "incident_status_update",
      };
    case "incident.workflow.started":
    case "incident.workflow.completed":
      return {
        incident: incidentRef,
        id: "PWFINST1",
        incident_workflow: {
          id: "PWF0001",
          type: "incident_workflow_reference",
          summary: "Major incident",
        },
        type: "incident_workflow_instance",
      };
    case "incident.responder.added":
    case "incident.responder.replied":
      return {
        incident: incidentRef,
        user: FIXTURE_USERS.bob,
        escalation_policy: FIXTURE_ESCALATION_POLICY,
        message: "Please help with the checkout outage",
        state: type === "incident.responder.added" ? "pending" : "accepted",
        requester: FIXTURE_USERS.alice,
        ...overrides.responder,
        type: "incident_responder",
      };
    case "incident.conference_bridge.updated":
      return {
        incident: incidentRef,
        conference_numbers: [{ label: "US", number: "+1-555-555-0100,,4711#" }],
        conference_url: "https://meet.example.com/checkout-war-room",
        ...overrides.conferenceBridge,
        type: "incident_conference_bridge",
      };
    case "incident.custom_field_values.updated": {
      const fields = overrides.customFields ??
        [makeFieldValue("environment", "production")];
      return {
        incident: incidentRef,
        custom_fields: fields,
        changed_custom_fields: fields,
        type: "incident_field_values",
      };
    }
    case "incident.role.assigned":
      return {
        type: "incident_role_assignment",
        incident_role_assignments: (overrides.roles ??
          [{ role: FIXTURE_ROLES.commander, assignee: FIXTURE_USERS.bob }])
          .map((r, i) => ({
            assignee: r.assignee,
            id: `role-assignment-${i}`,
            incident: { ...incidentRef, summary: undefined },
            old_assignee: null,
            role: r.role,
            status: r.assignee ? "active" : "inactive",
            type: "role_assignment_reference",
          })),
      };
    case "incident.task.created":
    case "incident.task.updated":
    case "incident.task.completed":
      return {
        name: "Page the database team",
        description: null,
        id: "PTASK01",
        summary: "Page the database team",
        status: type === "incident.task.completed" ? "done" : "todo",
        assignees: [FIXTURE_USERS.carol],
        ...overrides.task,
        incident: incidentRef,
        type: "incident_task",
      };
    default:
      return incident;
  }
}

/**
 * A snapshot as the reducer builds it from one `incident.triggered` (so it is always consistent), with
 * `overrides` on top for the case at hand.
 */
export function makeIncidentSnapshot(
  overrides: Partial<IncidentSnapshot> = {},
): IncidentSnapshot {
  const state = reduceIncident(null, makeIncidentEvent("incident.triggered"))
    .state;
  if (state === null) throw new Error("fixture trigger was not applied");
  return { ...state.snapshot, ...overrides };
}
