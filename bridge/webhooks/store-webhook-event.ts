import { createHash } from "node:crypto";
import type { Insertable } from "kysely";
import type { BridgeDb, WebhookInboxTable } from "../db/database.ts";
import type { IgnoredReason } from "../../shared/incident/reduce-incident.ts";
import { isIncidentEventType } from "../../shared/pagerduty/event-types.ts";
import type { WebhookEnvelope } from "../../shared/pagerduty/webhook-event.ts";
import {
  eventTypeOf,
  inboxEventId,
  occurredAtOf,
} from "./parse-webhook-envelope.ts";

export type StoreOutcome = "stored" | "duplicate" | "ignored";

export interface StoreWebhookInput {
  envelope: WebhookEnvelope;
  incidentId: string | null;
  webhookId: string | null;
  rawBody: string;
  receivedAt: Date;
}

/** Longest X-Webhook-Id stored as it is (the column is unique-indexed); longer ones are stored hashed. */
const MAX_WEBHOOK_ID = 200;

/**
 * Why the worker will not read this delivery, or null when it will: types the bridge does not read
 * (pagey.ping, service.*, new ones), data that names no incident, and a time that is no time (the event could
 * not be placed in its incident's history).
 */
export function intakeIgnoredReason(
  input: Pick<StoreWebhookInput, "envelope" | "incidentId">,
): IgnoredReason | null {
  const { event } = input.envelope;
  if (!isIncidentEventType(eventTypeOf(event))) {
    return "unsupported_event_type";
  }
  if (input.incidentId === null || input.incidentId === "") {
    return "unexpected_data";
  }
  if (occurredAtOf(event) === null) return "invalid_occurred_at";
  return null;
}

/**
 * The inbox row of a delivery, and whether the worker reads it. Deliveries it does not read are stored as
 * `ignored`, already processed. Every column is derived so that it is usable whatever the body holds (see
 * parse-webhook-envelope.ts): an event without a time is stored at its receipt time.
 */
export function webhookInboxRow(
  input: StoreWebhookInput,
): { row: Insertable<WebhookInboxTable>; read: boolean } {
  const { event } = input.envelope;
  const read = intakeIgnoredReason(input) === null;
  const receivedAt = input.receivedAt.toISOString();
  const webhookId = input.webhookId !== null &&
      input.webhookId.length > MAX_WEBHOOK_ID
    ? `sha256:${createHash("sha256").update(input.webhookId).digest("hex")}`
    : input.webhookId;
  return {
    read,
    row: {
      event_id: inboxEventId(event, input.rawBody),
      webhook_id: webhookId,
      event_type: eventTypeOf(event),
      incident_id: input.incidentId,
      occurred_at: occurredAtOf(event) ?? receivedAt,
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
