// V3 webhook events as PagerDuty sends them (shared/pagerduty/webhook-event.ts): incident data uses `number`
// and `assignees` rather than the REST names, and carries no acknowledgements or body.

import { randomUUID } from "node:crypto";
import type {
  Reference,
  WebhookData,
  WebhookEvent,
  WebhookIncident,
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
import type { SimIncident, SimulatorState } from "./simulator-state.ts";

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

function toWebhookIncident(
  state: SimulatorState,
  incident: SimIncident,
): WebhookIncident {
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
    title: incident.title,
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
    priority: incident.priorityId
      ? webhookReference(priorityReference(state, incident.priorityId))
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

export function buildIncidentEvent(
  state: SimulatorState,
  eventType: string,
  incident: SimIncident,
  cause: EventCause,
  occurredAt: Date,
  data: WebhookData = toWebhookIncident(state, incident),
): SimEvent {
  return {
    event: {
      id: randomUUID(),
      event_type: eventType,
      resource_type: "incident",
      occurred_at: isoWithMillis(occurredAt),
      agent: cause.agentUserId
        ? webhookReference(userReference(state, cause.agentUserId))
        : null,
      client: cause.clientName ? { name: cause.clientName } : null,
      data,
    },
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
