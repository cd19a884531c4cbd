// What delivering one outbox job came to, as the channel pass (send-channel.ts) acts on it.
import type { SlackApiError } from "../slack/slack-errors.ts";

/** The Slack methods a channel's jobs wait for: posts and edits have budgets of their own. */
export const CHANNEL_METHODS = ["chat.postMessage", "chat.update"] as const;
export type ChannelMethod = typeof CHANNEL_METHODS[number];

export type JobOutcome =
  | { kind: "done"; sent: number }
  /** `method`'s budget has no slot yet: only the jobs that need it wait. */
  | { kind: "wait"; ms: number; method: ChannelMethod }
  | { kind: "blocked" }
  | { kind: "error"; error: SlackApiError }
  /** The renderer threw on this snapshot or event: a fact about this job only, never worth a retry. */
  | { kind: "unrenderable"; cause: unknown };

/**
 * Renders, turning a renderer exception into a result: a snapshot stored before its data was checked (or a
 * shape nobody foresaw) must cost its own job, not every channel's pass.
 */
export function tryRender<T>(
  render: () => T,
): { ok: true; value: T } | { ok: false; cause: unknown } {
  try {
    return { ok: true, value: render() };
  } catch (cause) {
    return { ok: false, cause };
  }
}
