import type { PagerDutyClient } from "../../pagerduty/pagerduty-client.ts";
import type { PagerDutyIncident } from "../../../shared/pagerduty/pagerduty-resources.ts";
import type { TriggerRequest } from "./trigger-incident-view.ts";

/**
 * POST /incidents as the user. "Assign to me" sends `assignments` (exclusive with `escalation_policy`, which
 * is therefore never sent: the service's policy applies otherwise); PagerDuty starts a self-assigned
 * incident acknowledged.
 */
export async function createIncident(
  pd: PagerDutyClient,
  request: TriggerRequest,
): Promise<PagerDutyIncident> {
  // The client's one GET /users/me, which the POST's From header reuses.
  const me = request.assignToMe ? await pd.me() : undefined;
  const created = await pd.post<{ incident: PagerDutyIncident }>("/incidents", {
    incident: {
      type: "incident",
      title: request.title,
      service: { id: request.serviceId, type: "service_reference" },
      urgency: request.urgency,
      ...(request.priorityId
        ? { priority: { id: request.priorityId, type: "priority_reference" } }
        : {}),
      ...(request.description
        ? { body: { type: "incident_body", details: request.description } }
        : {}),
      ...(me
        ? { assignments: [{ assignee: { id: me.id, type: "user_reference" } }] }
        : {}),
    },
  });
  return created.incident;
}
