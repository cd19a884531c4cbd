// A DM card links the incident's channel card (prepare-dm.ts), but the two go out in parallel: a DM rendered
// before the channel card was recorded has no link. When an incident's first channel card of a workspace is
// posted, its DM cards in that workspace are asked to render again (one coalesced edit each) to gain the link.
import type { BridgeDb } from "../db/database.ts";
import { enqueueCard } from "../jobs/enqueue-card.ts";
import { isDmTarget } from "../jobs/is-dm-target.ts";
import { dmCardFollows } from "./dm-card-follows.ts";

export async function linkDmCards(
  db: BridgeDb,
  { incidentId, channelId, now }: {
    incidentId: string;
    /** The channel whose card was just posted. */
    channelId: string;
    now: Date;
  },
): Promise<number> {
  const cards = await db.selectFrom("cards")
    .select(["channel_id", "team_id", "ts", "kind", "thread_updates"])
    .where("incident_id", "=", incidentId).execute();
  const posted = cards.find((c) => c.channel_id === channelId);
  if (!posted || isDmTarget(channelId)) return 0;
  const sameTeam = (c: { team_id: string | null }) =>
    c.team_id === posted.team_id;
  // Another channel card was there first: the DMs link that one already.
  if (
    cards.some((c) =>
      c.channel_id !== channelId && !isDmTarget(c.channel_id) && c.ts &&
      sameTeam(c)
    )
  ) return 0;
  const dms: typeof cards = [];
  for (const c of cards) {
    if (
      isDmTarget(c.channel_id) && sameTeam(c) &&
      await dmCardFollows(db, incidentId, c)
    ) dms.push(c);
  }
  for (const dm of dms) {
    await enqueueCard(db, {
      incidentId,
      channelId: dm.channel_id,
      teamId: dm.team_id,
      kind: dm.kind,
      threadUpdates: dm.thread_updates === 1,
      enqueuedAt: now,
      now,
    });
  }
  return dms.length;
}
