// Tells a channel once when its cards fall behind, and once when they catch up.
import { iso, type SenderContext } from "./sender-context.ts";

export const BEHIND_NOTICE =
  ":hourglass: PagerDuty updates for this channel are running more than a minute behind because of Slack rate limits. Cards will catch up; check PagerDuty for the latest state.";
export const RECOVERED_NOTICE =
  ":white_check_mark: PagerDuty updates for this channel have caught up.";

/**
 * The notice goes through the same pacing as the cards (the channel's budget, Slack's Retry-After), so it never
 * jumps a rate limit; the wait it was refused for comes back (null otherwise), so that the sender comes back for
 * it even with nothing else pending. The flag flips only once the notice is posted, so a notice that Slack failed to take (an outage is when cards
 * fall behind) is tried again on the next pass. The channel lease makes this replica the only one deciding.
 */
export async function postLagNotice(
  { db, paced, logger, lagNoticeMs }: SenderContext,
  channelId: string,
  nowMs: number,
): Promise<number | null> {
  const [oldest, channel] = await Promise.all([
    db.selectFrom("outbox")
      .select((eb) => eb.fn.min("enqueued_at").as("oldest"))
      .where("channel_id", "=", channelId).where("status", "=", "pending")
      .executeTakeFirst(),
    db.selectFrom("channels").select("behind")
      .where("channel_id", "=", channelId).executeTakeFirst(),
  ]);
  const lag = oldest?.oldest ? nowMs - Date.parse(oldest.oldest) : 0;
  const behind = lag > lagNoticeMs;
  if ((channel?.behind === 1) === behind) return null;
  const posted = await paced.call("chat.postMessage", channelId, {
    channel: channelId,
    text: behind ? BEHIND_NOTICE : RECOVERED_NOTICE,
  });
  if (!posted.ok) {
    // Refused by the channel's pacing or a Slack Retry-After still running: the next pass tries again.
    if (posted.error.paced) return posted.error.retryAfterMs;
    logger.warn(
      { channel_id: channelId, error: posted.error.error, behind },
      "lag notice not posted; will try again",
    );
    return posted.error.outcome === "rate_limited"
      ? posted.error.retryAfterMs
      : null;
  }
  logger.warn(
    { channel_id: channelId, lag_ms: lag, behind },
    behind ? "channel behind" : "channel caught up",
  );
  await db.updateTable("channels")
    .set({ behind: behind ? 1 : 0, behind_changed_at: iso(nowMs) })
    .where("channel_id", "=", channelId).execute();
  return null;
}
