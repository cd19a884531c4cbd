// The hourly housekeeping loop: give up on Slack jobs still undelivered after the retention window (said once per
// reason), then prune finished history. The first run waits until start-up and a restart's catch-up are done.
import type { Logger } from "pino";
import type { BridgeDb } from "./db/database.ts";
import { giveUpStaleJobs } from "./outbox/give-up-stale-jobs.ts";
import type { BridgeMetrics } from "./ops/bridge-metrics.ts";
import { pruneHistory } from "./ops/prune-history.ts";
import { type OutageLog, startLoop } from "./worker/start-loop.ts";

const PRUNE_INTERVAL_MS = 60 * 60_000;
const PRUNE_FIRST_MS = 5 * 60_000;

export function startPruneLoop(
  { db, retentionDays, metrics, logger, outage }: {
    db: BridgeDb;
    retentionDays: number;
    metrics: BridgeMetrics;
    logger: Logger;
    outage: OutageLog;
  },
) {
  return startLoop(async () => {
    const givenUp = await giveUpStaleJobs({ db, retentionDays });
    for (const [reason, count] of givenUp) {
      metrics.jobsGivenUp.inc({ reason }, count);
      logger.error(
        { reason, jobs: count, retention_days: retentionDays },
        "gave up on Slack jobs still undelivered after the retention window",
      );
    }
    const pruned = await pruneHistory({ db, retentionDays });
    if (pruned.inbox + pruned.outbox > 0) {
      logger.info(
        { ...pruned, retention_days: retentionDays },
        "pruned history",
      );
    }
    return PRUNE_INTERVAL_MS;
  }, {
    idleMs: PRUNE_INTERVAL_MS,
    firstInMs: PRUNE_FIRST_MS,
    name: "prune",
    logger,
    outage,
  });
}
