import type { SlackClient } from "./slack-client.ts";

/**
 * Joins a public channel (conversations.join, channels:join). True once the bot is in it. Slack answers
 * `method_not_supported_for_channel_type` for a private channel and `channel_not_found` for one the bot cannot
 * see (docs.slack.dev/reference/methods/conversations.join): those need an /invite, so false, as for any other
 * refusal or a failed call.
 */
export async function joinChannel(
  slack: SlackClient,
  channelId: string,
): Promise<boolean> {
  try {
    const result = await slack.call("conversations.join", {
      channel: channelId,
    });
    return result.ok;
  } catch {
    return false;
  }
}
