// Kysely's SqliteAdapter says SQLite has no transactional DDL, so its Migrator runs SQLite migrations statement
// by statement in autocommit: a process killed between two statements of one migration (after an ALTER TABLE,
// before the migration is recorded) leaves a database on which every later start fails ("duplicate column
// name"). SQLite does run CREATE / ALTER / DROP inside transactions, so this dialect says so, and the Migrator
// then runs the pending migrations and their rows in kysely_migration in one transaction, as it does on
// PostgreSQL: a crash anywhere rolls back to the last start's schema.
//
// A migration that must run outside a transaction (VACUUM, `PRAGMA foreign_keys = off` for a table rebuild,
// which is a no-op inside one) does not fit here: give it its own Migrator with `disableTransactions`.
//
// The adapter also carries how this database's commits are made durable (`syncCommits`, see sync-commits.ts):
// every Kysely derived from this one (withPlugin, transactions) shares its adapter.
import {
  type DialectAdapter,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
} from "kysely";

export class BridgeSqliteAdapter extends SqliteAdapter {
  constructor(readonly syncCommits: () => Promise<void>) {
    super();
  }
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export interface TransactionalSqliteDialectConfig extends SqliteDialectConfig {
  /** Makes every commit so far durable (the WAL's fsync; nothing for `:memory:`). */
  syncCommits: () => Promise<void>;
}

export class TransactionalSqliteDialect extends SqliteDialect {
  readonly #syncCommits: () => Promise<void>;
  constructor({ syncCommits, ...config }: TransactionalSqliteDialectConfig) {
    super(config);
    this.#syncCommits = syncCommits;
  }
  override createAdapter(): DialectAdapter {
    return new BridgeSqliteAdapter(this.#syncCommits);
  }
}
