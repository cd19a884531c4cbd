// "Acknowledge all open" on a storm digest: every still-triggered incident of the digest acknowledged as the
// linked user with PagerDuty's bulk update (PUT /incidents, at most 250 per request, `From` required; REST
// reference "Manage incidents"). The current states are read first (GET /incidents, open ones only), because
// PagerDuty reopens a resolved incident asked to acknowledge it and refuses an acknowledged one (1002). The bulk
// update is all or nothing: when PagerDuty refuses a batch for its content (400, e.g. 1001/1002 about one of its
// incidents), each of its incidents is tried alone so that one bad incident costs only itself, and its error is
// reported by incident. Any other refusal (401/403 the user or app may not, 429 rate limited, 5xx) would refuse
// every single update the same way and multiply the calls into a limited API: it is thrown once, to be explained.
import { PagerDutyApiError } from "../pagerduty/pagerduty-api-error.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import type { PagerDutyIncident } from "../../shared/pagerduty/pagerduty-resources.ts";

/** A refusal about what the batch holds (one incident resolved or acknowledged meanwhile…): worth one-by-one. */
const isPerIncidentRefusal = (error: PagerDutyApiError) => error.status === 400;

/** PagerDuty's bulk update limit ("A maximum of 250 incidents may be updated at a time", else 413). */
export const BULK_UPDATE_MAX = 250;
const LIST_LIMIT = 100;
/** Pages of open incidents read at most (10,000 open incidents). */
const MAX_LIST_PAGES = 100;

export interface AcknowledgeAllResult {
  acknowledged: PagerDutyIncident[];
  /** Acknowledged already (by someone, before the click). */
  alreadyAcknowledged: PagerDutyIncident[];
  /**
   * Not found among the open incidents the user can see: resolved since the digest listed it, or not visible to
   * this user (their role or teams), or past the listing's reach.
   */
  notOpen: string[];
  failed: { id: string; error: unknown }[];
}

export async function acknowledgeAll(
  pagerDuty: PagerDutyClient,
  incidentIds: readonly string[],
): Promise<AcknowledgeAllResult> {
  const wanted = new Set(incidentIds);
  const open = new Map<string, PagerDutyIncident>();
  for (let page = 0; page < MAX_LIST_PAGES && open.size < wanted.size; page++) {
    const listed = await pagerDuty.get<
      { incidents: PagerDutyIncident[]; more?: boolean }
    >("/incidents", {
      statuses: ["triggered", "acknowledged"],
      limit: LIST_LIMIT,
      offset: page * LIST_LIMIT,
    });
    for (const incident of listed.incidents) {
      if (wanted.has(incident.id)) open.set(incident.id, incident);
    }
    if (!listed.more) break;
  }
  const result: AcknowledgeAllResult = {
    acknowledged: [],
    alreadyAcknowledged: [],
    notOpen: [],
    failed: [],
  };
  const toAck: string[] = [];
  for (const id of wanted) {
    const incident = open.get(id);
    if (!incident) result.notOpen.push(id);
    else if (incident.status === "acknowledged") {
      result.alreadyAcknowledged.push(incident);
    } else toAck.push(id);
  }
  for (let i = 0; i < toAck.length; i += BULK_UPDATE_MAX) {
    const batch = toAck.slice(i, i + BULK_UPDATE_MAX);
    try {
      const updated = await pagerDuty.put<{ incidents: PagerDutyIncident[] }>(
        "/incidents",
        {
          incidents: batch.map((id) => ({
            id,
            type: "incident_reference",
            status: "acknowledged",
          })),
        },
      );
      result.acknowledged.push(...updated.incidents);
    } catch (error) {
      if (!(error instanceof PagerDutyApiError)) throw error;
      if (!isPerIncidentRefusal(error)) throw error;
      if (batch.length === 1) {
        result.failed.push({ id: batch[0]!, error });
        continue;
      }
      for (const id of batch) {
        try {
          const one = await pagerDuty.put<{ incident: PagerDutyIncident }>(
            `/incidents/${encodeURIComponent(id)}`,
            {
              incident: { type: "incident_reference", status: "acknowledged" },
            },
          );
          result.acknowledged.push(one.incident);
        } catch (single) {
          if (!(single instanceof PagerDutyApiError)) throw single;
          result.failed.push({ id, error: single });
        }
      }
    }
  }
  return result;
}
