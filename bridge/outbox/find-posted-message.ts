// After a crash between Slack's answer and our write (or an answer lost to a timeout or a 5xx after Slack
// acted), a message may exist in Slack that the database does not know about. Every message the bridge posts
// carries message metadata naming what it is, so the channel's history (or the card's thread) says whether
// it was posted: conversations.history / conversations.replies with include_all_metadata.
import type { SlackClient, SlackResult } from "../slack/slack-client.ts";

export interface MessageMetadata {
  event_type?: string;
  event_payload?: Record<string, unknown>;
}

interface HistoryMessage {
  ts: string;
  metadata?: MessageMetadata;
}
interface HistoryPage {
  messages?: HistoryMessage[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

export async function findPostedMessage(
  slack: SlackClient,
  input: {
    channelId: string;
    /** Search this thread (conversations.replies) instead of the channel. */
    threadTs?: string;
    oldestSeconds?: number;
    maxPages?: number;
    matches(metadata: MessageMetadata): boolean;
  },
): Promise<SlackResult<{ ts: string | null }>> {
  let cursor: string | undefined;
  for (let page = 0; page < (input.maxPages ?? 5); page++) {
    const result = await slack.call<HistoryPage>(
      input.threadTs ? "conversations.replies" : "conversations.history",
      {
        channel: input.channelId,
        ...(input.threadTs ? { ts: input.threadTs } : {}),
        include_all_metadata: true,
        limit: 200,
        ...(input.oldestSeconds !== undefined
          ? { oldest: input.oldestSeconds.toFixed(6) }
          : {}),
        ...(cursor ? { cursor } : {}),
      },
    );
    if (!result.ok) return result;
    const found = result.data.messages?.find((message) =>
      message.metadata !== undefined && input.matches(message.metadata)
    );
    if (found) return { ok: true, data: { ts: found.ts } };
    cursor = result.data.response_metadata?.next_cursor || undefined;
    if (!result.data.has_more || !cursor) break;
  }
  return { ok: true, data: { ts: null } };
}
