import type { Insertable } from "kysely";
import type { BridgeDb, WebhookInboxTable } from "../db/database.ts";
import { isIncidentEventType } from "../../shared/pagerduty/event-types.ts";
import type { WebhookEnvelope } from "../../shared/pagerduty/webhook-event.ts";

export type StoreOutcome = "stored" | "duplicate" | "ignored";

export interface StoreWebhookInput {
  envelope: WebhookEnvelope;
  incidentId: string | null;
  webhookId: string | null;
  rawBody: string;
  receivedAt: Date;
}

/**
 * The inbox row of a delivery, and whether the worker reads it. Types the bridge does not read (pagey.ping,
 * new ones) are stored as `ignored`, already processed.
 */
export function webhookInboxRow(
  input: StoreWebhookInput,
): { row: Insertable<WebhookInboxTable>; read: boolean } {
  const { event } = input.envelope;
  const read = isIncidentEventType(event.event_type) &&
    input.incidentId !== null && input.incidentId !== "";
  const receivedAt = input.receivedAt.toISOString();
  return {
    read,
    row: {
      event_id: event.id,
      webhook_id: input.webhookId,
      event_type: event.event_type,
      incident_id: input.incidentId,
      // Normalised so that text order is time order on both databases.
      occurred_at: new Date(event.occurred_at).toISOString(),
      body: input.rawBody,
      status: read ? "pending" : "ignored",
      received_at: receivedAt,
      processed_at: read ? null : receivedAt,
    },
  };
}

/**
 * Writes the event to the inbox, once: a second delivery with the same event id or X-Webhook-Id is a
 * duplicate. The webhook route batches its writes with `createInboxWriter`; this is the one-off form.
 */
export async function storeWebhookEvent(
  db: BridgeDb,
  input: StoreWebhookInput,
): Promise<StoreOutcome> {
  const { row, read } = webhookInboxRow(input);
  const result = await db.insertInto("webhook_inbox").values(row)
    .onConflict((oc) => oc.doNothing()).executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return "duplicate";
  return read ? "stored" : "ignored";
}
