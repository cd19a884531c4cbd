// A PagerDuty REST incident, as observed at a moment, turned into the V3 webhook event the bridge would have
// received: the reconciler feeds repairs through the same inbox, reducer and outbox as real webhooks, so there
// is one way an incident reaches a card.
import type {
  WebhookEnvelope,
  WebhookIncident,
} from "../../shared/pagerduty/webhook-event.ts";
import type { PagerDutyIncident } from "../../shared/pagerduty/pagerduty-resources.ts";

/** The REST incident the conversion reads (REST names: `incident_number`, `assignments`). */
export type RestIncident = PagerDutyIncident;

const EVENT_TYPE_BY_STATUS = {
  triggered: "incident.triggered",
  acknowledged: "incident.acknowledged",
  resolved: "incident.resolved",
} as const;

/**
 * `knownStatus`: the status of the bridge's snapshot, null when it has none. A known open incident back in
 * `triggered` became so by an unacknowledge; a known resolved incident that is open again was reopened.
 */
export function restIncidentEvent(
  incident: RestIncident,
  { observedAt, knownStatus }: {
    observedAt: Date;
    knownStatus: WebhookIncident["status"] | null;
  },
): WebhookEnvelope<WebhookIncident> {
  const eventType = knownStatus === null
    ? "incident.triggered"
    : knownStatus === "resolved" && incident.status !== "resolved"
    ? "incident.reopened"
    : incident.status === "triggered"
    ? "incident.unacknowledged"
    : EVENT_TYPE_BY_STATUS[incident.status];
  const lastAck = incident.acknowledgements?.at(-1)?.acknowledger ?? null;
  const changedBy = incident.last_status_change_by?.type.startsWith("user")
    ? incident.last_status_change_by
    : null;
  const occurredAt = observedAt.toISOString();
  return {
    event: {
      // Deterministic per observation, so a retried reconcile step is a duplicate, not a second event.
      id: `reconcile-${incident.id}-${occurredAt}`,
      event_type: eventType,
      resource_type: "incident",
      occurred_at: occurredAt,
      agent: incident.status === "acknowledged"
        ? lastAck ?? changedBy
        : changedBy,
      client: { name: "pagerslack reconciler" },
      data: {
        id: incident.id,
        type: "incident",
        self: incident.self ?? "",
        html_url: incident.html_url ?? "",
        number: incident.incident_number,
        status: incident.status,
        incident_key: incident.incident_key ?? null,
        created_at: incident.created_at,
        title: incident.title,
        service: incident.service,
        assignees: (incident.assignments ?? []).map((a) => a.assignee),
        escalation_policy: incident.escalation_policy,
        teams: incident.teams ?? [],
        priority: incident.priority ?? null,
        urgency: incident.urgency,
        // What REST says of the type and bridge, and nothing where it says nothing (a bridge is sent only
        // with include[]=conference_bridge): the card keeps what the webhooks told it.
        ...(incident.incident_type?.name
          ? { incident_type: { name: incident.incident_type.name } }
          : {}),
        ...(incident.conference_bridge
          ? {
            conference_bridge: {
              conference_number: incident.conference_bridge.conference_number ??
                null,
              conference_url: incident.conference_bridge.conference_url ?? null,
            },
          }
          : {}),
        resolve_reason: null,
      },
    },
  };
}
