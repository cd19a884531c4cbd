// Whether a DM card still follows its incident outside the worker's own routing (route-dms.ts): only while the
// incident is assigned to its person. A card re-rendered for another reason (a card refresh, the channel card's
// link) must not undo "Reassigned to …" nor edit a card its person no longer has.
import type { BridgeDb } from "../db/database.ts";
import { isAssignedTo } from "../../shared/cards/render-dm-card.ts";
import { isDmTarget } from "../jobs/is-dm-target.ts";
import { loadSnapshot } from "./sender-context.ts";
import { readDmTarget } from "../dms/notification-preference-store.ts";

export async function dmCardFollows(
  db: BridgeDb,
  incidentId: string,
  card: { channel_id: string; team_id: string | null },
): Promise<boolean> {
  if (!isDmTarget(card.channel_id)) return true;
  const snapshot = await loadSnapshot(db, incidentId);
  const target = await readDmTarget(db, card.team_id, card.channel_id);
  return snapshot !== null && !!target?.pagerduty_user_id &&
    isAssignedTo(snapshot, target.pagerduty_user_id);
}
