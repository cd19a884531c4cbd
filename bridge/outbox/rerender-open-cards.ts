// Asks for every card of an open incident to be rendered again (when what a card shows changed without the
// incident changing: its buttons). Through the normal outbox path, so the edits are paced and budgeted like any.
import type { BridgeDb } from "../db/database.ts";
import { enqueueCard } from "../jobs/enqueue-card.ts";
import { inWorkspace } from "./workspace-block-key.ts";

/**
 * Returns how many cards were asked for. Resolved incidents keep their cards as they are. `workspace`: only the
 * cards of one workspace (its buttons changed; workspace-block-key.ts's teamsOfBlockKey), absent: every card.
 */
export async function rerenderOpenCards(
  db: BridgeDb,
  now: Date,
  workspace?: { teamIds: readonly string[]; includeUnassigned: boolean },
): Promise<number> {
  const cards = await db.selectFrom("cards")
    .innerJoin(
      "incident_states",
      "incident_states.incident_id",
      "cards.incident_id",
    )
    .select([
      "cards.incident_id",
      "cards.channel_id",
      "cards.kind",
      "cards.thread_updates",
    ])
    .where("incident_states.status", "is not", null)
    .where("incident_states.status", "!=", "resolved")
    .$if(
      workspace !== undefined,
      (q) => q.where(inWorkspace("cards.team_id", workspace!)),
    )
    .execute();
  for (const card of cards) {
    await enqueueCard(db, {
      incidentId: card.incident_id,
      channelId: card.channel_id,
      kind: card.kind,
      threadUpdates: card.thread_updates === 1,
      enqueuedAt: now,
      now,
    });
  }
  return cards.length;
}
