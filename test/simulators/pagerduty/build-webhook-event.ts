// V3 webhook events as PagerDuty sends them (shared/pagerduty/webhook-event.ts): incident data uses `number`
// and `assignees` rather than the REST names, and carries no acknowledgements or body.

import { randomUUID } from "node:crypto";
import type {
  Reference,
  WebhookData,
  WebhookEvent,
  WebhookIncident,
  WebhookOtherData,
} from "../../../shared/pagerduty/webhook-event.ts";
import {
  escalationPolicyReference,
  incidentReference,
  incidentTeamIds,
  priorityReference,
  serviceReference,
  teamReference,
  userReference,
} from "./render-rest-resource.ts";
import type {
  SimIncident,
  SimService,
  SimulatorState,
} from "./simulator-state.ts";

/** Who caused an event: the acting user (null for automation) and the OAuth client, if any. */
export interface EventCause {
  agentUserId: string | null;
  clientName: string | null;
}

/** An event plus what subscriptions filter on. */
export interface SimEvent {
  event: WebhookEvent;
  incidentId: string | null;
  serviceId: string | null;
  teamIds: string[];
}

function webhookReference(
  ref: {
    id: string;
    type: string;
    summary: string;
    self: string;
    html_url: string | null;
  },
): Reference {
  return {
    id: ref.id,
    type: ref.type,
    summary: ref.summary,
    self: ref.self,
    html_url: ref.html_url,
  };
}

/**
 * Incident data as the current V3 overview shows it: the REST-independent fields of the original table plus
 * `incident_type` (always) and `reopened_at` (once the incident has been reopened).
 */
type SimWebhookIncident = WebhookIncident & {
  incident_type: { name: string };
  reopened_at?: string;
};

function toWebhookIncident(
  state: SimulatorState,
  incident: SimIncident,
): SimWebhookIncident {
  const ref = incidentReference(state, incident);
  return {
    id: incident.id,
    type: "incident",
    self: ref.self,
    html_url: ref.html_url ?? "",
    number: incident.number,
    status: incident.status,
    incident_key: incident.incidentKey,
    created_at: incident.createdAt,
    ...(incident.reopenedAt ? { reopened_at: incident.reopenedAt } : {}),
    title: incident.title,
    incident_type: {
      name: state.incidentTypes.get(incident.incidentTypeId)?.name ??
        incident.incidentTypeId,
    },
    service: webhookReference(serviceReference(state, incident.serviceId)),
    assignees: incident.assignments.map((a) =>
      webhookReference(userReference(state, a.userId))
    ),
    escalation_policy: webhookReference(
      escalationPolicyReference(state, incident.escalationPolicyId),
    ),
    teams: incidentTeamIds(state, incident).map((id) =>
      webhookReference(teamReference(state, id))
    ),
    // Priorities have no page of their own: PagerDuty links the account's priority settings.
    priority: incident.priorityId
      ? {
        ...webhookReference(priorityReference(state, incident.priorityId)),
        html_url: `${state.webUrl}/account/incident_priorities`,
      }
      : null,
    urgency: incident.urgency,
    conference_bridge: incident.conferenceBridge
      ? {
        conference_number: incident.conferenceBridge.conference_number ?? null,
        conference_url: incident.conferenceBridge.conference_url ?? null,
      }
      : null,
    resolve_reason: null,
  };
}

/** `occurred_at` with millisecond precision, as PagerDuty writes it. */
function isoWithMillis(date: Date): string {
  return date.toISOString();
}

/** The V3 envelope every event shares: a fresh id, who caused it (a user reference or none) and through what. */
function webhookEnvelope(
  state: SimulatorState,
  eventType: string,
  resourceType: string,
  cause: EventCause,
  occurredAt: Date,
  data: WebhookData,
): WebhookEvent {
  return {
    id: randomUUID(),
    event_type: eventType,
    resource_type: resourceType,
    occurred_at: isoWithMillis(occurredAt),
    agent: cause.agentUserId
      ? webhookReference(userReference(state, cause.agentUserId))
      : null,
    client: cause.clientName ? { name: cause.clientName } : null,
    data,
  };
}

export function buildIncidentEvent(
  state: SimulatorState,
  eventType: string,
  incident: SimIncident,
  cause: EventCause,
  occurredAt: Date,
  data: WebhookData = toWebhookIncident(state, incident),
): SimEvent {
  return {
    event: webhookEnvelope(
      state,
      eventType,
      "incident",
      cause,
      occurredAt,
      data,
    ),
    incidentId: incident.id,
    serviceId: incident.serviceId,
    teamIds: incidentTeamIds(state, incident),
  };
}

/** A reference to the incident inside note / status update / responder data. */
export function webhookIncidentReference(
  state: SimulatorState,
  incident: SimIncident,
): Reference {
  return webhookReference(incidentReference(state, incident));
}

/** `data` of `service.*` events (type `service`), as in PagerDuty's documented `service.updated` example. */
export function webhookServiceData(
  state: SimulatorState,
  service: SimService,
): WebhookOtherData {
  const ref = serviceReference(state, service.id);
  return {
    html_url: ref.html_url,
    id: service.id,
    self: ref.self,
    summary: service.name,
    alert_creation: "create_alerts_and_incidents",
    teams: service.teamIds.map((id) =>
      webhookReference(teamReference(state, id))
    ),
    type: "service",
  };
}

/** An event about a service (`resource_type: "service"`); service and team filters match the service. */
export function buildServiceEvent(
  state: SimulatorState,
  eventType: string,
  service: SimService,
  cause: EventCause,
  occurredAt: Date,
  data: WebhookData = webhookServiceData(state, service),
): SimEvent {
  return {
    event: webhookEnvelope(
      state,
      eventType,
      "service",
      cause,
      occurredAt,
      data,
    ),
    incidentId: null,
    serviceId: service.id,
    teamIds: service.teamIds,
  };
}

export function buildPingEvent(occurredAt: Date): WebhookEvent {
  return {
    id: randomUUID(),
    event_type: "pagey.ping",
    resource_type: "pagey",
    occurred_at: isoWithMillis(occurredAt),
    agent: null,
    client: null,
    data: { message: "Hello from your friend Pagey!", type: "ping" },
  };
}
