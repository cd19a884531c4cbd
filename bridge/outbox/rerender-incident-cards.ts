// Asks for every card of one incident to be rendered again, when what the cards show changed without the
// incident changing (its monitoring-tool context arrived after the cards went out). Through the normal outbox
// path, so the edits are paced, budgeted and coalesced like any. Cards waiting in a storm digest stay there.
import type { BridgeDb } from "../db/database.ts";
import { enqueueCard } from "../jobs/enqueue-card.ts";

/** Returns how many cards were asked for. */
export async function rerenderIncidentCards(
  db: BridgeDb,
  incidentId: string,
  now: Date,
): Promise<number> {
  const cards = await db.selectFrom("cards")
    .select(["channel_id", "kind", "thread_updates"])
    .where("incident_id", "=", incidentId)
    .where((eb) =>
      eb.or([eb("ts", "is not", null), eb("digest_id", "is", null)])
    )
    .execute();
  for (const card of cards) {
    await enqueueCard(db, {
      incidentId,
      channelId: card.channel_id,
      kind: card.kind,
      threadUpdates: card.thread_updates === 1,
      enqueuedAt: now,
      now,
    });
  }
  return cards.length;
}
