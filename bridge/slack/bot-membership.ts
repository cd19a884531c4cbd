import type { SlackClient } from "./slack-client.ts";

export type BotMembership = "member" | "not_member" | "unknown";

/**
 * Whether the bot can post to the channel, asked the cheapest way its scopes allow (conversations.history
 * with limit 1: `not_in_channel` for a public channel, `channel_not_found` for a private one it is not in).
 * Anything else (rate limit, network, a missing scope) is "unknown": the caller decides what that means.
 */
export async function botMembership(
  slack: SlackClient,
  channelId: string,
): Promise<BotMembership> {
  try {
    const result = await slack.call("conversations.history", {
      channel: channelId,
      limit: 1,
    });
    if (result.ok) return "member";
    return ["not_in_channel", "channel_not_found"].includes(result.error.error)
      ? "not_member"
      : "unknown";
  } catch {
    return "unknown";
  }
}
