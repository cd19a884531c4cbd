// A lease in `bridge_settings`, shared by every replica: who does a job that must run in one replica at a time
// (creating the webhook subscription, polling PagerDuty's on-calls). Inserting the row is atomic on both
// dialects; a lease past its `until` (a replica that died) is taken over with a compare-and-set on the old value,
// and the holder renews its own.
import type { BridgeDb } from "./database.ts";

interface LeaseValue {
  by: string;
  until: string;
}

/** True when `by` now holds lease `key` until `now + leaseMs`. */
export async function claimLease(
  db: BridgeDb,
  key: string,
  by: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const value = JSON.stringify(
    {
      by,
      until: new Date(now.getTime() + leaseMs).toISOString(),
    } satisfies LeaseValue,
  );
  const inserted = await db.insertInto("bridge_settings")
    .values({ key, value, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column("key").doNothing()).executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  const current = await db.selectFrom("bridge_settings").select("value")
    .where("key", "=", key).executeTakeFirst();
  if (!current) return false; // released a moment ago: the caller tries again
  const held = JSON.parse(current.value) as LeaseValue;
  if (held.by !== by && held.until > now.toISOString()) return false;
  const taken = await db.updateTable("bridge_settings")
    .set({ value, updated_at: now.toISOString() })
    .where("key", "=", key).where("value", "=", current.value)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) > 0;
}

export async function releaseLease(
  db: BridgeDb,
  key: string,
  by: string,
): Promise<void> {
  const current = await db.selectFrom("bridge_settings").select("value")
    .where("key", "=", key).executeTakeFirst();
  if (!current || (JSON.parse(current.value) as LeaseValue).by !== by) return;
  await db.deleteFrom("bridge_settings").where("key", "=", key)
    .where("value", "=", current.value).execute();
}

/** Whether a replica other than `by` holds lease `key` now. */
export async function leaseHeldByOther(
  db: BridgeDb,
  key: string,
  by: string,
  now: Date,
): Promise<boolean> {
  const current = await db.selectFrom("bridge_settings").select("value")
    .where("key", "=", key).executeTakeFirst();
  if (!current) return false;
  const held = JSON.parse(current.value) as LeaseValue;
  return held.by !== by && held.until > now.toISOString();
}
