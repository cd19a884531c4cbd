// POST /webhooks/pagerduty. Order of checks follows what a sender can fix: content type (415), size (413),
// signature (401), envelope (400: only a body that is not a JSON object with an `event` object; any signed
// event is stored, whatever its type and data). 202 only after the event is durably stored (RFC 9110 §15.3.3:
// accepted for processing), also for a duplicate so PagerDuty stops retrying.
import { Hono, type HonoRequest } from "hono";
import type { Logger } from "pino";
import type { BridgeDb } from "../db/database.ts";
import type { BridgeMetrics } from "../ops/bridge-metrics.ts";
import {
  createWarningAggregator,
  type WarningAggregator,
} from "../ops/aggregate-warnings.ts";
import { parseWebhookEnvelope } from "./parse-webhook-envelope.ts";
import {
  createInboxWriter,
  InboxWriteError,
  type InboxWriter,
} from "./create-inbox-writer.ts";
import { intakeIgnoredReason } from "./store-webhook-event.ts";
import { verifySignature } from "./verify-signature.ts";
import type { WebhookSecretSource } from "../pagerduty/webhook-secret-source.ts";

// One decoder for every request (stateless without `stream: true`).
const utf8 = new TextDecoder();

/** PagerDuty delivers up to 256 KB on a best-effort basis and drops larger payloads. */
const MAX_WEBHOOK_BYTES = 256 * 1024;

export interface WebhookRouteOptions {
  db: BridgeDb;
  secrets: readonly string[];
  /** Secrets the bridge keeps in its database, beside `secrets` (which it then includes). */
  secretSource?: WebhookSecretSource;
  metrics: BridgeMetrics;
  logger: Logger;
  now?: () => Date;
  /** Default: one group-committing writer on `db`. The bridge's is run-inbox.ts's, which wakes the worker. */
  inboxWriter?: InboxWriter;
  /** Where refusals are logged: the first at once, then a summary per interval. */
  rejections?: WarningAggregator;
}

async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Buffer | "too_large"> {
  if (!body) return Buffer.alloc(0);
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

/**
 * With a Content-Length (already checked against the limit) and no Transfer-Encoding, Node's HTTP parser
 * hands over at most that many bytes, so @hono/node-server's direct read is bounded; unlike `body` it builds
 * no web Request, AbortSignal and stream per webhook, which cost more CPU than the signature check. Other
 * bodies are read chunk by chunk and abandoned at the limit. The length is checked again for in-process
 * requests (no HTTP parser there).
 */
async function readBody(
  req: HonoRequest,
  limit: number,
): Promise<Buffer | "too_large"> {
  if (
    req.header("content-length") !== undefined &&
    req.header("transfer-encoding") === undefined
  ) {
    const raw = Buffer.from(await req.arrayBuffer());
    return raw.byteLength > limit ? "too_large" : raw;
  }
  return await readLimited(req.raw.body, limit);
}

export function pagerDutyWebhookRoute(
  {
    db,
    secrets: configuredSecrets,
    secretSource,
    metrics,
    logger,
    now = () => new Date(),
    inboxWriter = createInboxWriter({ db }),
    rejections = createWarningAggregator({
      logger,
      message: "webhook rejected",
    }),
  }: WebhookRouteOptions,
) {
  const app = new Hono();
  app.post("/webhooks/pagerduty", async (c) => {
    const reject = (status: 400 | 401 | 413 | 415 | 503, error: string) => {
      metrics.webhookEvents.inc({
        type: "unknown",
        outcome: `rejected_${status}`,
      });
      rejections.warn({ status, reason: error });
      return c.json({ error }, status);
    };
    let secrets = secretSource
      ? await secretSource.current()
      : configuredSecrets;
    if (secrets.length === 0 && secretSource) {
      secrets = await secretSource.refresh() ?? secrets;
    }
    if (secrets.length === 0) {
      // Before `setup` has created the subscription (and so its secret), nothing can be verified. 503, not
      // 401: PagerDuty retries a 5xx for up to 48 h, while three dropped 4xx disable the subscription.
      return reject(
        503,
        "the bridge has no webhook signing secret yet (PAGERDUTY_WEBHOOK_SECRETS): retry later",
      );
    }
    const contentType = c.req.header("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      return reject(415, "Content-Type must be application/json");
    }
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > MAX_WEBHOOK_BYTES) {
      return reject(413, `body exceeds ${MAX_WEBHOOK_BYTES} bytes`);
    }
    const raw = await readBody(c.req, MAX_WEBHOOK_BYTES);
    if (raw === "too_large") {
      return reject(413, `body exceeds ${MAX_WEBHOOK_BYTES} bytes`);
    }
    const signature = c.req.header("x-pagerduty-signature");
    if (!verifySignature(raw, signature, secrets)) {
      // A secret another replica stored a moment ago is not in this replica's cache yet.
      const fresh = await secretSource?.refresh();
      if (!fresh || !verifySignature(raw, signature, fresh)) {
        return reject(401, "missing or invalid X-PagerDuty-Signature");
      }
    }
    const text = utf8.decode(raw);
    const parsed = parseWebhookEnvelope(text);
    if (!parsed.ok) return reject(400, parsed.problem);
    const { eventId, eventType } = parsed;
    let outcome;
    try {
      outcome = await inboxWriter.write({
        envelope: parsed.envelope,
        incidentId: parsed.incidentId,
        webhookId: c.req.header("x-webhook-id") ?? null,
        rawBody: text,
        receivedAt: now(),
      });
    } catch (error) {
      if (!(error instanceof InboxWriteError)) throw error;
      // Not stored, so not acknowledged: PagerDuty retries any non-2xx answer.
      metrics.webhookEvents.inc({ type: eventType, outcome: "store_failed" });
      logger.error({ err: error, event_id: eventId }, "webhook not stored");
      return c.json({ error: "could not store the event, retry later" }, 503);
    }
    metrics.webhookEvents.inc({ type: eventType, outcome });
    if (outcome === "ignored") {
      metrics.webhookEventsIgnored.inc({
        type: eventType,
        reason: intakeIgnoredReason(parsed) ?? "unexpected_data",
      });
    }
    // Debug, not info: the line was about a tenth of the CPU spent per webhook under load, and
    // pagerslack_webhook_events_total counts the same fact by type and outcome.
    logger.debug({
      event_id: eventId,
      event_type: eventType,
      incident_id: parsed.incidentId,
      outcome,
    }, "webhook received");
    return c.json({ status: outcome }, 202);
  });
  return app;
}
