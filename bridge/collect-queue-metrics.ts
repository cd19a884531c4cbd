import type { BridgeDb } from "./db/database.ts";
import type { BridgeMetrics } from "./ops/bridge-metrics.ts";
import {
  countParkedJobs,
  readDeliveryBlocks,
} from "./outbox/delivery-blocks.ts";

/** Reads the queue depths and delivery blocks from the database on each scrape of /metrics. */
export function collectQueueMetrics(db: BridgeDb, metrics: BridgeMetrics) {
  metrics.collectFromDatabase(async () => {
    const row = await db.selectFrom("webhook_inbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "pending").executeTakeFirst();
    metrics.inboxDepth.set(Number(row?.n ?? 0));
    const out = await db.selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "pending").executeTakeFirst();
    metrics.outboxDepth.set(Number(out?.n ?? 0));
    const blocks = await readDeliveryBlocks(db);
    const parked = await countParkedJobs(db, blocks);
    metrics.deliveryBlocked.set(blocks.workspace ? 1 : 0, {
      scope: "workspace",
    });
    metrics.deliveryBlocked.set(blocks.channels.size, { scope: "channel" });
    metrics.parkedJobs.set(parked.workspace, { scope: "workspace" });
    metrics.parkedJobs.set(
      [...parked.channels.values()].reduce((a, b) => a + b, 0),
      { scope: "channel" },
    );
  });
}
