// The loops that turn stored webhooks into incident state and outbox jobs: the inbox (the writer that stores
// webhooks and the worker that applies them, webhooks first: run-inbox.ts), and the reconciler, which repairs
// from PagerDuty's REST API what the webhooks missed and wakes the worker with it.
import type { Logger } from "pino";
import type { Database } from "./db/open-database.ts";
import type { BridgeMetrics } from "./ops/bridge-metrics.ts";
import type { PagerDutyClient } from "./pagerduty/pagerduty-client.ts";
import { reconcileIncidents } from "./reconciler/reconcile-incidents.ts";
import type { InboxWriter } from "./webhooks/create-inbox-writer.ts";
import { runInbox } from "./worker/run-inbox.ts";
import { type OutageLog, startLoop } from "./worker/start-loop.ts";

export interface InboxLoops {
  /** What the webhook route stores with: the worker hears of every event it stored. */
  writer: InboxWriter;
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
  const inbox = runInbox({
    db: database.db,
    dialect: database.dialect,
    logger,
    metrics,
    outage,
    idleMs,
    onApplied,
  });

  const reconcileLoop = pagerDuty
    ? startLoop(async () => {
      const { repaired } = await reconcileIncidents({
        db: database.db,
        pagerDuty,
        logger,
      });
      if (repaired.length > 0) inbox.wake();
      return reconcileIntervalMs;
    }, { idleMs: reconcileIntervalMs, name: "reconciler", logger, outage })
    : null;

  return {
    writer: inbox.writer,
    async stop() {
      await reconcileLoop?.stop();
      await inbox.stop();
    },
  };
}
