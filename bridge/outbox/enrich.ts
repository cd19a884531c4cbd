// The enrichment seam of the sender: PagerDuty details and Slack mentions added to a snapshot before rendering.
import type { Logger } from "pino";
import type { IncidentSnapshot } from "../../shared/incident/incident-snapshot.ts";
import type { Mentions } from "./card-renderer.ts";

export type Enrich = (
  snapshot: IncidentSnapshot,
) => Promise<{ snapshot: IncidentSnapshot; mentions: Mentions }>;

/** Enriches when it can; a failure is logged and the snapshot is used as it is. */
export async function enrichSafely(
  enrich: Enrich | undefined,
  logger: Logger,
  snapshot: IncidentSnapshot,
): Promise<{ snapshot: IncidentSnapshot; mentions: Mentions }> {
  if (!enrich) return { snapshot, mentions: {} };
  try {
    return await enrich(snapshot);
  } catch (error) {
    // Enrichment is a bonus: the card renders from webhook data alone.
    logger.warn({ incident_id: snapshot.id, err: error }, "enrichment failed");
    return { snapshot, mentions: {} };
  }
}
