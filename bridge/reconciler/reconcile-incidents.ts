// The reconciler: PagerDuty drops webhooks after failures and disables a failing subscription for 24 hours, so
// cards can go stale without the bridge hearing about it. With PAGERDUTY_API_TOKEN set, this periodically
// compares PagerDuty's view with the stored snapshots and feeds every difference into the inbox as an event
// (see rest-incident-event.ts): open incidents the bridge never heard of get their cards, and open snapshots
// whose incident changed (resolved, acknowledged, reassigned, ...) are brought up to date.
import type { Logger } from "pino";
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";
import type { IncidentSnapshot } from "../../shared/incident/incident-snapshot.ts";
import type { BridgeDb } from "../db/database.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { PagerDutyApiError } from "../pagerduty/pagerduty-api-error.ts";
import { storeWebhookEvent } from "../webhooks/store-webhook-event.ts";
import { type RestIncident, restIncidentEvent } from "./rest-incident-event.ts";

export interface ReconcileOptions {
  db: BridgeDb;
  pagerDuty: PagerDutyClient;
  logger: Logger;
  now?: () => Date;
  /** Upper bound of PagerDuty requests per pass, so a pass never eats the token's rate limit (960/min). */
  maxRequests?: number;
  /**
   * Calls of PagerDuty's rate-limit window the pass leaves to enrichment (cards): it stops early rather than
   * take them. The client shared with enrichment knows how many are left.
   */
  reserve?: number;
  /** Snapshots updated more recently than this are left alone: their webhooks are still arriving. */
  quietMs?: number;
}

export interface ReconcileResult {
  checked: number;
  repaired: string[];
}

const PAGE = 100;
/** About a tenth of PagerDuty's 960 requests per minute. */
const RECONCILER_RESERVE = 100;
const OPEN_STATUSES = ["triggered", "acknowledged"];

/** The fields a card shows that PagerDuty's REST incident also carries. */
function differs(snapshot: IncidentSnapshot, rest: RestIncident): boolean {
  const ids = (refs: { id: string }[]) => refs.map((r) => r.id).sort().join();
  return snapshot.status !== rest.status ||
    snapshot.title !== rest.title ||
    snapshot.urgency !== rest.urgency ||
    (snapshot.priority?.id ?? null) !== (rest.priority?.id ?? null) ||
    snapshot.escalation_policy.id !== rest.escalation_policy.id ||
    ids(snapshot.assignees) !==
      ids((rest.assignments ?? []).map((a) => a.assignee));
}

export async function reconcileIncidents(
  {
    db,
    pagerDuty,
    logger,
    now = () => new Date(),
    maxRequests = 50,
    reserve = RECONCILER_RESERVE,
    quietMs = 60_000,
  }: ReconcileOptions,
): Promise<ReconcileResult> {
  let requests = 0;
  const repaired: string[] = [];
  const snapshotOf = (state: string) =>
    (JSON.parse(state) as IncidentState | null)?.snapshot ?? null;
  // Only open incidents are read whole: a long-running bridge holds states of every incident it ever saw.
  const openHere = new Map<string, IncidentSnapshot>();
  for (
    const row of await db.selectFrom("incident_states")
      .select(["incident_id", "state"])
      .where("status", "in", OPEN_STATUSES).execute()
  ) {
    const snapshot = snapshotOf(row.state);
    if (snapshot) openHere.set(row.incident_id, snapshot);
  }
  /** Snapshots of incidents not open here (resolved, or only deferred events so far: null). */
  async function otherSnapshots(ids: string[]) {
    const found = new Map<string, IncidentSnapshot | null>();
    if (ids.length === 0) return found;
    for (
      const row of await db.selectFrom("incident_states")
        .select(["incident_id", "state"])
        .where("incident_id", "in", ids).execute()
    ) found.set(row.incident_id, snapshotOf(row.state));
    return found;
  }

  async function repair(
    incident: RestIncident,
    known: IncidentSnapshot | null,
  ) {
    const observedAt = now();
    const envelope = restIncidentEvent(incident, {
      observedAt,
      knownStatus: known?.status ?? null,
    });
    await storeWebhookEvent(db, {
      envelope,
      incidentId: incident.id,
      webhookId: null,
      rawBody: JSON.stringify(envelope),
      receivedAt: observedAt,
    });
    repaired.push(incident.id);
    logger.info({
      incident_id: incident.id,
      event_type: envelope.event.event_type,
    }, "reconciler repaired a stale or missing incident");
  }

  const cutoff = now().getTime() - quietMs;
  try {
    // 1. Open incidents in PagerDuty the bridge has not seen (a missed incident.triggered).
    const open = new Set<string>();
    for (let offset = 0; requests < maxRequests; offset += PAGE) {
      requests++;
      const page = await pagerDuty.get<
        { incidents: RestIncident[]; more: boolean }
      >(
        `/incidents?statuses[]=triggered&statuses[]=acknowledged&limit=${PAGE}&offset=${offset}`,
        { reserve },
      );
      const others = await otherSnapshots(
        page.incidents.map((i) => i.id).filter((id) => !openHere.has(id)),
      );
      for (const incident of page.incidents) {
        open.add(incident.id);
        const snapshot = openHere.get(incident.id) ?? others.get(incident.id);
        // Recent activity may still be on its way as webhooks, whose own times then rightly win.
        if (!snapshot) {
          if (Date.parse(incident.created_at) < cutoff) {
            await repair(incident, null);
          }
        } else if (
          Date.parse(snapshot.updated_at) < cutoff &&
          differs(snapshot, incident)
        ) await repair(incident, snapshot);
      }
      if (!page.more) break;
    }
    // 2. Snapshots still open here but not open in PagerDuty (a missed resolve), quiet ones first.
    const stale = [...openHere.values()]
      .filter((s) =>
        !open.has(s.id) &&
        Date.parse(s.updated_at) < cutoff
      )
      .sort((a, b) => a.updated_at.localeCompare(b.updated_at));
    for (const snapshot of stale) {
      if (requests >= maxRequests) break;
      requests++;
      try {
        const { incident } = await pagerDuty.get<{ incident: RestIncident }>(
          `/incidents/${encodeURIComponent(snapshot.id)}`,
          { reserve },
        );
        if (differs(snapshot, incident)) await repair(incident, snapshot);
      } catch (error) {
        // Deleted or merged away, or no access: nothing to repair from.
        if (!(error instanceof PagerDutyApiError && error.status === 404)) {
          throw error;
        }
      }
    }
  } catch (error) {
    // A failed pass repairs less, never breaks the bridge: the next pass tries again.
    if (error instanceof PagerDutyApiError && error.retryAt !== null) {
      logger.info(
        {
          requests,
          repaired: repaired.length,
          retry_at: new Date(error.retryAt).toISOString(),
        },
        "reconciler pass cut short: PagerDuty's rate limit is (nearly) used up",
      );
    } else logger.warn({ err: error }, "reconciler pass failed");
  }
  return { checked: requests, repaired };
}
