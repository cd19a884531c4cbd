import type { BridgeDb } from "../db/database.ts";
import { isIncidentEventType } from "../../shared/pagerduty/event-types.ts";
import type { WebhookEnvelope } from "../../shared/pagerduty/webhook-event.ts";

export type StoreOutcome = "stored" | "duplicate" | "ignored";

/**
 * Writes the event to the inbox, once: a second delivery with the same event id or X-Webhook-Id is a
 * duplicate. Types the bridge does not read (pagey.ping, new ones) are stored as `ignored`.
 */
export async function storeWebhookEvent(
  db: BridgeDb,
  input: {
    envelope: WebhookEnvelope;
    incidentId: string | null;
    webhookId: string | null;
    rawBody: string;
    receivedAt: Date;
  },
): Promise<StoreOutcome> {
  const { event } = input.envelope;
  const read = isIncidentEventType(event.event_type) && input.incidentId;
  const result = await db.insertInto("webhook_inbox").values({
    event_id: event.id,
    webhook_id: input.webhookId,
    event_type: event.event_type,
    incident_id: input.incidentId,
    // Normalised so that text order is time order on both databases.
    occurred_at: new Date(event.occurred_at).toISOString(),
    body: input.rawBody,
    status: read ? "pending" : "ignored",
    received_at: input.receivedAt.toISOString(),
    processed_at: read ? null : input.receivedAt.toISOString(),
  }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return "duplicate";
  return read ? "stored" : "ignored";
}
