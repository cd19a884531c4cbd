// The webhook events a benchmark sends, in send order, and what PagerDuty's final state of each incident is
// (worked out from the script itself, not from the bridge's reducer, so the check is independent).
import type { IncidentEventType } from "../../shared/pagerduty/event-types.ts";
import type {
  IncidentStatus,
  Reference,
  WebhookEvent,
  WebhookIncident,
} from "../../shared/pagerduty/webhook-event.ts";
import {
  FIXTURE_PRIORITIES,
  FIXTURE_USERS,
  makeIncidentEvent,
} from "../../shared/incident/fixtures.ts";

/** One step of an incident's life: the event type and what the incident looks like after it. */
interface Step {
  type: IncidentEventType;
  incident?: Partial<WebhookIncident>;
  agent?: Reference;
}

const { alice, bob, carol } = FIXTURE_USERS;
const P1 = FIXTURE_PRIORITIES.P1;

/**
 * Incident lives, by name. `ack-resolve`: the common page. `storm`: four shapes in turn, five events each, so
 * that a quarter of the cards end as they were posted (notes do not change a card) and the rest need an edit.
 */
const INCIDENT_LIVES = {
  "ack-resolve": [[
    { type: "incident.triggered" },
    { type: "incident.acknowledged" },
    { type: "incident.resolved" },
  ]],
  storm: [
    [
      { type: "incident.triggered" },
      { type: "incident.escalated", incident: { assignees: [bob] } },
      {
        type: "incident.acknowledged",
        incident: { assignees: [bob] },
        agent: bob,
      },
      {
        type: "incident.priority_updated",
        incident: { status: "acknowledged", assignees: [bob], priority: P1 },
      },
      {
        type: "incident.resolved",
        incident: { assignees: [bob], priority: P1 },
        agent: bob,
      },
    ],
    [
      { type: "incident.triggered" },
      { type: "incident.acknowledged" },
      { type: "incident.unacknowledged", agent: alice },
      { type: "incident.acknowledged" },
      { type: "incident.resolved" },
    ],
    [
      { type: "incident.triggered" },
      { type: "incident.escalated", incident: { assignees: [bob] } },
      {
        type: "incident.priority_updated",
        incident: { assignees: [bob], priority: P1 },
      },
      {
        type: "incident.acknowledged",
        incident: { assignees: [bob], priority: P1 },
        agent: bob,
      },
      {
        type: "incident.reassigned",
        incident: { status: "acknowledged", assignees: [carol], priority: P1 },
      },
    ],
    [
      { type: "incident.triggered" },
      { type: "incident.annotated" },
      { type: "incident.annotated" },
      { type: "incident.annotated" },
      { type: "incident.annotated" },
    ],
  ],
} as const satisfies Record<string, readonly (readonly Step[])[]>;

export type IncidentLife = keyof typeof INCIDENT_LIVES;

export interface ScriptedEvent {
  event: WebhookEvent;
  incidentId: string;
  /** The event carries the incident itself (not a note or responder), so cards show its `occurred_at`. */
  carriesIncident: boolean;
}

export interface FinalState {
  status: IncidentStatus;
  /** `occurred_at` of the last event carrying the incident: the card's `metadata.updated_at` once current. */
  updatedAt: string;
  /** The card as first posted (after the trigger) is already final: no edit is needed. */
  sameAsTriggered: boolean;
}

export interface EventScript {
  events: ScriptedEvent[];
  final: Map<string, FinalState>;
  serviceIds: string[];
}

export interface BuildEventScriptOptions {
  incidents: number;
  /** Incidents are spread over this many services, round robin. */
  services: number;
  life: IncidentLife;
  /** Makes ids unique across runs that share a database. */
  tag: string;
  /** occurred_at of the first event (ms); later events are 1 ms apart in send order. */
  startMs?: number;
  /** Ids of incidents that exist in the PagerDuty simulator (one per incident); default: made from `tag`. */
  incidentIds?: readonly string[];
  /** Service ids (one per service); default: `serviceIdOf(tag, i)`. */
  serviceIds?: readonly string[];
}

export function serviceIdOf(tag: string, index: number): string {
  return `PS${tag}${index}`;
}

/**
 * Events in rounds: every incident's first step, then every incident's second step, and so on, so each
 * incident's events are spread over the whole run (a realistic storm: pages first, then the follow-ups).
 */
export function buildEventScript(
  { incidents, services, life, tag, startMs = Date.now(), ...ids }:
    BuildEventScriptOptions,
): EventScript {
  const shapes: readonly (readonly Step[])[] = INCIDENT_LIVES[life];
  const serviceIds = Array.from(
    { length: services },
    (_, i) => ids.serviceIds?.[i] ?? serviceIdOf(tag, i),
  );
  const rounds = Math.max(...shapes.map((s) => s.length));
  const events: ScriptedEvent[] = [];
  const final = new Map<string, FinalState>();
  let seq = 0;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < incidents; i++) {
      const shape = shapes[i % shapes.length] ?? [];
      const step = shape[round];
      if (!step) continue;
      const incidentId = ids.incidentIds?.[i] ?? `P${tag}I${i}`;
      const serviceId = serviceIds[i % services] ?? "";
      const occurredAt = new Date(startMs + seq).toISOString();
      const event = makeIncidentEvent(step.type, {
        id: `E${tag}N${seq}`,
        occurred_at: occurredAt,
        agent: step.agent ?? alice,
        incident: {
          id: incidentId,
          number: 1 + i,
          title: `Bench incident ${i} on ${serviceId}`,
          incident_key: `bench-${tag}-${i}`,
          service: {
            html_url: `https://acme.pagerduty.com/services/${serviceId}`,
            id: serviceId,
            self: `https://api.pagerduty.com/services/${serviceId}`,
            summary: `Bench service ${serviceId}`,
            type: "service_reference",
          },
          ...step.incident,
        },
        note: { id: `PN${tag}${seq}`, content: `Bench note ${seq}` },
      }) as WebhookEvent;
      seq++;
      const data = event.data as { type?: string; status?: IncidentStatus };
      const carriesIncident = data.type === "incident";
      events.push({ event, incidentId, carriesIncident });
      if (carriesIncident && data.status) {
        final.set(incidentId, {
          status: data.status,
          updatedAt: occurredAt,
          sameAsTriggered: round === 0,
        });
      }
    }
  }
  return { events, final, serviceIds };
}
