import type { BridgeDb } from "./db/database.ts";
import type { BridgeMetrics } from "./ops/bridge-metrics.ts";
import { readWorkspaceDeliveryState } from "./outbox/workspace-delivery-state.ts";

/**
 * Reads the queue depths and delivery blocks from the database on each scrape of /metrics. Blocks of every
 * workspace count: `scope="workspace"` is how many workspaces have their bot token refused (or no token), and
 * the jobs they hold back. `botTeam`: SLACK_BOT_TOKEN's team, whose jobs may carry none.
 */
export function collectQueueMetrics(
  db: BridgeDb,
  metrics: BridgeMetrics,
  botTeam: () => string | null = () => null,
) {
  metrics.collectFromDatabase(async () => {
    const row = await db.selectFrom("webhook_inbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "pending").executeTakeFirst();
    metrics.inboxDepth.set(Number(row?.n ?? 0));
    const out = await db.selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "pending").executeTakeFirst();
    metrics.outboxDepth.set(Number(out?.n ?? 0));
    const states = [
      ...(await readWorkspaceDeliveryState(db, botTeam())).values(),
    ];
    const blocked = states.filter((s) => s.block !== null);
    const channels = states.flatMap((s) => s.channelBlocks);
    metrics.deliveryBlocked.set(blocked.length, { scope: "workspace" });
    metrics.deliveryBlocked.set(channels.length, { scope: "channel" });
    metrics.parkedJobs.set(
      blocked.reduce((n, s) => n + s.pendingJobs, 0),
      { scope: "workspace" },
    );
    metrics.parkedJobs.set(
      channels.reduce((n, c) => n + c.parkedJobs, 0),
      { scope: "channel" },
    );
  });
}
