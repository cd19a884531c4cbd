// The enrichment seam of the sender: PagerDuty details and Slack mentions added to a snapshot before rendering.
import type { Logger } from "pino";
import type { IncidentSnapshot } from "../../shared/incident/incident-snapshot.ts";
import type { Mentions } from "./card-renderer.ts";
import type { AlertContext } from "../../shared/pagerduty/read-alert-context.ts";

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

/** Where cards get the first alert's context (bridge/enrichment/create-alert-contexts.ts). */
export interface AlertContextSource {
  /** The context to render a card of `incidentId` with; null while unknown or when there is none. */
  forCard(incidentId: string): Promise<AlertContext | null>;
}

/** The first alert's context for a card when it is known; a failure is logged and the card goes without it. */
export async function alertContextSafely(
  alertContexts: AlertContextSource | undefined,
  logger: Logger,
  incidentId: string,
): Promise<AlertContext | null> {
  if (!alertContexts) return null;
  try {
    return await alertContexts.forCard(incidentId);
  } catch (error) {
    logger.warn(
      { incident_id: incidentId, err: error },
      "alert context lookup failed",
    );
    return null;
  }
}
