// REST representations of the simulator's records, shaped after the REST spec's component schemas (Incident,
// User, Service, EscalationPolicy, …) and references (`*_reference` with id, summary, self, html_url).

import { alertCounts } from "./alert-counts.ts";
import { scheduleUserIds } from "./schedule-shifts.ts";
import type {
  SimEscalationPolicy,
  SimIncident,
  SimNote,
  SimPriority,
  SimSchedule,
  SimService,
  SimTeam,
  SimulatorState,
  SimUser,
  SimWebhookSubscription,
  SimWorkflow,
} from "./simulator-state.ts";

export interface RestReference {
  id: string;
  type: string;
  summary: string;
  self: string;
  html_url: string | null;
}

/** Collection path (API) and web path per resource kind. */
const RESOURCE_PATHS = {
  user: { api: "users", web: "users" },
  team: { api: "teams", web: "teams" },
  service: { api: "services", web: "service-directory" },
  escalation_policy: { api: "escalation_policies", web: "escalation_policies" },
  schedule: { api: "schedules", web: "schedules" },
  priority: { api: "priorities", web: null },
  incident: { api: "incidents", web: "incidents" },
} as const;

function reference(
  state: SimulatorState,
  kind: keyof typeof RESOURCE_PATHS,
  id: string,
  summary: string,
): RestReference {
  const paths = RESOURCE_PATHS[kind];
  return {
    id,
    type: `${kind}_reference`,
    summary,
    self: `${state.apiUrl}/${paths.api}/${id}`,
    html_url: paths.web ? `${state.webUrl}/${paths.web}/${id}` : null,
  };
}

export function userReference(
  state: SimulatorState,
  id: string,
): RestReference {
  return reference(state, "user", id, state.users.get(id)?.name ?? id);
}

export function teamReference(
  state: SimulatorState,
  id: string,
): RestReference {
  return reference(state, "team", id, state.teams.get(id)?.name ?? id);
}

export function serviceReference(
  state: SimulatorState,
  id: string,
): RestReference {
  return reference(state, "service", id, state.services.get(id)?.name ?? id);
}

export function escalationPolicyReference(
  state: SimulatorState,
  id: string,
): RestReference {
  return reference(
    state,
    "escalation_policy",
    id,
    state.escalationPolicies.get(id)?.name ?? id,
  );
}

export function scheduleReference(
  state: SimulatorState,
  id: string,
): RestReference {
  return reference(state, "schedule", id, state.schedules.get(id)?.name ?? id);
}

export function priorityReference(
  state: SimulatorState,
  id: string,
): RestReference {
  const priority = state.priorities?.find((p) => p.id === id);
  return reference(state, "priority", id, priority?.name ?? id);
}

export function incidentReference(
  state: SimulatorState,
  incident: SimIncident,
): RestReference {
  return reference(
    state,
    "incident",
    incident.id,
    `[#${incident.number}] ${incident.title}`,
  );
}

export function renderUser(state: SimulatorState, user: SimUser) {
  const ref = userReference(state, user.id);
  return {
    ...ref,
    type: "user",
    name: user.name,
    email: user.email,
    time_zone: user.timeZone,
    color: "purple",
    role: user.role,
    avatar_url: `https://secure.gravatar.com/avatar/${user.id}.png`,
    description: null,
    invitation_sent: false,
    job_title: "",
    teams: user.teamIds.map((id) => teamReference(state, id)),
    contact_methods: [],
    notification_rules: [],
  };
}

export function renderTeam(state: SimulatorState, team: SimTeam) {
  return {
    ...teamReference(state, team.id),
    type: "team",
    name: team.name,
    description: team.description,
    default_role: "manager",
  };
}

export function renderService(state: SimulatorState, service: SimService) {
  return {
    ...serviceReference(state, service.id),
    type: "service",
    name: service.name,
    description: service.description,
    auto_resolve_timeout: 14400,
    acknowledgement_timeout: 600,
    created_at: service.createdAt,
    status: service.status,
    escalation_policy: escalationPolicyReference(
      state,
      service.escalationPolicyId,
    ),
    teams: service.teamIds.map((id) => teamReference(state, id)),
    integrations: [],
    incident_urgency_rule: { type: "constant", urgency: "high" },
    alert_creation: "create_alerts_and_incidents",
    // Deprecated in the spec in favour of Alert Grouping Settings, still answered; `type: null` when off.
    alert_grouping_parameters: service.alertGrouping
      ? {
        type: "time",
        config: { timeout: service.alertGrouping.timeoutMinutes },
      }
      : { type: null },
  };
}

export function renderEscalationPolicy(
  state: SimulatorState,
  policy: SimEscalationPolicy,
) {
  return {
    ...escalationPolicyReference(state, policy.id),
    type: "escalation_policy",
    name: policy.name,
    description: policy.description,
    num_loops: policy.numLoops,
    on_call_handoff_notifications: "if_has_services",
    escalation_rules: policy.levels.map((level) => ({
      id: level.id,
      escalation_delay_in_minutes: level.delayMinutes,
      targets: level.targets.map((target) =>
        target.type === "user"
          ? userReference(state, target.id)
          : scheduleReference(state, target.id)
      ),
    })),
    services: [...state.services.values()]
      .filter((s) => s.escalationPolicyId === policy.id)
      .map((s) => serviceReference(state, s.id)),
    teams: policy.teamIds.map((id) => teamReference(state, id)),
  };
}

export function renderSchedule(state: SimulatorState, schedule: SimSchedule) {
  const userIds = scheduleUserIds(schedule);
  return {
    ...scheduleReference(state, schedule.id),
    type: "schedule",
    name: schedule.name,
    time_zone: schedule.timeZone,
    description: "",
    users: userIds.map((id) => userReference(state, id)),
    escalation_policies: [...state.escalationPolicies.values()]
      .filter((p) =>
        p.levels.some((l) =>
          l.targets.some((t) => t.type === "schedule" && t.id === schedule.id)
        )
      )
      .map((p) => escalationPolicyReference(state, p.id)),
    teams: [],
  };
}

export function renderPriority(state: SimulatorState, priority: SimPriority) {
  return {
    ...priorityReference(state, priority.id),
    type: "priority",
    name: priority.name,
    description: priority.description,
  };
}

export function renderNote(state: SimulatorState, note: SimNote) {
  return {
    id: note.id,
    user: note.userId
      ? userReference(state, note.userId)
      : { id: "PBOT000", type: "bot_user_reference", summary: "API" },
    channel: { summary: "The PagerDuty REST API" },
    content: note.content,
    created_at: note.createdAt,
  };
}

export function renderWorkflow(state: SimulatorState, workflow: SimWorkflow) {
  return {
    id: workflow.id,
    type: "incident_workflow",
    summary: workflow.name,
    self: `${state.apiUrl}/incident_workflows/${workflow.id}`,
    html_url: `${state.webUrl}/flex-workflows/workflows/${workflow.id}`,
    name: workflow.name,
    description: workflow.description,
    created_at: workflow.createdAt,
    is_enabled: true,
  };
}

export function renderWorkflowTrigger(
  state: SimulatorState,
  workflow: SimWorkflow,
) {
  return {
    id: workflow.triggerId,
    type: "workflow_trigger",
    self: `${state.apiUrl}/incident_workflows/triggers/${workflow.triggerId}`,
    trigger_type: "manual",
    trigger_type_name: "Manual",
    trigger_url:
      `${state.apiUrl}/incident_workflows/triggers/${workflow.triggerId}/start`,
    workflow: {
      id: workflow.id,
      type: "workflow_reference",
      name: workflow.name,
      self: `${state.apiUrl}/incident_workflows/${workflow.id}`,
      html_url: null,
    },
    services: (workflow.triggerServiceIds ?? []).map((id) => ({
      id,
      type: "service",
      summary: state.services.get(id)?.name ?? id,
      self: `${state.apiUrl}/services/${id}`,
      html_url: `${state.webUrl}/service-directory/${id}`,
    })),
    is_subscribed_to_all_services: workflow.triggerServiceIds === null,
    is_disabled: false,
  };
}

export function renderWebhookSubscription(
  subscription: SimWebhookSubscription,
  { withSecret }: { withSecret: boolean },
) {
  return {
    id: subscription.id,
    type: "webhook_subscription",
    active: subscription.active,
    delivery_method: {
      id: subscription.deliveryMethodId,
      // The signing secret is shown once, in the create response; later reads answer null.
      secret: withSecret ? (subscription.secrets.at(-1) ?? null) : null,
      temporarily_disabled: subscription.temporarilyDisabled,
      type: "http_delivery_method",
      url: subscription.url,
      custom_headers: subscription.customHeaders,
    },
    description: subscription.description,
    events: subscription.events,
    filter: subscription.filter.id === null
      ? { type: subscription.filter.type }
      : { id: subscription.filter.id, type: subscription.filter.type },
  };
}

/** `include[]` values of GET /incidents that swap references for full objects. */
export type IncidentInclude =
  | "acknowledgers"
  | "agents"
  | "assignees"
  | "conference_bridge"
  | "escalation_policies"
  | "first_trigger_log_entries"
  | "priorities"
  | "services"
  | "teams"
  | "users";

export function renderIncident(
  state: SimulatorState,
  incident: SimIncident,
  include: ReadonlySet<string> = new Set(),
) {
  const service = state.services.get(incident.serviceId);
  const policy = state.escalationPolicies.get(incident.escalationPolicyId);
  const user = (id: string) => {
    const record = state.users.get(id);
    return (include.has("assignees") || include.has("users")) && record
      ? renderUser(state, record)
      : userReference(state, id);
  };
  const teamIds = incidentTeamIds(state, incident);
  const priority = incident.priorityId
    ? state.priorities?.find((p) => p.id === incident.priorityId)
    : undefined;
  const ref = incidentReference(state, incident);
  const rendered: Record<string, unknown> = {
    ...ref,
    type: "incident",
    incident_number: incident.number,
    title: incident.title,
    created_at: incident.createdAt,
    updated_at: incident.updatedAt,
    status: incident.status,
    incident_key: incident.incidentKey,
    service: include.has("services") && service
      ? renderService(state, service)
      : serviceReference(state, incident.serviceId),
    assignments: incident.assignments.map((a) => ({
      at: a.at,
      assignee: user(a.userId),
    })),
    assigned_via: incident.assignedVia,
    last_status_change_at: incident.lastStatusChangeAt,
    resolved_at: incident.resolvedAt,
    first_trigger_log_entry: {
      id: `R${incident.id.slice(1, 14)}`,
      type: "trigger_log_entry_reference",
      summary: "Triggered through the API.",
      self: `${state.apiUrl}/log_entries/R${incident.id.slice(1, 14)}`,
      html_url: `${state.webUrl}/incidents/${incident.id}/log_entries/R${
        incident.id.slice(1, 14)
      }`,
    },
    alert_counts: alertCounts(state, incident.id),
    is_mergeable: true,
    // The incident's own type (the webhook data says the same: build-webhook-event.ts).
    incident_type: {
      name: state.incidentTypes.get(incident.incidentTypeId)?.name ??
        incident.incidentTypeId,
    },
    escalation_policy: include.has("escalation_policies") && policy
      ? renderEscalationPolicy(state, policy)
      : escalationPolicyReference(state, incident.escalationPolicyId),
    teams: teamIds.map((id) => {
      const team = state.teams.get(id);
      return include.has("teams") && team
        ? renderTeam(state, team)
        : teamReference(state, id);
    }),
    pending_actions: [],
    acknowledgements: incident.acknowledgements.map((a) => ({
      at: a.at,
      acknowledger: user(a.userId),
    })),
    last_status_change_by: incident.lastStatusChangeById
      ? userReference(state, incident.lastStatusChangeById)
      : serviceReference(state, incident.serviceId),
    priority: priority
      ? include.has("priorities")
        ? renderPriority(state, priority)
        : priorityReference(state, priority.id)
      : null,
    resolve_reason: null,
    urgency: incident.urgency,
    incidents_responders: incident.responderIds.map((id) => ({
      state: "pending",
      user: userReference(state, id),
      incident: ref,
    })),
    responder_requests: [],
  };
  if (include.has("conference_bridge")) {
    rendered.conference_bridge = incident.conferenceBridge ?? {};
  }
  return rendered;
}

/** Teams of an incident: its service's teams plus its escalation policy's (PagerDuty unions both). */
export function incidentTeamIds(
  state: SimulatorState,
  incident: SimIncident,
): string[] {
  const service = state.services.get(incident.serviceId);
  const policy = state.escalationPolicies.get(incident.escalationPolicyId);
  return [
    ...new Set([...(service?.teamIds ?? []), ...(policy?.teamIds ?? [])]),
  ];
}
