// The monitoring tool's context of each incident (issue 19 item 1), fetched once per incident with the bridge's
// PagerDuty key and kept in the database (migration 0016), so a restart or another replica never fetches it
// again. A card waits for it a short bounded time (`waitMs`); when the fetch takes longer the card goes out
// without it and is edited when it arrives.
//
// Why wait at all: the fetch is one REST call, usually done well within the wait, and a first card that carries
// the context saves one chat.update per card (tier 3, about 50 a minute per workspace: the scarcer Slack budget
// in a storm). Why bounded: a slow PagerDuty must not hold cards back; a new incident's first card is late by
// at most `waitMs`, once.
//
// One fetch per incident across replicas: the row is the claim (a lease, as for cards). 403/404 mean the key may
// not read the alerts: no context, one log line per kind. 429 and transient failures are retried a bounded
// number of times with backoff, never before PagerDuty's rate limit resets (the shared client keeps the budget
// and holds calls back; `reserve` leaves the window's last calls to the card enrichment).
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { AlertContext } from "../../shared/pagerduty/read-alert-context.ts";
import type { BridgeDb } from "../db/database.ts";
import type { AlertContextSource } from "../outbox/enrich.ts";
import { backoffDelay } from "../jobs/backoff-delay.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { rerenderIncidentCards } from "../outbox/rerender-incident-cards.ts";
import { alertContextRows } from "./alert-context-rows.ts";
import { fetchAlertContext } from "./fetch-alert-context.ts";

export interface AlertContexts extends AlertContextSource {
  stop(): void;
}

export interface AlertContextsOptions {
  db: BridgeDb;
  /** The process's one client for PAGERDUTY_API_TOKEN (one rate-limit budget). */
  pagerDuty: PagerDutyClient;
  logger: Logger;
  /**
   * Called when the context arrived after a card of the incident went out without it. Default: the incident's
   * cards are rendered again (rerender-incident-cards.ts), then `wake` (the sender) is called.
   */
  onArrived?: (incidentId: string) => Promise<void> | void;
  wake?: () => void;
  /** Longest a card waits for a fetch this process runs. */
  waitMs?: number;
  timeoutMs?: number;
  /** Fetches per incident at most (the first included). */
  maxAttempts?: number;
  retry?: { baseMs: number; maxMs: number };
  /** How long a claim protects a replica that may have died mid-fetch. */
  leaseMs?: number;
  /** Calls of the rate-limit window left to the card enrichment (create-enricher.ts). */
  reserve?: number;
  instanceId?: string;
  now?: () => number;
  random?: () => number;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** Waiting retries picked up at start (the rest are tried when their cards are next rendered). */
const RESUMED_AT_START = 500;

export function createAlertContexts(
  {
    db,
    pagerDuty,
    logger,
    wake,
    onArrived = async (incidentId) => {
      await rerenderIncidentCards(db, incidentId, new Date(now()));
      wake?.();
    },
    waitMs = 1000,
    timeoutMs = 5000,
    maxAttempts = 4,
    retry = { baseMs: 30_000, maxMs: 10 * 60_000 },
    leaseMs = 30_000,
    reserve = 60,
    instanceId = randomUUID(),
    now = Date.now,
    random = Math.random,
  }: AlertContextsOptions,
): AlertContexts {
  const inflight = new Map<string, Promise<AlertContext | null>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const warned = new Set<string>();
  let stopped = false;
  const rows = alertContextRows(db, { instanceId, maxAttempts, leaseMs, now });

  function warnOnce(kind: string, context: object, message: string) {
    if (warned.has(kind)) {
      logger.debug(context, message);
      return;
    }
    warned.add(kind);
    logger.warn(context, message);
  }

  /** After a found context: the cards that went out without it are rendered again. */
  async function announce(incidentId: string) {
    if (await rows.takeWaiting(incidentId)) await onArrived(incidentId);
  }

  function scheduleRetry(incidentId: string, at: number) {
    if (stopped) return;
    clearTimeout(timers.get(incidentId));
    const timer = setTimeout(() => {
      timers.delete(incidentId);
      void retryNow(incidentId);
    }, Math.max(0, at - now()) + 1);
    timer.unref?.();
    timers.set(incidentId, timer);
  }

  async function retryNow(incidentId: string) {
    if (stopped || inflight.has(incidentId)) return;
    try {
      // Timers may fire a little early, and the claim refuses a retry that is not due yet: wait again.
      const row = await rows.read(incidentId);
      const due = row?.retry_at ? Date.parse(row.retry_at) : 0;
      if (row?.status === "failed" && due > now()) {
        scheduleRetry(incidentId, due);
        return;
      }
    } catch (error) {
      logger.warn(
        { incident_id: incidentId, err: error },
        "alert context retry failed",
      );
      return;
    }
    await run(incidentId);
  }

  async function fetchAndStore(
    incidentId: string,
    attempts: number,
  ): Promise<AlertContext | null> {
    const result = await fetchAlertContext(pagerDuty, incidentId, {
      timeoutMs,
      reserve,
    });
    const t = now();
    if (result.kind === "found") {
      await rows.finish(incidentId, {
        status: "found",
        attempts: attempts + 1,
        context: result.context,
      });
      await announce(incidentId);
      return result.context;
    }
    if (result.kind === "none") {
      if (result.reason !== "no_alerts") {
        warnOnce(
          result.reason,
          { incident_id: incidentId, status: result.status },
          `PagerDuty refused the incident's alerts (${result.status}): cards show no monitoring-tool context. Give PAGERDUTY_API_TOKEN read access to incidents (a read-only key is enough).`,
        );
      }
      await rows.finish(incidentId, { status: "none", attempts: attempts + 1 });
      return null;
    }
    const attempt = attempts + 1;
    const retryAt = Math.max(
      result.retryAt ?? 0,
      t + backoffDelay(attempt, retry, random),
    );
    const more = attempt < maxAttempts;
    await rows.finish(incidentId, {
      status: "failed",
      attempts: attempt,
      retryAt,
    });
    logger.warn(
      {
        incident_id: incidentId,
        attempt,
        err: result.error,
        ...(more ? { retry_at: iso(retryAt) } : {}),
      },
      more
        ? "alert context fetch failed; trying again later"
        : "alert context fetch failed; giving up: cards show no monitoring-tool context",
    );
    if (more) scheduleRetry(incidentId, retryAt);
    return null;
  }

  /**
   * Claims and fetches, or resolves to null at once when another process holds the claim. Kept in `inflight`
   * from the start, so renders of this process never race each other for the claim.
   */
  function run(incidentId: string): Promise<AlertContext | null> {
    const running = (async () => {
      const attempts = await rows.claim(incidentId);
      return attempts === null
        ? null
        : await fetchAndStore(incidentId, attempts);
    })()
      .catch((error) => {
        // A database error: a claim taken lapses after leaseMs and the fetch is tried again.
        logger.warn(
          { incident_id: incidentId, err: error },
          "alert context not stored",
        );
        return null;
      })
      .finally(() => inflight.delete(incidentId));
    inflight.set(incidentId, running);
    return running;
  }

  async function within<T>(promise: Promise<T>, ms: number) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<{ done: false }>((resolve) => {
      timer = setTimeout(() => resolve({ done: false }), ms);
    });
    try {
      return await Promise.race([
        promise.then((value) => ({ done: true as const, value })),
        late,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  // After a restart: the retries a card is waiting for, which lived in the timers of the process that stopped.
  void rows.waitingRetries(RESUMED_AT_START).then(
    (due) => due.forEach((r) => scheduleRetry(r.incidentId, r.dueAt)),
    (error) => logger.warn({ err: error }, "alert context retries not resumed"),
  );

  return {
    async forCard(incidentId) {
      const row = await rows.read(incidentId);
      if (row?.status === "found") return rows.contextOf(row);
      if (row?.status === "none") return null;
      const running = inflight.get(incidentId) ??
        (stopped ? undefined : run(incidentId));
      if (running && waitMs > 0) {
        const outcome = await within(running, waitMs);
        if (outcome.done && outcome.value) return outcome.value;
      }
      // The card goes out without it: ask for an edit when it arrives. An upsert, since this process's own claim
      // may not be written yet; nothing marked means the fetch has ended in the meantime.
      if (await rows.markWaiting(incidentId)) return null;
      return rows.contextOf(await rows.read(incidentId));
    },
    stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
