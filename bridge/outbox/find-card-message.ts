// After a crash between Slack's answer and our write, the card exists in Slack but not in the database. Cards
// carry message metadata, so the channel's history says whether it was posted (conversations.history with
// include_all_metadata).
import type { SlackClient, SlackResult } from "../slack/slack-client.ts";
import { CARD_METADATA_EVENT_TYPE } from "./card-renderer.ts";

interface HistoryMessage {
  ts: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}
interface HistoryPage {
  messages?: HistoryMessage[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

export async function findCardMessage(
  slack: SlackClient,
  input: {
    channelId: string;
    incidentId: string;
    oldestSeconds?: number;
    maxPages?: number;
  },
): Promise<SlackResult<{ ts: string | null }>> {
  let cursor: string | undefined;
  for (let page = 0; page < (input.maxPages ?? 5); page++) {
    const result = await slack.call<HistoryPage>("conversations.history", {
      channel: input.channelId,
      include_all_metadata: true,
      limit: 200,
      ...(input.oldestSeconds !== undefined
        ? { oldest: input.oldestSeconds.toFixed(6) }
        : {}),
      ...(cursor ? { cursor } : {}),
    });
    if (!result.ok) return result;
    const found = result.data.messages?.find((message) =>
      message.metadata?.event_type === CARD_METADATA_EVENT_TYPE &&
      message.metadata.event_payload?.incident_id === input.incidentId
    );
    if (found) return { ok: true, data: { ts: found.ts } };
    cursor = result.data.response_metadata?.next_cursor || undefined;
    if (!result.data.has_more || !cursor) break;
  }
  return { ok: true, data: { ts: null } };
}
