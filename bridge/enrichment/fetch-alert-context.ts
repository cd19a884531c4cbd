// One call for the monitoring tool's context of an incident: its oldest alert, `GET /incidents/{id}/alerts` with
// `sort_by=created_at:asc&limit=1` (REST spec listIncidentAlerts: `sort_by` created_at/resolved_at with :asc or
// :desc, ascending by default; offset pagination, so limit=1 is the first alert). No `include[]`: the alert's
// own body carries everything the card shows.
import {
  type AlertContext,
  readAlertContext,
} from "../../shared/pagerduty/read-alert-context.ts";
import { toQueryString } from "../../shared/pagerduty/to-query-string.ts";
import { PagerDutyApiError } from "../pagerduty/pagerduty-api-error.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";

export type AlertContextFetch =
  | { kind: "found"; context: AlertContext }
  /** Nothing to show, for good: no alert (an incident opened by hand), or the key may not read it (403/404). */
  | {
    kind: "none";
    reason: "no_alerts" | "forbidden" | "not_found" | "refused";
    status?: number;
  }
  /** Worth another try: 429 (`retryAt` from PagerDuty's rate-limit headers), 5xx, timeout, network. */
  | { kind: "failed"; error: unknown; retryAt: number | null };

export async function fetchAlertContext(
  pagerDuty: PagerDutyClient,
  incidentId: string,
  { timeoutMs, reserve }: { timeoutMs: number; reserve: number },
): Promise<AlertContextFetch> {
  const path = `/incidents/${encodeURIComponent(incidentId)}/alerts${
    toQueryString({ sort_by: "created_at:asc", limit: 1 })
  }`;
  try {
    // maxWaitMs 0: never queue behind a rate-limit hold; the hold's end comes back as retryAt.
    const answer = await pagerDuty.get<{ alerts?: unknown[] }>(path, {
      maxWaitMs: 0,
      timeoutMs,
      reserve,
    });
    const first = Array.isArray(answer?.alerts) ? answer.alerts[0] : undefined;
    const context = readAlertContext(first);
    return context
      ? { kind: "found", context }
      : { kind: "none", reason: "no_alerts" };
  } catch (error) {
    if (error instanceof PagerDutyApiError) {
      if (error.status === 403) {
        return { kind: "none", reason: "forbidden", status: 403 };
      }
      if (error.status === 404) {
        return { kind: "none", reason: "not_found", status: 404 };
      }
      if (error.status === 429) {
        return { kind: "failed", error, retryAt: error.retryAt };
      }
      // Other 4xx (400, 401): the request or the key is wrong, retrying will not help.
      if (error.status < 500) {
        return { kind: "none", reason: "refused", status: error.status };
      }
    }
    return { kind: "failed", error, retryAt: null };
  }
}
