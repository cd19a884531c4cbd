// All of the sender's pacing: per-method budgets, the per-channel post interval kept in the database for every
// replica, and 429 holds. The rest of the sender calls Slack only through this.
import type { Logger } from "pino";
import type { BridgeDb } from "../db/database.ts";
import type { BridgeMetrics } from "../ops/bridge-metrics.ts";
import type { SlackClient, SlackResult } from "../slack/slack-client.ts";
import type { MethodBudget } from "./method-budget.ts";

export interface PacedSlackCall {
  /** One Slack call under the budgets; a 429 turns into a hold on the method (and channel for posts). */
  call<T>(
    method: string,
    channelId: string,
    args: Record<string, unknown>,
  ): Promise<SlackResult<T>>;
  /** Milliseconds before the channel may take another post (0 = go). */
  postWait(channelId: string, nowMs: number): Promise<number>;
  /** Milliseconds before a card may be edited (0 = go), without using the budget. */
  editWait(nowMs: number): number;
}

export function createPacedSlackCall({
  db,
  slack,
  budget,
  metrics,
  logger,
  now,
  postIntervalMs,
  onAccepted,
}: {
  db: BridgeDb;
  slack: SlackClient;
  budget: MethodBudget;
  metrics: BridgeMetrics;
  logger: Logger;
  now: () => Date;
  postIntervalMs: number;
  /** Runs after every call Slack accepted (a working call lifts the blocks it concerns). */
  onAccepted: (channelId: string) => Promise<void>;
}): PacedSlackCall {
  async function holdChannel(channelId: string, untilMs: number) {
    await db.updateTable("channels")
      .set({ next_post_at: new Date(untilMs).toISOString() })
      .where("channel_id", "=", channelId).execute();
  }

  return {
    async call<T>(
      method: string,
      channelId: string,
      args: Record<string, unknown>,
    ) {
      const startMs = now().getTime();
      budget.record(method, startMs);
      const result = await slack.call<T>(method, args);
      if (!result.ok && result.error.outcome === "rate_limited") {
        const waitMs = result.error.retryAfterMs ?? 1000;
        metrics.rateLimitWaits.inc({ method });
        metrics.rateLimitWaitSeconds.inc({}, waitMs / 1000);
        budget.hold(method, startMs + waitMs);
        if (method === "chat.postMessage") {
          await holdChannel(channelId, startMs + waitMs);
        }
        logger.warn(
          { method, channel_id: channelId, retry_after_ms: waitMs },
          "Slack rate limit",
        );
      }
      if (method === "chat.postMessage" && result.ok) {
        await holdChannel(channelId, startMs + postIntervalMs);
      }
      if (result.ok) await onAccepted(channelId);
      return result;
    },
    async postWait(channelId, nowMs) {
      const row = await db.selectFrom("channels").select("next_post_at")
        .where("channel_id", "=", channelId).executeTakeFirst();
      const channelWait = row ? Date.parse(row.next_post_at) - nowMs : 0;
      return Math.max(
        0,
        channelWait,
        budget.waitFor("chat.postMessage", nowMs),
      );
    },
    editWait(nowMs) {
      return budget.waitFor("chat.update", nowMs);
    },
  };
}
