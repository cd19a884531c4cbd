import BetterSqlite3 from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BridgeDatabase } from "./database.ts";
import { openDatabase } from "./open-database.ts";
import { CommitSyncError, syncCommits } from "./sync-commits.ts";

describe("syncCommits", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pagerslack-sync-commits-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("syncs a SQLite file's commits, also through derived Kysely instances", async () => {
    const database = openDatabase(join(dir, "bridge.db"));
    try {
      await database.migrate();
      await expect(syncCommits(database.db)).resolves.toBeUndefined();
      await expect(
        database.db.transaction().execute((trx) => syncCommits(trx)),
      ).resolves.toBeUndefined();
      await expect(syncCommits(database.db.withPlugin({
        transformQuery: ({ node }) => node,
        transformResult: ({ result }) => Promise.resolve(result),
      }))).resolves.toBeUndefined();
    } finally {
      await database.close();
    }
  });

  it("has nothing to sync for an in-memory database", async () => {
    const database = openDatabase(":memory:");
    try {
      await expect(syncCommits(database.db)).resolves.toBeUndefined();
    } finally {
      await database.close();
    }
  });

  it("refuses a SQLite database openDatabase did not open, rather than answer as if durable", async () => {
    const db = new Kysely<BridgeDatabase>({
      dialect: new SqliteDialect({
        database: new BetterSqlite3(join(dir, "other.db")),
      }),
    });
    try {
      await expect(syncCommits(db)).rejects.toBeInstanceOf(CommitSyncError);
    } finally {
      await db.destroy();
    }
  });
});
