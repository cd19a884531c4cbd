// The dialect matrix for tests: every storage and worker test runs once per entry. PostgreSQL tests use a
// fresh schema that is dropped on close. When no server answers they are skipped with one printed line on a
// developer's machine, but fail under CI (`CI` set, as CI services do), where a skip would pass silently.
import pg from "pg";
import { type Database, openDatabase } from "../../bridge/db/open-database.ts";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { BridgeDatabase, Dialect } from "../../bridge/db/database.ts";

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ??
  "postgres://postgres@127.0.0.1:5432/test";

/** Thrown under CI when PostgreSQL does not answer: the PostgreSQL half of the matrix must run there. */
export class PostgresRequiredError extends Error {
  constructor(readonly why: string) {
    super(
      `${why}; CI is set, so PostgreSQL tests must run (start PostgreSQL or set TEST_POSTGRES_URL)`,
    );
    this.name = "PostgresRequiredError";
  }
}

/**
 * What to do with PostgreSQL tests given the probe's answer (`why`: null when it answered) and `CI`:
 * run (null), skip (the reason), or throw {@link PostgresRequiredError} under CI.
 */
export function postgresSkipReason(
  why: string | null,
  // No default: an explicit `undefined` (CI unset) must not fall back to this process's CI.
  ci: string | undefined,
): string | null {
  if (why === null) return null;
  if (ci !== undefined && ci !== "" && ci !== "false" && ci !== "0") {
    throw new PostgresRequiredError(why);
  }
  return why;
}

let reachable: Promise<string | null> | undefined;

/**
 * Null when PostgreSQL answers, else why its tests are skipped (printed once). Rejects with
 * {@link PostgresRequiredError} under CI, so the test file that awaits it fails.
 */
export async function postgresUnavailable(): Promise<string | null> {
  const skip = postgresSkipReason(await probePostgres(), process.env.CI);
  if (skip !== null && !warned) {
    warned = true;
    console.warn(`skipping PostgreSQL tests: ${skip}`);
  }
  return skip;
}

let warned = false;

function probePostgres(): Promise<string | null> {
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
