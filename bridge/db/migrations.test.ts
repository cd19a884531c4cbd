import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, sql, SqliteDialect } from "kysely";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { childEnv } from "../../test/support/child-env.ts";
import type { BridgeDatabase, Dialect } from "./database.ts";
import { bridgeMigrations } from "./migrations.ts";
import { openDatabase } from "./open-database.ts";
import {
  TEST_POSTGRES_URL,
  testDialects,
} from "../../test/support/test-databases.ts";

describe("bridge migrations", () => {
  it("0004 fills the status of incident states stored before it", async () => {
    const db = new Kysely<BridgeDatabase>({
      dialect: new SqliteDialect({ database: new BetterSqlite3(":memory:") }),
    });
    const migrator = new Migrator({
      db,
      provider: bridgeMigrations("sqlite"),
    });
    expect((await migrator.migrateTo("0003_outbox_post_attempts")).error)
      .toBeUndefined();
    const old = db as unknown as Kysely<
      {
        incident_states: {
          incident_id: string;
          state: string;
          updated_at: string;
        };
      }
    >;
    await old.insertInto("incident_states").values([
      {
        incident_id: "P1",
        state: JSON.stringify({ snapshot: { status: "acknowledged" } }),
        updated_at: "2026-11-01T00:00:00.000Z",
      },
      {
        incident_id: "P2",
        state: JSON.stringify({ snapshot: { status: "resolved" } }),
        updated_at: "2026-11-01T00:00:00.000Z",
      },
      // Only deferred events so far.
      {
        incident_id: "P3",
        state: "null",
        updated_at: "2026-11-01T00:00:00.000Z",
      },
    ]).execute();

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(
      await db.selectFrom("incident_states").select(["incident_id", "status"])
        .orderBy("incident_id").execute(),
    ).toEqual([
      { incident_id: "P1", status: "acknowledged" },
      { incident_id: "P2", status: "resolved" },
      { incident_id: "P3", status: null },
    ]);
    await db.destroy();
  });

  it("0005 gives inbox events stored before it no attempts and no error", async () => {
    const db = new Kysely<BridgeDatabase>({
      dialect: new SqliteDialect({ database: new BetterSqlite3(":memory:") }),
    });
    const migrator = new Migrator({
      db,
      provider: bridgeMigrations("sqlite"),
    });
    expect((await migrator.migrateTo("0004_incident_state_status")).error)
      .toBeUndefined();
    await sql`insert into webhook_inbox (event_id, webhook_id, event_type, incident_id, occurred_at, body,
      status, received_at, processed_at) values ('E1', null, 'incident.triggered', 'P1',
      '2026-11-01T00:00:00.000Z', '{}', 'pending', '2026-11-01T00:00:00.000Z', null)`
      .execute(db);

    expect((await migrator.migrateTo("0005_inbox_attempts")).error)
      .toBeUndefined();
    expect(
      await db.selectFrom("webhook_inbox")
        .select(["event_id", "attempts", "last_error", "retry_at"]).execute(),
    ).toEqual([
      { event_id: "E1", attempts: 0, last_error: null, retry_at: null },
    ]);
    await db.destroy();
  });
});

const migrationNames = Object.keys(
  await bridgeMigrations("sqlite").getMigrations(),
).sort();

/** A start-up SIGKILLed after the first statement of migration `name` (see fixtures/migrate-until-paused.ts). */
async function killMigrationHalfWay(
  env: Record<string, string>,
): Promise<void> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "bridge/db/fixtures/migrate-until-paused.ts"],
    { env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const exited = new Promise<void>((resolve) =>
    child.on("exit", () => resolve())
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the migration never paused: ${output}`)),
      15_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("paused\n")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", () => {
      clearTimeout(timer);
      reject(new Error(`the migration ended before pausing: ${output}`));
    });
  });
  child.kill("SIGKILL");
  await exited;
}

const dialects = await testDialects();

describe.each(dialects)(
  "a start-up killed half-way through a migration, on $dialect",
  ({ dialect, skip }: { dialect: Dialect; skip: string | null }) => {
    describe.skipIf(skip !== null)(skip ?? "available", () => {
      const dir = mkdtempSync(join(tmpdir(), "pagerslack-migrate-kill-"));
      afterAll(() => rmSync(dir, { recursive: true, force: true }));

      /** An empty database (nothing migrated) another process can open. */
      const emptyDatabase = async (name: string) => {
        if (dialect === "sqlite") {
          return { url: join(dir, `${name}.db`), schema: undefined };
        }
        const schema = `t_${process.pid}_kill_${name.slice(0, 4)}_${
          Math.random().toString(36).slice(2, 8)
        }`;
        const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
        await admin.connect();
        await admin.query(`create schema "${schema}"`);
        await admin.end();
        return { url: TEST_POSTGRES_URL, schema };
      };
      const dropSchema = async (schema: string | undefined) => {
        if (!schema) return;
        const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
        await admin.connect();
        await admin.query(`drop schema if exists "${schema}" cascade`);
        await admin.end();
      };

      // SQLite is where migrations ran in autocommit: every one is killed there. Kysely already runs
      // PostgreSQL's in a transaction; two of them show it stays so.
      it.each(
        dialect === "sqlite"
          ? migrationNames
          : ["0004_incident_state_status", ...migrationNames.slice(-1)],
      )(
        "killed after the first statement of %s, the next start migrates and is ready",
        async (name) => {
          const { url, schema } = await emptyDatabase(name);
          try {
            await killMigrationHalfWay({
              DATABASE_URL: url,
              PAUSE_IN: name,
              ...(schema ? { SCHEMA: schema } : {}),
            });
            const database = openDatabase(url, schema ? { schema } : {});
            try {
              await expect(database.migrate()).resolves.toBeUndefined();
              expect(await database.isReady()).toBe(true);
            } finally {
              await database.close();
            }
          } finally {
            await dropSchema(schema);
          }
        },
        30_000,
      );
    });
  },
);

describe.each(dialects)(
  "0009 drops the outbox lock columns, on $dialect",
  ({ dialect, skip }: { dialect: Dialect; skip: string | null }) => {
    describe.skipIf(skip !== null)(skip ?? "available", () => {
      it("keeps the jobs stored before it", async () => {
        const schema = dialect === "postgres"
          ? `t_${process.pid}_0009_${Math.random().toString(36).slice(2, 8)}`
          : undefined;
        const dir = mkdtempSync(join(tmpdir(), "pagerslack-0009-"));
        const url = schema ? TEST_POSTGRES_URL : join(dir, "bridge.db");
        const admin = async (query: string) => {
          const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
          await client.connect();
          await client.query(query);
          await client.end();
        };
        if (schema) await admin(`create schema "${schema}"`);
        const all = await bridgeMigrations(dialect).getMigrations();
        const before = Object.fromEntries(
          Object.entries(all).filter(([name]) => name < "0009"),
        );
        try {
          const old = openDatabase(url, {
            ...(schema ? { schema } : {}),
            migrations: { getMigrations: () => Promise.resolve(before) },
          });
          await old.migrate();
          await sql`insert into outbox (kind, dedupe_key, incident_id, channel_id, payload, status, version,
            attempts, available_at, locked_by, locked_until, last_error, enqueued_at, created_at)
            values ('card', 'card:P1:C1', 'P1', 'C1', '{}', 'pending', 1, 0, '2026-11-01T00:00:00.000Z',
            'replica-a', '2026-11-01T00:01:00.000Z', null, '2026-11-01T00:00:00.000Z',
            '2026-11-01T00:00:00.000Z')`.execute(old.db);
          await old.close();

          const database = openDatabase(url, schema ? { schema } : {});
          try {
            await database.migrate();
            const rows = await database.db.selectFrom("outbox").selectAll()
              .execute();
            expect(rows).toHaveLength(1);
            expect(rows[0]).toMatchObject({
              dedupe_key: "card:P1:C1",
              channel_id: "C1",
              status: "pending",
              version: 1,
            });
            expect(Object.keys(rows[0] ?? {})).not.toContain("locked_by");
            expect(Object.keys(rows[0] ?? {})).not.toContain("locked_until");
            expect(await database.isReady()).toBe(true);
          } finally {
            await database.close();
          }
        } finally {
          if (schema) await admin(`drop schema if exists "${schema}" cascade`);
          rmSync(dir, { recursive: true, force: true });
        }
      });
    });
  },
);
