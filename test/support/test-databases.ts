// The dialect matrix for tests: every storage and worker test runs once per entry. PostgreSQL tests use a
// fresh schema that is dropped on close, and are skipped (with the reason printed) when no server answers.
import pg from "pg";
import { type Database, openDatabase } from "../../bridge/db/open-database.ts";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { BridgeDatabase, Dialect } from "../../bridge/db/database.ts";

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ??
  "postgres://postgres@127.0.0.1:5432/test";

let reachable: Promise<string | null> | undefined;

/** Null when PostgreSQL answers, else why not. */
export function postgresUnavailable(): Promise<string | null> {
  reachable ??= (async () => {
    const client = new pg.Client({
      connectionString: TEST_POSTGRES_URL,
      connectionTimeoutMillis: 2000,
    });
    try {
      await client.connect();
      await client.query("select 1");
      return null;
    } catch (error) {
      return `PostgreSQL at ${TEST_POSTGRES_URL} unreachable (${
        (error as Error).message
      })`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

export interface TestDialect {
  dialect: Dialect;
  /** Why this dialect's tests are skipped, or null. */
  skip: string | null;
}

/** Await once at the top of a test file: `const dialects = await testDialects();`. */
export async function testDialects(): Promise<TestDialect[]> {
  const why = await postgresUnavailable();
  if (why) console.warn(`skipping PostgreSQL tests: ${why}`);
  return [{ dialect: "sqlite", skip: null }, {
    dialect: "postgres",
    skip: why,
  }];
}

export interface TestDatabase extends Database {
  /** The URL another process can open (SQLite: a file; PostgreSQL: needs `schema`). */
  url: string;
  schema?: string;
}

/** A migrated, empty database of the given dialect. SQLite: a temporary file when `file` is given. */
export async function openTestDatabase(
  dialect: Dialect,
  options: { file?: string } = {},
): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const url = options.file ?? ":memory:";
    const database = openDatabase(url);
    await database.migrate();
    return { ...database, url };
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
  const dropSchema = async () => {
    const cleanup = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await cleanup.connect();
    await cleanup.query(`drop schema if exists "${schema}" cascade`);
    await cleanup.end();
  };
  const database = openDatabase(TEST_POSTGRES_URL, { schema });
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    await dropSchema();
    throw error;
  }
  return {
    ...database,
    url: TEST_POSTGRES_URL,
    schema,
    async close() {
      await database.close();
      await dropSchema();
    },
  };
}

/**
 * One database per describe block, as `useAppHarness` does for the app harness: a migrated database of
 * `dialect` opened before the block's first test (handed to `ready`, so tests keep a plain variable) and
 * closed after its last, with `tables` emptied before each test.
 */
export function useTestDatabase(
  dialect: Dialect,
  tables: readonly (keyof BridgeDatabase)[],
  ready: (database: TestDatabase) => void,
): void {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    ready(database);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    for (const table of tables) {
      await database?.db.deleteFrom(table).execute();
    }
  });
}
