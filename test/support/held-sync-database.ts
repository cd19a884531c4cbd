// A migrated in-memory SQLite database whose commit syncs (the WAL's fsync, sync-commits.ts) a test finishes or
// fails by hand, to see what waits for durability and what does not.
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator } from "kysely";
import type { BridgeDatabase } from "../../bridge/db/database.ts";
import { bridgeMigrations } from "../../bridge/db/migrations.ts";
import { TransactionalSqliteDialect } from "../../bridge/db/transactional-sqlite-dialect.ts";

export interface HeldSync {
  resolve(): void;
  reject(error: Error): void;
}

export async function heldSyncDatabase(): Promise<
  { db: Kysely<BridgeDatabase>; syncs: HeldSync[] }
> {
  const syncs: HeldSync[] = [];
  const db = new Kysely<BridgeDatabase>({
    dialect: new TransactionalSqliteDialect({
      database: new BetterSqlite3(":memory:"),
      syncCommits: () =>
        new Promise<void>((resolve, reject) => syncs.push({ resolve, reject })),
    }),
  });
  const { error } = await new Migrator({
    db,
    provider: bridgeMigrations("sqlite"),
  }).migrateToLatest();
  if (error) throw error;
  return { db, syncs };
}
