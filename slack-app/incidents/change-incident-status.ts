import { escapeMrkdwn } from "../../shared/cards/escape-mrkdwn.ts";
import { whoChanged } from "../pagerduty/explain-pagerduty-error.ts";
import { PagerDutyApiError } from "../pagerduty/pagerduty-api-error.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import type { PagerDutyIncident } from "../../shared/pagerduty/pagerduty-resources.ts";

export type TargetStatus = "acknowledged" | "resolved";

export type ChangeStatusResult =
  | { ok: true; incident: PagerDutyIncident }
  /** Nothing was sent to PagerDuty (or PagerDuty refused with 1001/1002): the incident already moved on. */
  | {
    ok: false;
    reason: "already";
    state: TargetStatus;
    by: string | undefined;
    incident: PagerDutyIncident | undefined;
  };

/**
 * Acknowledge or resolve as the linked user, without ever reopening: PagerDuty reopens a resolved incident
 * when asked to acknowledge it, so the current state is read first, and the 1001/1002 answers of a race
 * between that read and the write are reported the same way. PagerDuty offers no conditional update, so a
 * resolve landing in the milliseconds between our read and our write can still be reopened by it; the read
 * closes the common case (a card older than the incident's state). Other PagerDuty errors are thrown
 * (`PagerDutyApiError`) for `explainPagerDutyError`.
 */
export async function changeIncidentStatus(
  pagerDuty: PagerDutyClient,
  incidentId: string,
  status: TargetStatus,
  options: { resolution?: string } = {},
): Promise<ChangeStatusResult> {
  const path = `/incidents/${encodeURIComponent(incidentId)}`;
  const current = (await pagerDuty.get<{ incident: PagerDutyIncident }>(path))
    .incident;
  const already = alreadyThere(current, status);
  if (already) {
    return {
      ok: false,
      reason: "already",
      state: already,
      by: whoChanged(current, already),
      incident: current,
    };
  }
  if (status === "resolved" && options.resolution) {
    // A note, not PUT's `resolution`: PagerDuty keeps `resolution` on the resolve log entry only ("will not be
    // displayed directly in the UI", REST spec) and sends no incident.annotated for it, so neither PagerDuty's
    // notes nor the card's thread would show what the person wrote.
    await pagerDuty.post(`${path}/notes`, {
      note: { content: options.resolution },
    });
  }
  try {
    const updated = await pagerDuty.put<{ incident: PagerDutyIncident }>(path, {
      incident: { type: "incident_reference", status },
    });
    return { ok: true, incident: updated.incident };
  } catch (error) {
    const raced = error instanceof PagerDutyApiError
      ? RACE_CODES[error.code ?? -1]
      : undefined;
    if (!raced) throw error;
    const fresh = await pagerDuty.get<{ incident: PagerDutyIncident }>(path)
      .then((r) => r.incident, () => undefined);
    return {
      ok: false,
      reason: "already",
      state: raced,
      by: fresh ? whoChanged(fresh, raced) : undefined,
      incident: fresh,
    };
  }
}

/** PagerDuty's conflict codes: someone else got there between our read and our write. */
const RACE_CODES: Record<number, TargetStatus> = {
  1001: "resolved",
  1002: "acknowledged",
};

function alreadyThere(
  incident: PagerDutyIncident,
  target: TargetStatus,
): TargetStatus | undefined {
  if (incident.status === "resolved") return "resolved";
  if (target === "acknowledged" && incident.status === "acknowledged") {
    return "acknowledged";
  }
  return undefined;
}

export function describeAlready(
  result: Extract<ChangeStatusResult, { ok: false }>,
): string {
  const label = result.incident
    ? `Incident #${result.incident.incident_number}`
    : "This incident";
  return `:information_source: ${label} is already ${result.state}${
    result.by ? ` by ${escapeMrkdwn(result.by)}` : ""
  }. Nothing was changed.`;
}
