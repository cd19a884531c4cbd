// What delivering one outbox job came to, as the channel pass (send-channel.ts) acts on it.
import type { SlackApiError } from "../slack/slack-errors.ts";

export type JobOutcome =
  | { kind: "done"; sent: number }
  | { kind: "wait"; ms: number }
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
