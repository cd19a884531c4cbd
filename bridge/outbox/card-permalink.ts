// A posted card's permalink (chat.getPermalink), remembered: a permalink never changes, and the messages that
// link to a card (digest lines, DM cards) are edited often.
import type { PacedSlackCall } from "./paced-slack-call.ts";

const permalinks = new Map<string, string>();

/** Null when Slack did not answer one: the message goes out without the link. */
export async function cardPermalink(
  paced: PacedSlackCall,
  channelId: string,
  ts: string,
): Promise<string | null> {
  const key = `${channelId}:${ts}`;
  const known = permalinks.get(key);
  if (known) return known;
  const link = await paced.call<{ permalink: string }>(
    "chat.getPermalink",
    channelId,
    { channel: channelId, message_ts: ts },
  );
  if (!link.ok) return null;
  // A long-lived process sees many cards: start over rather than grow without bound.
  if (permalinks.size > 10_000) permalinks.clear();
  permalinks.set(key, link.data.permalink);
  return link.data.permalink;
}

/** Whether the permalink is remembered (a lookup would cost no Slack call). */
export const knowsPermalink = (channelId: string, ts: string) =>
  permalinks.has(`${channelId}:${ts}`);
