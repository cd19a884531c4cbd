import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import { mrkdwnLink } from "../../../shared/cards/mrkdwn-link.ts";
import type { PagerDutyIncident } from "../../../shared/pagerduty/pagerduty-resources.ts";

/** "View details": the incident as PagerDuty has it now (the card may lag by a webhook). */
export function incidentDetails(incident: PagerDutyIncident): string {
  const assignees = (incident.assignments ?? []).map((a) =>
    a.assignee.summary ?? a.assignee.id
  );
  const rows: [string, string][] = [
    ["Status", incident.status],
    ["Urgency", incident.urgency],
    ["Priority", incident.priority?.summary ?? "none"],
    ["Service", incident.service.summary ?? incident.service.id],
    [
      "Escalation policy",
      incident.escalation_policy.summary ?? incident.escalation_policy.id,
    ],
    ["Assigned to", assignees.length ? assignees.join(", ") : "nobody"],
  ];
  return [
    `*${
      mrkdwnLink(
        incident.html_url,
        `#${incident.incident_number} ${incident.title}`,
      )
    }*`,
    ...rows.map(([k, v]) => `*${k}:* ${escapeMrkdwn(v)}`),
  ].join("\n");
}
