import type {
  IncidentStatus,
  Reference,
  Urgency,
} from "../pagerduty/webhook-event.ts";

/** Who did something to the incident, and when (from the event's `agent` and `occurred_at`). */
export interface Actor {
  agent: Reference | null;
  at: string;
}

/**
 * The incident as the cards show it: the fold of every webhook event received for it (see reduce-incident.ts).
 * Plain JSON so the bridge can store it as is.
 */
export interface IncidentSnapshot {
  id: string;
  number: number;
  title: string;
  status: IncidentStatus;
  urgency: Urgency;
  priority: Reference | null;
  service: Reference;
  escalation_policy: Reference;
  teams: Reference[];
  assignees: Reference[];
  html_url: string;
  incident_key: string | null;
  created_at: string;
  /** The first trigger's context, kept after resolve (title and service as first seen). */
  first_trigger: { title: string; service: Reference; at: string } | null;
  /** Acknowledgers since the last (re)trigger, in order, one entry per user. */
  acknowledged_by: Actor[];
  resolved_by: Actor | null;
  /** `occurred_at` of the newest incident-state event folded in. */
  updated_at: string;
}
