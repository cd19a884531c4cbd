// What a 202 waits for after the inbox insert: every commit so far durable. PostgreSQL's commits are when they
// return (synchronous_commit, its default `on`); SQLite's, opened by openDatabase, run with
// `synchronous = NORMAL` and are made durable by an fsync of the WAL off the event loop (create-wal-sync.ts).
import { SqliteAdapter } from "kysely";
import type { BridgeDb } from "./database.ts";
import { BridgeSqliteAdapter } from "./transactional-sqlite-dialect.ts";

export class CommitSyncError extends Error {
  override name = "CommitSyncError";
}

export function syncCommits(db: BridgeDb): Promise<void> {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof BridgeSqliteAdapter) return adapter.syncCommits();
  if (adapter instanceof SqliteAdapter) {
    // A SQLite Kysely made elsewhere has no WAL sync: refusing is better than a 202 that a power loss undoes.
    return Promise.reject(
      new CommitSyncError(
        "this SQLite database was not opened with openDatabase: its commits cannot be made durable",
      ),
    );
  }
  return Promise.resolve();
}
