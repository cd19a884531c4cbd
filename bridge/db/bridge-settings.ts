// Facts about the installation that every replica must share (`bridge_settings`, one JSON value per key).
import type { BridgeDb } from "./database.ts";

export interface Setting<T> {
  value: T;
  updatedAt: string;
}

export async function readSetting<T>(
  db: BridgeDb,
  key: string,
): Promise<Setting<T> | null> {
  const row = await db.selectFrom("bridge_settings")
    .select(["value", "updated_at"]).where("key", "=", key)
    .executeTakeFirst();
  return row
    ? { value: JSON.parse(row.value) as T, updatedAt: row.updated_at }
    : null;
}

/** Sets `key`; true when it had no value before (so a caller says a thing once, not once per replica). */
export async function writeSetting(
  db: BridgeDb,
  key: string,
  value: unknown,
  now: Date,
): Promise<boolean> {
  const row = {
    key,
    value: JSON.stringify(value),
    updated_at: now.toISOString(),
  };
  const inserted = await db.insertInto("bridge_settings").values(row)
    .onConflict((oc) => oc.column("key").doNothing()).executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  await db.updateTable("bridge_settings")
    .set({ value: row.value, updated_at: row.updated_at })
    .where("key", "=", key).execute();
  return false;
}

/** Removes `key`; true when it had a value. */
export async function deleteSetting(
  db: BridgeDb,
  key: string,
): Promise<boolean> {
  const result = await db.deleteFrom("bridge_settings").where("key", "=", key)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
