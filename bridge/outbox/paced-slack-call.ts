// The sender's Slack calls, over the shared pacing gate's client (bridge/slack/paced-slack-client.ts): what
// the outbox adds is telling Slack's 429s apart from its own pacing in logs and metrics, and lifting the
// blocks a working call disproves. The rest of the sender calls Slack only through this.
import type { Logger } from "pino";
import type { BridgeMetrics } from "../ops/bridge-metrics.ts";
import type { PacedSlackClient } from "../slack/paced-slack-client.ts";
import type { SlackResult } from "../slack/slack-client.ts";

export interface PacedSlackCall {
  /**
   * One Slack call under the budgets, never waiting: a call the budget refuses comes back `rate_limited`
   * (`paced`) with its wait, like a 429, and the job is rescheduled from it.
   */
  call<T>(
    method: string,
    channelId: string,
    args: Record<string, unknown>,
  ): Promise<SlackResult<T>>;
  /** Milliseconds before the channel may take another post (0 = go), without using the budget. */
  postWait(channelId: string): Promise<number>;
  /** Milliseconds before a card may be edited (0 = go), without using the budget. */
  editWait(channelId: string): Promise<number>;
}

export function createPacedSlackCall({
  slack,
  metrics,
  logger,
  onAccepted,
}: {
  slack: PacedSlackClient;
  metrics: BridgeMetrics;
  logger: Logger;
  /** Runs after every call Slack accepted (a working call lifts the blocks it concerns). */
  onAccepted: (channelId: string) => Promise<void>;
}): PacedSlackCall {
  return {
    async call<T>(
      method: string,
      channelId: string,
      args: Record<string, unknown>,
    ) {
      const result = await slack.call<T>(method, args);
      if (!result.ok && result.error.outcome === "rate_limited") {
        const waitMs = result.error.retryAfterMs ?? 1000;
        // Our own budget's refusals are routine under load and counted by the paced client: only Slack's 429s
        // are worth a warning.
        if (!result.error.paced) {
          metrics.rateLimitWaits.inc({ method });
          metrics.rateLimitWaitSeconds.inc({}, waitMs / 1000);
          logger.warn(
            { method, channel_id: channelId, retry_after_ms: waitMs },
            "Slack rate limit",
          );
        }
      }
      if (result.ok) await onAccepted(channelId);
      return result;
    },
    postWait: (channelId) =>
      slack.waitFor("chat.postMessage", { channel: channelId }),
    editWait: (channelId) =>
      slack.waitFor("chat.update", { channel: channelId }),
  };
}
