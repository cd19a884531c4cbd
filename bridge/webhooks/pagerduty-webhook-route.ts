// POST /webhooks/pagerduty. Order of checks follows what a sender can fix: content type (415), size (413),
// signature (401), envelope (400). 202 only after the event is durably stored (RFC 9110 §15.3.3: accepted for
// processing), also for a duplicate so PagerDuty stops retrying.
import { Hono } from "hono";
import type { Logger } from "pino";
import type { BridgeDb } from "../db/database.ts";
import type { BridgeMetrics } from "../ops/bridge-metrics.ts";
import { parseWebhookEnvelope } from "./parse-webhook-envelope.ts";
import { storeWebhookEvent } from "./store-webhook-event.ts";
import { verifySignature } from "./verify-signature.ts";

/** PagerDuty delivers up to 256 KB on a best-effort basis and drops larger payloads. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

export interface WebhookRouteOptions {
  db: BridgeDb;
  secrets: readonly string[];
  metrics: BridgeMetrics;
  logger: Logger;
  now?: () => Date;
  /** Called after an event is stored, to wake the worker. */
  onStored?: () => void;
}

async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array | "too_large"> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return "too_large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function pagerDutyWebhookRoute(
  { db, secrets, metrics, logger, now = () => new Date(), onStored }:
    WebhookRouteOptions,
) {
  const app = new Hono();
  app.post("/webhooks/pagerduty", async (c) => {
    const reject = (status: 400 | 401 | 413 | 415, error: string) => {
      metrics.webhookEvents.inc({
        type: "unknown",
        outcome: `rejected_${status}`,
      });
      logger.warn({ status, problem: error }, "webhook rejected");
      return c.json({ error }, status);
    };
    const contentType = c.req.header("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      return reject(415, "Content-Type must be application/json");
    }
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > MAX_WEBHOOK_BYTES) {
      return reject(413, `body exceeds ${MAX_WEBHOOK_BYTES} bytes`);
    }
    const raw = await readLimited(c.req.raw.body, MAX_WEBHOOK_BYTES);
    if (raw === "too_large") {
      return reject(413, `body exceeds ${MAX_WEBHOOK_BYTES} bytes`);
    }
    if (!verifySignature(raw, c.req.header("x-pagerduty-signature"), secrets)) {
      return reject(401, "missing or invalid X-PagerDuty-Signature");
    }
    const text = new TextDecoder().decode(raw);
    const parsed = parseWebhookEnvelope(text);
    if (!parsed.ok) return reject(400, parsed.problem);
    const { event } = parsed.envelope;
    const outcome = await storeWebhookEvent(db, {
      envelope: parsed.envelope,
      incidentId: parsed.incidentId,
      webhookId: c.req.header("x-webhook-id") ?? null,
      rawBody: text,
      receivedAt: now(),
    });
    metrics.webhookEvents.inc({ type: event.event_type, outcome });
    logger.info({
      event_id: event.id,
      event_type: event.event_type,
      incident_id: parsed.incidentId,
      outcome,
    }, "webhook received");
    if (outcome === "stored") onStored?.();
    return c.json({ status: outcome }, 202);
  });
  return app;
}
