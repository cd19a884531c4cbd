// The loops that turn stored webhooks into incident state and outbox jobs: the inbox worker, woken once per short
// window by a burst of stored webhooks, and the reconciler, which repairs from PagerDuty's REST API what the
// webhooks missed and wakes the worker with it.
import type { Logger } from "pino";
import type { Database } from "./db/open-database.ts";
import type { BridgeMetrics } from "./ops/bridge-metrics.ts";
import type { PagerDutyClient } from "./pagerduty/pagerduty-client.ts";
import { reconcileIncidents } from "./reconciler/reconcile-incidents.ts";
import { drainInbox } from "./worker/drain-inbox.ts";
import { type OutageLog, startLoop } from "./worker/start-loop.ts";

const WORKER_WAKE_WINDOW_MS = 5;

export interface InboxLoops {
  /** A webhook was stored: the worker runs within WORKER_WAKE_WINDOW_MS. */
  wakeSoon(): void;
  stop(): Promise<void>;
}

export function startInboxLoops(
  {
    database,
    pagerDuty,
    metrics,
    logger,
    outage,
    idleMs,
    reconcileIntervalMs,
    onApplied,
  }: {
    database: Database;
    pagerDuty: PagerDutyClient | null;
    metrics: BridgeMetrics;
    logger: Logger;
    outage: OutageLog;
    idleMs: number;
    reconcileIntervalMs: number;
    /** Events were applied: the outbox may have new jobs. */
    onApplied: () => void;
  },
): InboxLoops {
  const workerLoop = startLoop(async () => {
    const applied = await drainInbox({
      db: database.db,
      dialect: database.dialect,
      logger,
      metrics,
    });
    if (applied > 0) onApplied();
    return null;
  }, { idleMs, name: "inbox", logger, outage });

  // A burst of webhooks wakes the worker once per short window rather than once per webhook: its transactions
  // then take many events each instead of one or two, at the cost of a few milliseconds of latency.
  let wakeTimer: NodeJS.Timeout | undefined;
  const wakeSoon = () => {
    wakeTimer ??= setTimeout(() => {
      wakeTimer = undefined;
      workerLoop.wake();
    }, WORKER_WAKE_WINDOW_MS);
  };

  const reconcileLoop = pagerDuty
    ? startLoop(async () => {
      const { repaired } = await reconcileIncidents({
        db: database.db,
        pagerDuty,
        logger,
      });
      if (repaired.length > 0) workerLoop.wake();
      return reconcileIntervalMs;
    }, { idleMs: reconcileIntervalMs, name: "reconciler", logger, outage })
    : null;

  return {
    wakeSoon,
    async stop() {
      clearTimeout(wakeTimer);
      await reconcileLoop?.stop();
      await workerLoop.stop();
    },
  };
}
