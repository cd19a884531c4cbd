import type { SlackAPIClient } from "deno-slack-api/types.ts";

export interface NotifyTarget {
  userId: string;
  /** Where the user acted; absent (or unusable) → a direct message from the app. */
  channelId?: string;
  /** Reply in this thread (the card's ts) when the ephemeral message belongs with a card. */
  threadTs?: string;
}

export type NotifyResult =
  | { delivered: "ephemeral" | "direct_message" }
  | { delivered: false; error: string };

/**
 * Feedback only the acting user sees: an ephemeral message where they clicked. The app's bot is often not in
 * that channel (private channels especially: `channel_not_found` / `not_in_channel`), so fall back to a
 * direct message rather than leave the person without an answer.
 */
export async function notifyUser(
  client: SlackAPIClient,
  target: NotifyTarget,
  text: string,
  /** Blocks to show instead of `text`, which stays the fallback (notifications, screen readers). */
  blocks?: Record<string, unknown>[],
): Promise<NotifyResult> {
  if (blocks) {
    const rich = await notify(client, target, { text, blocks });
    // Slack refusing the blocks (a trigger deleted since: `invalid_blocks`) must not cost the person the words.
    if (rich.delivered || rich.error !== "invalid_blocks") return rich;
  }
  return await notify(client, target, { text });
}

async function notify(
  client: SlackAPIClient,
  target: NotifyTarget,
  content: { text: string; blocks?: Record<string, unknown>[] },
): Promise<NotifyResult> {
  if (target.channelId) {
    const ephemeral = await safeCall(() =>
      client.chat.postEphemeral({
        channel: target.channelId,
        user: target.userId,
        ...content,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      })
    );
    if (ephemeral.ok) return { delivered: "ephemeral" };
  }
  const direct = await safeCall(() =>
    client.chat.postMessage({ channel: target.userId, ...content })
  );
  if (direct.ok) return { delivered: "direct_message" };
  return { delivered: false, error: direct.error ?? "unknown_error" };
}

async function safeCall(
  call: () => Promise<{ ok: boolean; error?: string }>,
): Promise<{ ok: boolean; error?: string }> {
  try {
    return await call();
  } catch (error) {
    const status = (error as { status?: number }).status;
    return { ok: false, error: status === 429 ? "ratelimited" : String(error) };
  }
}
