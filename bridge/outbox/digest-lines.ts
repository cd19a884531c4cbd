// The lines of a storm digest (deliver-digest.ts): each incident's snapshot as stored now, with the permalink of
// its own card once it has one.
import type { DigestLine } from "../../shared/cards/render-digest.ts";
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";
import type { SenderContext } from "./sender-context.ts";

/** Own cards' permalinks, by channel and ts: a permalink never changes, and edits are frequent in a storm. */
const permalinks = new Map<string, string>();
/** Most own-card permalinks looked up for one render (each is a chat.getPermalink call). */
const MAX_PERMALINK_LOOKUPS = 10;
export /** The digest's incidents as their snapshots say now, with a link to each one's own card once it has one. */
async function digestLines(
  { db, paced }: SenderContext,
  digestId: number,
  channelId: string,
): Promise<DigestLine[]> {
  const cards = await db.selectFrom("cards")
    .innerJoin(
      "incident_states",
      "incident_states.incident_id",
      "cards.incident_id",
    )
    .select([
      "cards.incident_id",
      "cards.ts",
      "cards.auto_escalated",
      "incident_states.state",
    ])
    .where("cards.digest_id", "=", digestId)
    .where("cards.channel_id", "=", channelId)
    .orderBy("cards.incident_id")
    .execute();
  const lines: DigestLine[] = [];
  let lookups = 0;
  for (const card of cards) {
    const snapshot = (JSON.parse(card.state) as IncidentState | null)
      ?.snapshot;
    if (!snapshot) continue;
    let cardPermalink: string | null = null;
    if (card.ts) {
      const key = `${channelId}:${card.ts}`;
      cardPermalink = permalinks.get(key) ?? null;
      if (!cardPermalink && lookups < MAX_PERMALINK_LOOKUPS) {
        lookups += 1;
        const link = await paced.call<{ permalink: string }>(
          "chat.getPermalink",
          channelId,
          { channel: channelId, message_ts: card.ts },
        );
        // Without a permalink the line still shows the incident, just without the link to its card.
        if (link.ok) {
          cardPermalink = link.data.permalink;
          // A long-lived process sees many storms: start over rather than grow without bound.
          if (permalinks.size > 10_000) permalinks.clear();
          permalinks.set(key, cardPermalink);
        }
      }
    }
    lines.push({
      snapshot,
      cardPermalink,
      autoEscalated: card.auto_escalated === 1,
    });
  }
  return lines;
}
