// The lines of a storm digest (deliver-digest.ts): each incident's snapshot as stored now, with the permalink of
// its own card once it has one.
import type { DigestLine } from "../../shared/cards/render-digest.ts";
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";
import type { SenderContext } from "./sender-context.ts";
import {
  cardPermalink as permalinkOf,
  knowsPermalink,
} from "./card-permalink.ts";

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
      // Without a permalink the line still shows the incident, just without the link to its card.
      if (knowsPermalink(channelId, card.ts)) {
        cardPermalink = await permalinkOf(paced, channelId, card.ts);
      } else if (lookups < MAX_PERMALINK_LOOKUPS) {
        lookups += 1;
        cardPermalink = await permalinkOf(paced, channelId, card.ts);
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
