// Who may create the bridge's webhook subscription right now. Two replicas starting together would otherwise
// both find no subscription and both create one (two deliveries of every event, one secret lost). The claim is
// a `bridge_settings` row: inserting it is atomic on both dialects, and a claim older than its lease (a replica
// that died mid-way) is taken over with a compare-and-set on the old value.
import type { BridgeDb } from "../db/database.ts";

const CLAIM_KEY = "pagerduty_webhook_subscription_claim";

interface ClaimValue {
  by: string;
  until: string;
}

/** True when `by` now holds the claim until `now + leaseMs`. */
export async function claimSubscriptionCreation(
  db: BridgeDb,
  by: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const value = JSON.stringify(
    {
      by,
      until: new Date(now.getTime() + leaseMs).toISOString(),
    } satisfies ClaimValue,
  );
  const inserted = await db.insertInto("bridge_settings")
    .values({ key: CLAIM_KEY, value, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column("key").doNothing()).executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  const current = await db.selectFrom("bridge_settings").select("value")
    .where("key", "=", CLAIM_KEY).executeTakeFirst();
  if (!current) return false; // released a moment ago: the caller tries again
  const held = JSON.parse(current.value) as ClaimValue;
  if (held.by !== by && held.until > now.toISOString()) return false;
  const taken = await db.updateTable("bridge_settings")
    .set({ value, updated_at: now.toISOString() })
    .where("key", "=", CLAIM_KEY).where("value", "=", current.value)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) > 0;
}

export async function releaseSubscriptionCreation(
  db: BridgeDb,
  by: string,
): Promise<void> {
  const current = await db.selectFrom("bridge_settings").select("value")
    .where("key", "=", CLAIM_KEY).executeTakeFirst();
  if (!current || (JSON.parse(current.value) as ClaimValue).by !== by) return;
  await db.deleteFrom("bridge_settings").where("key", "=", CLAIM_KEY)
    .where("value", "=", current.value).execute();
}

/** Whether a replica other than `by` holds a live claim (it is creating the subscription right now). */
export async function creationClaimedByOther(
  db: BridgeDb,
  by: string,
  now: Date,
): Promise<boolean> {
  const current = await db.selectFrom("bridge_settings").select("value")
    .where("key", "=", CLAIM_KEY).executeTakeFirst();
  if (!current) return false;
  const held = JSON.parse(current.value) as ClaimValue;
  return held.by !== by && held.until > now.toISOString();
}
