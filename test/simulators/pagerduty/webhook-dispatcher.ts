// V3 webhook delivery: matching subscriptions (event types and account/service/team filter), signing with every
// active secret, one POST per event, 5 s timeout, retries with backoff on timeouts, 5xx and 429, drops on other
// 4xx, and three drops in a row temporarily disable the subscription. Deliveries of one incident wait for each
// other (order is kept per subscription and incident, as PagerDuty documents); different incidents deliver
// concurrently. Faults (duplicates, losses, delays, reordering) are switched on explicitly by tests.

import { randomUUID } from "node:crypto";
import type { WebhookEnvelope } from "../../../shared/pagerduty/webhook-event.ts";
import type { SimEvent } from "./build-webhook-event.ts";
import { buildPingEvent } from "./build-webhook-event.ts";
import { signPagerDutyBody } from "./sign-pagerduty-body.ts";
import type {
  SimulatorState,
  SimWebhookSubscription,
} from "./simulator-state.ts";

export const WEBHOOK_USER_AGENT = "PagerDuty-Webhook/V3.0";
/** PagerDuty drops payloads above 256 KB (55 KB are guaranteed). */
const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;
const DROPS_BEFORE_DISABLE = 3;

export interface WebhookTimingOptions {
  /** Receiver deadline per attempt; PagerDuty's is 5 s. */
  timeoutMs?: number;
  /** Waits before each retry; the delivery is dropped when the list is used up. */
  backoffMs?: number[];
  /** Multiplies timeoutMs and backoffMs (e.g. 0.001 in tests). */
  timeScale?: number;
}

/** PagerDuty retries for up to 48 hours; the simulator keeps a short schedule of the same shape. */
const DEFAULT_BACKOFF_MS = [5_000, 30_000, 120_000, 600_000, 3_600_000];

export interface WebhookFaults {
  /** Probability (0–1) that a delivered webhook is sent a second time (same X-Webhook-Id and event). */
  duplicateRate: number;
  /** Probability (0–1) that a webhook is lost and never sent. */
  dropRate: number;
  /** Extra wait before each delivery. */
  delayMs: number;
  /** Random extra wait (0–jitterMs) before each delivery: reorders deliveries of different incidents. */
  jitterMs: number;
  /** Deliver an incident's queued events newest first. Off by default: PagerDuty keeps per-incident order. */
  reorderWithinIncident: boolean;
}

const NO_FAULTS: WebhookFaults = {
  duplicateRate: 0,
  dropRate: 0,
  delayMs: 0,
  jitterMs: 0,
  reorderWithinIncident: false,
};

export interface DeliveryAttempt {
  at: string;
  /** HTTP status, or null when the request failed (timeout, connection refused). */
  status: number | null;
  error: string | null;
}

export type DeliveryOutcome =
  | "pending"
  | "delivered"
  | "dropped"
  /** Lost by an injected fault: never sent. */
  | "lost"
  /** The subscription was disabled or deleted, or the simulator closed, before it was sent. */
  | "discarded";

export interface DeliveryRecord {
  /** The X-Webhook-Id: the same on every retry (and on injected duplicates). */
  deliveryId: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  incidentId: string | null;
  body: string;
  attempts: DeliveryAttempt[];
  outcome: DeliveryOutcome;
  /** True for a duplicate injected by `duplicateRate`. */
  duplicate: boolean;
}

export interface WebhookDispatcherOptions {
  state: SimulatorState;
  now?: () => Date;
  timing?: WebhookTimingOptions;
  faults?: Partial<WebhookFaults>;
  /** Seed of the fault dice, so a run with faults is reproducible. */
  seed?: number;
}

interface Queue {
  items: DeliveryRecord[];
  running: boolean;
}

export function createWebhookDispatcher(options: WebhookDispatcherOptions) {
  const { state } = options;
  const now = options.now ?? (() => new Date());
  const scale = options.timing?.timeScale ?? 1;
  const timeoutMs = (options.timing?.timeoutMs ?? 5_000) * scale;
  const backoffMs = (options.timing?.backoffMs ?? DEFAULT_BACKOFF_MS).map((
    ms,
  ) => ms * scale);
  let faults: WebhookFaults = { ...NO_FAULTS, ...options.faults };
  const random = mulberry32(options.seed ?? 1);
  const log: DeliveryRecord[] = [];
  const queues = new Map<string, Queue>();
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const idleWaiters: (() => void)[] = [];
  let pending = 0;
  let closed = false;

  function matches(
    subscription: SimWebhookSubscription,
    event: SimEvent,
  ): boolean {
    if (!subscription.active || subscription.temporarilyDisabled) return false;
    if (!subscription.events.includes(event.event.event_type)) return false;
    switch (subscription.filter.type) {
      case "account_reference":
        return true;
      case "service_reference":
        return event.serviceId === subscription.filter.id;
      case "team_reference":
        return subscription.filter.id !== null &&
          event.teamIds.includes(subscription.filter.id);
    }
  }

  function enqueue(
    subscription: SimWebhookSubscription,
    body: string,
    meta: { eventId: string; eventType: string; incidentId: string | null },
  ): DeliveryRecord {
    const record: DeliveryRecord = {
      deliveryId: randomUUID(),
      subscriptionId: subscription.id,
      ...meta,
      body,
      attempts: [],
      outcome: "pending",
      duplicate: false,
    };
    log.push(record);
    if (closed) {
      record.outcome = "discarded";
      return record;
    }
    pending++;
    const key = meta.incidentId && !faults.reorderWithinIncident
      ? `${subscription.id}|${meta.incidentId}`
      : meta.incidentId
      ? `${subscription.id}|${meta.incidentId}|lifo`
      : `${subscription.id}|${record.deliveryId}`;
    let queue = queues.get(key);
    if (!queue) {
      queue = { items: [], running: false };
      queues.set(key, queue);
    }
    queue.items.push(record);
    if (!queue.running) void run(key, queue);
    return record;
  }

  async function run(key: string, queue: Queue): Promise<void> {
    queue.running = true;
    while (queue.items.length > 0) {
      const wait = faults.delayMs + random() * faults.jitterMs;
      if (wait > 0) await sleep(wait);
      const record = faults.reorderWithinIncident
        ? queue.items.pop()!
        : queue.items.shift()!;
      await deliver(record, queue);
      finish();
    }
    queue.running = false;
    queues.delete(key);
  }

  async function deliver(record: DeliveryRecord, queue: Queue): Promise<void> {
    const subscription = state.webhookSubscriptions.get(record.subscriptionId);
    if (
      closed || !subscription || !subscription.active ||
      subscription.temporarilyDisabled
    ) {
      record.outcome = "discarded";
      return;
    }
    if (random() < faults.dropRate) {
      record.outcome = "lost";
      return;
    }
    if (Buffer.byteLength(record.body) > MAX_WEBHOOK_BODY_BYTES) {
      record.attempts.push({
        at: now().toISOString(),
        status: null,
        error: "payload too large",
      });
      drop(subscription, record);
      return;
    }
    for (let attempt = 0;; attempt++) {
      const result = await attemptOnce(subscription, record);
      record.attempts.push(result);
      if (
        result.status !== null && result.status >= 200 && result.status < 300
      ) {
        record.outcome = "delivered";
        subscription.consecutiveDrops = 0;
        if (random() < faults.duplicateRate && !record.duplicate) {
          const copy: DeliveryRecord = {
            ...record,
            attempts: [],
            outcome: "pending",
            duplicate: true,
          };
          log.push(copy);
          pending++;
          queue.items.unshift(copy);
        }
        return;
      }
      const retryable = result.status === null || result.status === 429 ||
        result.status >= 500;
      const delay = backoffMs[attempt];
      if (!retryable || delay === undefined || closed) {
        drop(subscription, record);
        return;
      }
      await sleep(delay);
      if (closed || !subscription.active || subscription.temporarilyDisabled) {
        record.outcome = "discarded";
        return;
      }
    }
  }

  function drop(
    subscription: SimWebhookSubscription,
    record: DeliveryRecord,
  ): void {
    record.outcome = "dropped";
    subscription.consecutiveDrops++;
    if (subscription.consecutiveDrops >= DROPS_BEFORE_DISABLE) {
      subscription.temporarilyDisabled = true;
    }
  }

  async function attemptOnce(
    subscription: SimWebhookSubscription,
    record: DeliveryRecord,
  ): Promise<DeliveryAttempt> {
    const at = now().toISOString();
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": WEBHOOK_USER_AGENT,
      "x-pagerduty-signature": signPagerDutyBody(
        record.body,
        subscription.secrets,
      ),
      "x-webhook-id": record.deliveryId,
      "x-webhook-subscription": subscription.id,
    };
    for (const header of subscription.customHeaders) {
      headers[header.name.toLowerCase()] = header.value;
    }
    try {
      const response = await fetch(subscription.url, {
        method: "POST",
        headers,
        body: record.body,
        signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
      });
      await response.arrayBuffer().catch(() => undefined);
      return { at, status: response.status, error: null };
    } catch (error) {
      const name = (error as Error).name;
      return {
        at,
        status: null,
        error: name === "TimeoutError" ? "timeout" : (error as Error).message,
      };
    }
  }

  function finish(): void {
    pending--;
    if (pending === 0) {
      for (const resolve of idleWaiters.splice(0)) resolve();
    }
  }

  function sleep(ms: number): Promise<void> {
    if (closed) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      timers.add(entry);
    });
  }

  return {
    /** Queues each event for every subscription that wants it. */
    publish(events: SimEvent[]): DeliveryRecord[] {
      const records: DeliveryRecord[] = [];
      for (const event of events) {
        const body = JSON.stringify(
          { event: event.event } satisfies WebhookEnvelope,
        );
        for (const subscription of state.webhookSubscriptions.values()) {
          if (!matches(subscription, event)) continue;
          records.push(enqueue(subscription, body, {
            eventId: event.event.id,
            eventType: event.event.event_type,
            incidentId: event.incidentId,
          }));
        }
      }
      return records;
    },
    /** POST /webhook_subscriptions/{id}/ping: a `pagey.ping` to that subscription only. */
    ping(subscription: SimWebhookSubscription): DeliveryRecord {
      const event = buildPingEvent(now());
      return enqueue(subscription, JSON.stringify({ event }), {
        eventId: event.id,
        eventType: event.event_type,
        incidentId: null,
      });
    },
    /** Sends any body (object or raw string) through the normal pipeline: signing, retries, ordering. */
    deliverRaw(
      subscription: SimWebhookSubscription,
      body: string | object,
      meta: {
        incidentId?: string | null;
        eventType?: string;
        eventId?: string;
      } = {},
    ): DeliveryRecord {
      return enqueue(
        subscription,
        typeof body === "string" ? body : JSON.stringify(body),
        {
          eventId: meta.eventId ?? "",
          eventType: meta.eventType ?? "",
          incidentId: meta.incidentId ?? null,
        },
      );
    },
    setFaults(next: Partial<WebhookFaults>): void {
      faults = { ...faults, ...next };
    },
    get faults(): WebhookFaults {
      return { ...faults };
    },
    deliveries(): DeliveryRecord[] {
      return log;
    },
    clearDeliveries(): void {
      log.length = 0;
    },
    /** Resolves when every queued delivery (including retries and injected duplicates) is finished. */
    waitForIdle(): Promise<void> {
      if (pending === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    close(): void {
      closed = true;
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      timers.clear();
    },
  };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;

/** Small seeded PRNG (mulberry32) so fault injection is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
