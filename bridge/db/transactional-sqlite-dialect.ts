// Kysely's SqliteAdapter says SQLite has no transactional DDL, so its Migrator runs SQLite migrations statement
// by statement in autocommit: a process killed between two statements of one migration (after an ALTER TABLE,
// before the migration is recorded) leaves a database on which every later start fails ("duplicate column
// name"). SQLite does run CREATE / ALTER / DROP inside transactions, so this dialect says so, and the Migrator
// then runs the pending migrations and their rows in kysely_migration in one transaction, as it does on
// PostgreSQL: a crash anywhere rolls back to the last start's schema.
//
// A migration that must run outside a transaction (VACUUM, `PRAGMA foreign_keys = off` for a table rebuild,
// which is a no-op inside one) does not fit here: give it its own Migrator with `disableTransactions`.
import { type DialectAdapter, SqliteAdapter, SqliteDialect } from "kysely";

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
