import type { AlertCounts } from "../pagerduty/pagerduty-resources.ts";
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
 * What a snapshot holds where the event did not carry a reference it should have: named for people, with an
 * empty id that no connection, filter or REST incident ever matches.
 */
export const MISSING_REFERENCE = {
  service: { id: "", type: "service_reference", summary: "Unknown service" },
  escalation_policy: {
    id: "",
    type: "escalation_policy_reference",
    summary: "Unknown escalation policy",
  },
} as const satisfies Record<string, Reference>;

/** The title shown when the event's title is not text. */
export const MISSING_TITLE = "Untitled incident";

/**
 * The incident as the cards show it: the fold of every webhook event received for it (see reduce-incident.ts).
 * Plain JSON so the bridge can store it as is. Every field has its declared type whatever the webhook carried
 * (the reducer reads the data defensively), so rendering a snapshot never has to check.
 */
export interface IncidentSnapshot {
  id: string;
  /** 0 when the event had no usable number. */
  number: number;
  title: string;
  status: IncidentStatus;
  urgency: Urgency;
  priority: Reference | null;
  /** MISSING_REFERENCE.service when the event named none. */
  service: Reference;
  /** MISSING_REFERENCE.escalation_policy when the event named none. */
  escalation_policy: Reference;
  teams: Reference[];
  assignees: Reference[];
  /** "" when the event had no link. */
  html_url: string;
  incident_key: string | null;
  /** "" when the event had no usable time (cards then say "unknown"). */
  created_at: string;
  /** The first trigger's context, kept after resolve (title and service as first seen). */
  first_trigger: { title: string; service: Reference; at: string } | null;
  /** Acknowledgers since the last (re)trigger, in order, one entry per user. */
  acknowledged_by: Actor[];
  resolved_by: Actor | null;
  /** `occurred_at` of the newest incident-state event folded in. */
  updated_at: string;
  // What PagerDuty's newer incident card shows. Optional: snapshots stored before these existed lack them
  // (read as none); the reducer always writes them.
  /** The incident type's name (`incident_default` is PagerDuty's base type); null when the data named none. */
  incident_type?: string | null;
  conference_bridge?: ConferenceBridge | null;
  /** The newest `incident.custom_field_values.updated`'s fields, in PagerDuty's order. */
  custom_fields?: CustomFieldValue[];
  /** One entry per role, as last assigned (`assignee` null once unassigned), in role order of first sight. */
  roles?: RoleAssignment[];
  /** Tasks as their newest event left them, in order of creation. */
  tasks?: IncidentTask[];
  /**
   * The escalation level and who is next. No webhook carries them: the bridge's enrichment adds them from the
   * REST API (GET /escalation_policies/{id}, GET /oncalls) before rendering; never stored, absent otherwise.
   */
  escalation?: EscalationStanding | null;
  /**
   * Alerts grouped into the incident (the REST incident's `alert_counts`). No webhook carries them nor tells when
   * an alert joins: the enrichment adds them from GET /incidents/{id} before rendering; never stored.
   */
  alert_counts?: AlertCounts | null;
}

export interface EscalationStanding {
  /** The level the assignees are on call at (1-based). */
  level: number;
  /** Levels of the escalation policy. */
  levels: number;
  /** On call at the next level with anyone on call; empty on the last level. */
  next: Reference[];
}

export interface ConferenceBridge {
  /** An http(s) URL or null (checked again when rendered: it is user input). */
  url: string | null;
  numbers: { label: string; number: string }[];
}

export interface CustomFieldValue {
  id: string;
  name: string;
  /** PagerDuty's display name when the payload has one, else the field's name. */
  label: string;
  /** Text as PagerDuty would show it: multi-values joined with ", ", booleans "Yes"/"No"; null when unset. */
  value: string | null;
}

export interface RoleAssignment {
  role: Reference;
  assignee: Reference | null;
}

export interface IncidentTask {
  id: string;
  name: string;
  /** Done once `incident.task.completed` (or a status of done) was seen. */
  done: boolean;
  assignees: Reference[];
}
