// One code path for both databases: Kysely over better-sqlite3 (default) or a pg Pool (several replicas).
import BetterSqlite3 from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from "kysely";
import pg from "pg";
import type { BridgeDatabase, BridgeDb, Dialect } from "./database.ts";
import { bridgeMigrations } from "./migrations.ts";

export interface OpenDatabaseOptions {
  /** PostgreSQL only: the schema to use (tests use a fresh one per file). */
  schema?: string;
  /** PostgreSQL only: pool size. */
  maxConnections?: number;
}

export interface Database {
  db: BridgeDb;
  dialect: Dialect;
  /** Applies pending migrations; throws DatabaseError naming the failing migration. */
  migrate(): Promise<void>;
  /** True when the database answers and every migration is applied. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

export class DatabaseError extends Error {
  override name = "DatabaseError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Where a `DATABASE_URL` points: `sqlite:<path>`, a plain path, `:memory:` or `postgres(ql)://…`. */
export function parseDatabaseUrl(
  url: string,
): { dialect: "sqlite"; path: string } | {
  dialect: "postgres";
  connectionString: string;
} {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    return { dialect: "postgres", connectionString: url };
  }
  const path = url.startsWith("sqlite:") ? url.slice("sqlite:".length) : url;
  return { dialect: "sqlite", path: path === "" ? ":memory:" : path };
}

export function openDatabase(
  url: string,
  options: OpenDatabaseOptions = {},
): Database {
  const target = parseDatabaseUrl(url);
  let db: BridgeDb;
  if (target.dialect === "postgres") {
    const pool = new pg.Pool({
      connectionString: target.connectionString,
      max: options.maxConnections ?? 10,
      ...(options.schema
        ? { options: `-c search_path=${options.schema}` }
        : {}),
    });
    db = new Kysely<BridgeDatabase>({ dialect: new PostgresDialect({ pool }) });
  } else {
    if (target.path !== ":memory:") {
      mkdirSync(dirname(target.path), { recursive: true });
    }
    const sqlite = new BetterSqlite3(target.path);
    // WAL lets readers (readyz, API) proceed while the worker writes; busy_timeout makes a second process
    // on the same file wait for the lock instead of failing.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 5000");
    // What better-sqlite3's build (SQLITE_DEFAULT_WAL_SYNCHRONOUS=1) does anyway in WAL mode, said out loud:
    // commits are not fsynced, except the webhook inbox's, which createInboxWriter runs with synchronous=FULL
    // because a 202 promises the event is on disk.
    sqlite.pragma("synchronous = NORMAL");
    const statements = new Map<string, ReturnType<typeof sqlite.prepare>>();
    const database = {
      close: () => sqlite.close(),
      prepare: (source: string) => {
        let statement = statements.get(source);
        if (!statement) {
          statement = sqlite.prepare(source);
          if (statements.size < 500) statements.set(source, statement);
        }
        return statement;
      },
    };
    db = new Kysely<BridgeDatabase>({
      dialect: new SqliteDialect({ database }),
    });
  }
  // Kysely looks for its migration tables in every schema it can see; on PostgreSQL name the schema in use
  // (search_path) so that another schema's tables (another deployment, a parallel test) are not mistaken
  // for ours.
  let migrator: Promise<Migrator> | undefined;
  const migratorFor = () =>
    migrator ??= (async () => {
      const schema = target.dialect === "postgres"
        ? (await sql<{ schema: string }>`select current_schema() as schema`
          .execute(db)).rows[0]?.schema
        : undefined;
      return new Migrator({
        db,
        provider: bridgeMigrations(target.dialect),
        ...(schema ? { migrationTableSchema: schema } : {}),
      });
    })().catch((error) => {
      // The database was unreachable: ask again next time (readyz must recover).
      migrator = undefined;
      throw error;
    });
  return {
    db,
    dialect: target.dialect,
    async migrate() {
      const { error, results } = await (await migratorFor()).migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === "Error");
        throw new DatabaseError(
          `migration ${failed?.migrationName ?? "(unknown)"} failed`,
          { cause: error },
        );
      }
    },
    async isReady() {
      try {
        await sql`select 1`.execute(db);
        const migrations = await (await migratorFor()).getMigrations();
        return migrations.every((m) => m.executedAt !== undefined);
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}
