import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, sql, SqliteDialect } from "kysely";
import { describe, expect, it } from "vitest";
import type { BridgeDatabase } from "./database.ts";
import { bridgeMigrations } from "./migrations.ts";

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
