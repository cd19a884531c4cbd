// The fields of PagerDuty REST API v2 resources that the bridge and the hosted app read: one definition each,
// narrowed to what we use so code does not depend on the generated file's all-optional shape.
// test/specs/pagerduty-resources.test.ts checks each field against PagerDuty's spec (the trimmed copy there), so
// a field renamed or retyped in the spec fails a test.
import type { IncidentStatus, Reference, Urgency } from "./webhook-event.ts";

export type { Reference };

export interface PagerDutyAcknowledgement {
  at: string;
  acknowledger: Reference;
}

/** REST names: `incident_number`, `assignments`, `acknowledgements` (the webhook shape differs). */
export interface PagerDutyIncident {
  id: string;
  self?: string;
  html_url: string;
  incident_number: number;
  title: string;
  status: IncidentStatus;
  urgency: Urgency;
  incident_key?: string | null;
  created_at: string;
  service: Reference;
  escalation_policy: Reference;
  teams?: Reference[];
  priority?: Reference | null;
  incident_type?: { name?: string };
  /** Only with `include[]=conference_bridge` (REST spec). */
  conference_bridge?: {
    conference_number?: string | null;
    conference_url?: string | null;
  };
  /** `at` is always sent (the spec requires it); nothing reads it yet. */
  assignments?: { assignee: Reference; at?: string }[];
  acknowledgements?: PagerDutyAcknowledgement[];
  last_status_change_by?: Reference | null;
  last_status_change_at?: string;
  /** Alerts grouped into the incident (REST spec `AlertCount`); no webhook carries it. */
  alert_counts?: AlertCounts;
}

export interface AlertCounts {
  all: number;
  triggered: number;
  resolved: number;
}

export interface PagerDutyUser {
  id: string;
  name: string;
  email: string;
  role: string;
  html_url?: string;
}

export interface PagerDutyOnCall {
  escalation_policy: Reference;
  escalation_level: number;
  schedule: Reference | null;
  user: Reference;
  start: string | null;
  end: string | null;
}

export interface PagerDutyService {
  id: string;
  name: string;
  summary?: string;
  status?: string;
  escalation_policy?: Reference;
}
