// One code path for both databases: Kysely over better-sqlite3 (default) or a pg Pool (several replicas).
import BetterSqlite3 from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  Kysely,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  sql,
} from "kysely";
import pg from "pg";
import type { BridgeDatabase, BridgeDb, Dialect } from "./database.ts";
import { bridgeMigrations } from "./migrations.ts";
import { TransactionalSqliteDialect } from "./transactional-sqlite-dialect.ts";
import { createWalSync, type WalSync } from "./create-wal-sync.ts";
import {
  startWalCheckpointer,
  type WalCheckpointer,
  type WalCheckpointerError,
} from "./start-wal-checkpointer.ts";
import {
  DatabaseError,
  describeDatabaseError,
  isDatabaseUnavailable,
} from "./database-error.ts";
import { parseDatabaseUrl } from "./parse-database-url.ts";

export interface OpenDatabaseOptions {
  /** PostgreSQL only: the schema to use (tests use a fresh one per file). */
  schema?: string;
  /** PostgreSQL only: pool size. */
  maxConnections?: number;
  /** SQLite only: how long a statement waits for another connection's lock before SQLITE_BUSY (tests shorten it). */
  busyTimeoutMs?: number;
  /** What `migrate()` applies; default bridgeMigrations (tests wrap them to stop one half-way). */
  migrations?: MigrationProvider;
  /**
   * SQLite file only: checkpoint the WAL in a thread of its own (start-wal-checkpointer.ts), for the bridge
   * that answers webhooks; `onError` hears that the thread stopped and the connection checkpoints again.
   */
  checkpointThread?: { onError(error: WalCheckpointerError): void };
}

export interface Database {
  db: BridgeDb;
  dialect: Dialect;
  /** Applies pending migrations; throws DatabaseError naming the failing migration. */
  migrate(): Promise<void>;
  /** Whether a webhook could be stored now: the database answers, every migration is applied, it takes writes. */
  readiness(): Promise<Readiness>;
  /** `readiness()`, without the reason. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

export type Readiness = { ready: true } | { ready: false; reason: string };

class ProbeRollback extends Error {}

/**
 * SQLite: an inbox insert in a transaction that is rolled back. It takes the write lock (another process
 * holding it beyond busy_timeout shows) and fails on a read-only file or connection; it commits nothing, so
 * it costs no disk write. A full disk shows only at commit: trackInboxWrites reports that.
 */
async function sqliteRefusesWebhooks(db: BridgeDb): Promise<string | null> {
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("webhook_inbox").values({
        event_id: "readiness-probe",
        webhook_id: null,
        event_type: "readiness-probe",
        incident_id: null,
        occurred_at: "1970-01-01T00:00:00.000Z",
        body: "{}",
        status: "done",
        received_at: "1970-01-01T00:00:00.000Z",
        processed_at: null,
      }).onConflict((oc) => oc.doNothing()).execute();
      throw new ProbeRollback();
    });
  } catch (error) {
    if (!(error instanceof ProbeRollback)) throw error;
  }
  return null;
}

/**
 * PostgreSQL: asked, not tried. A rolled-back insert from every replica every few seconds would take a
 * transaction id and leave a dead row and index entries each time (vacuum work, and more with more
 * replicas); the catalog answers what such a probe would learn: a standby (a failover to the wrong host) or
 * a read-only session refuses every insert, and so does a role without INSERT on the inbox.
 */
async function postgresRefusesWebhooks(db: BridgeDb): Promise<string | null> {
  const { rows } = await sql<
    { standby: boolean; read_only: string; can_insert: boolean }
  >`select pg_is_in_recovery() as standby,
      current_setting('transaction_read_only') as read_only,
      has_table_privilege('webhook_inbox', 'INSERT') as can_insert`
    .execute(db);
  const row = rows[0];
  if (!row) return "database did not answer the write check";
  if (row.standby) return "database is a read-only standby";
  if (row.read_only === "on") return "database session is read-only";
  if (!row.can_insert) return "no INSERT privilege on webhook_inbox";
  return null;
}

export function openDatabase(
  url: string,
  options: OpenDatabaseOptions = {},
): Database {
  const target = parseDatabaseUrl(url);
  let db: BridgeDb;
  let walSync: WalSync | null = null;
  let checkpointer: WalCheckpointer | null = null;
  if (target.dialect === "postgres") {
    const pool = new pg.Pool({
      connectionString: target.connectionString,
      max: options.maxConnections ?? 10,
      // Without a timeout a request waits for an unreachable server as long as TCP does; with it, a webhook
      // is answered (503) while PagerDuty still waits for the answer (5 s).
      connectionTimeoutMillis: 3_000,
      // A server that vanished without closing the connection (a failover) is noticed on idle connections.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      ...(options.schema
        ? { options: `-c search_path=${options.schema}` }
        : {}),
    });
    // When the server closes connections (a restart, a failover, pg_terminate_backend) each idle client emits
    // 'error' through the pool, and a checked-out one between statements emits it itself; an EventEmitter
    // without a listener turns that into an uncaught exception, which ends the process. The pool has already
    // given up such a client (it is not reused), the next query connects again, and whoever needs the
    // database learns of the outage from its own failing query (the loops log it once), so nothing is lost by
    // not logging here.
    pool.on("error", () => {});
    pool.on("connect", (client) => client.on("error", () => {}));
    db = new Kysely<BridgeDatabase>({ dialect: new PostgresDialect({ pool }) });
  } else {
    let sqlite: BetterSqlite3.Database;
    try {
      if (target.path !== ":memory:") {
        mkdirSync(dirname(target.path), { recursive: true });
      }
      sqlite = new BetterSqlite3(target.path);
    } catch (cause) {
      throw new DatabaseError(
        `cannot open SQLite database ${target.path}`,
        { cause },
      );
    }
    // WAL lets readers (readyz, API) proceed while the worker writes; busy_timeout makes a second process
    // on the same file wait for the lock instead of failing. SQLITE_BUSY after that (or at once, when a
    // deferred transaction cannot upgrade to a write) counts as isDatabaseUnavailable: the inbox writer and
    // the loops retry it.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // What better-sqlite3's build (SQLITE_DEFAULT_WAL_SYNCHRONOUS=1) does anyway in WAL mode, said out loud:
    // commits are not fsynced on this thread. The webhook inbox's are, before its 202, by an fsync of the WAL
    // in the thread pool (syncCommits, create-wal-sync.ts), which also makes every earlier commit durable.
    sqlite.pragma("synchronous = NORMAL");
    walSync = target.path === ":memory:"
      ? null
      : createWalSync(resolve(target.path));
    if (options.checkpointThread && target.path !== ":memory:") {
      checkpointer = startWalCheckpointer({
        sqlite,
        databasePath: resolve(target.path),
        onError: options.checkpointThread.onError,
      });
    }
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
    const wal = walSync;
    db = new Kysely<BridgeDatabase>({
      dialect: new TransactionalSqliteDialect({
        database,
        // Nothing of an in-memory database outlives the process.
        syncCommits: wal ? () => wal.sync() : () => Promise.resolve(),
      }),
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
        provider: options.migrations ?? bridgeMigrations(target.dialect),
        ...(schema ? { migrationTableSchema: schema } : {}),
      });
    })().catch((error) => {
      // The database was unreachable: ask again next time (readyz must recover).
      migrator = undefined;
      throw error;
    });
  const readiness = async (): Promise<Readiness> => {
    try {
      await sql`select 1`.execute(db);
      const migrations = await (await migratorFor()).getMigrations();
      if (migrations.some((m) => m.executedAt === undefined)) {
        return { ready: false, reason: "migrations pending" };
      }
    } catch {
      return { ready: false, reason: "database unreachable" };
    }
    try {
      const refused = await (target.dialect === "postgres"
        ? postgresRefusesWebhooks(db)
        : sqliteRefusesWebhooks(db));
      return refused ? { ready: false, reason: refused } : { ready: true };
    } catch (error) {
      return {
        ready: false,
        reason: `database refuses writes: ${describeDatabaseError(error)}`,
      };
    }
  };
  return {
    db,
    dialect: target.dialect,
    async migrate() {
      let outcome;
      try {
        outcome = await (await migratorFor()).migrateToLatest();
      } catch (cause) {
        throw new DatabaseError("cannot connect to the database", { cause });
      }
      const { error, results } = outcome;
      if (error) {
        const failed = results?.find((r) => r.status === "Error");
        throw new DatabaseError(
          isDatabaseUnavailable(error) && !failed
            ? "database unavailable"
            : `migration ${failed?.migrationName ?? "(unknown)"} failed`,
          { cause: error },
        );
      }
    },
    readiness,
    isReady: async () => (await readiness()).ready,
    async close() {
      // The thread's connection first: this one is then the last, and its close checkpoints and removes the WAL.
      await checkpointer?.stop();
      await walSync?.close();
      await db.destroy();
    },
  };
}
