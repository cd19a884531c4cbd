/**
 * The fields of PagerDuty REST resources the functions read (a subset of the REST API v2 schemas in
 * shared/pagerduty/openapi.gen.ts, kept small so hosted code does not depend on the generated file's shape).
 */
export interface Reference {
  id: string;
  type: string;
  summary?: string;
  html_url?: string;
}

export interface PagerDutyIncident {
  id: string;
  incident_number: number;
  title: string;
  status: "triggered" | "acknowledged" | "resolved";
  urgency: "high" | "low";
  html_url: string;
  service: Reference;
  escalation_policy: Reference;
  priority?: Reference | null;
  assignments?: { assignee: Reference }[];
  acknowledgements?: { acknowledger: Reference; at: string }[];
  last_status_change_by?: Reference;
  last_status_change_at?: string;
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
