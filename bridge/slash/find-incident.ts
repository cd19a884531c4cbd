// Which incident `/pd ack 1234` means: PagerDuty's incident number, looked up among the open incidents the
// bridge follows, then asked of PagerDuty (`GET /incidents/{id}` also takes the number); without a number, the
// incident whose incident channel the command was typed in.
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";
import type { BridgeDb } from "../db/database.ts";
import { loadSnapshot } from "../outbox/sender-context.ts";
import { PagerDutyApiError } from "../pagerduty/pagerduty-api-error.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";

export interface FoundIncident {
  id: string;
  number: number | null;
  title: string | null;
}

export type FindIncidentResult =
  | { ok: true; incident: FoundIncident }
  | { ok: false; reason: "not_found" | "no_number" | "pagerduty_down" };

export async function findIncident(
  { db, pagerDuty, number, channelIncidentId }: {
    db: BridgeDb;
    pagerDuty: PagerDutyClient | null;
    number: number | null;
    channelIncidentId: string | null;
  },
): Promise<FindIncidentResult> {
  if (number === null) {
    if (!channelIncidentId) return { ok: false, reason: "no_number" };
    const known = await readSnapshot(db, channelIncidentId);
    return {
      ok: true,
      incident: known ?? { id: channelIncidentId, number: null, title: null },
    };
  }
  const open = await db.selectFrom("incident_states").select("state")
    .where("status", "in", ["triggered", "acknowledged"]).execute();
  for (const row of open) {
    const snapshot = (JSON.parse(row.state) as IncidentState | null)?.snapshot;
    if (snapshot?.number === number) {
      return {
        ok: true,
        incident: { id: snapshot.id, number, title: snapshot.title },
      };
    }
  }
  if (!pagerDuty) return { ok: false, reason: "not_found" };
  try {
    const { incident } = await pagerDuty.get<
      { incident: { id: string; incident_number?: number; title?: string } }
    >(`/incidents/${number}`, { timeoutMs: 2000 });
    return {
      ok: true,
      incident: {
        id: incident.id,
        number: incident.incident_number ?? number,
        title: incident.title ?? null,
      },
    };
  } catch (error) {
    const notFound = error instanceof PagerDutyApiError && error.status === 404;
    return { ok: false, reason: notFound ? "not_found" : "pagerduty_down" };
  }
}

async function readSnapshot(
  db: BridgeDb,
  incidentId: string,
): Promise<FoundIncident | null> {
  const snapshot = await loadSnapshot(db, incidentId);
  return snapshot
    ? {
      id: snapshot.id,
      number: snapshot.number || null,
      title: snapshot.title,
    }
    : null;
}
