import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { Dialect } from "../database.ts";
import { assignLegacyTeam } from "../assign-legacy-team.ts";
import { bridgeMigrations } from "../migrations.ts";
import { openDatabase } from "../open-database.ts";
import {
  TEST_POSTGRES_URL,
  testDialects,
} from "../../../test/support/test-databases.ts";

const dialects = await testDialects();
const T0 = "2026-11-01T00:00:00.000Z";

describe.each(dialects)(
  "0013 gives rows a workspace, on $dialect",
  ({ dialect, skip }: { dialect: Dialect; skip: string | null }) => {
    describe.skipIf(skip !== null)(skip ?? "available", () => {
      it("an existing single-workspace database gets its rows assigned to the configured workspace", async () => {
        const schema = dialect === "postgres"
          ? `t_${process.pid}_0013_${Math.random().toString(36).slice(2, 8)}`
          : undefined;
        const dir = mkdtempSync(join(tmpdir(), "pagerslack-0013-"));
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
          Object.entries(all).filter(([name]) => name < "0013"),
        );
        try {
          const old = openDatabase(url, {
            ...(schema ? { schema } : {}),
            migrations: { getMigrations: () => Promise.resolve(before) },
          });
          await old.migrate();
          await sql`insert into connections (id, channel_id, source_type, source_id, notification_type, events,
            urgency, priorities, thread_updates, created_at, updated_at)
            values ('conn1', 'C1', 'service', 'PSVC1', 'responder', '[]', null, null, 1, ${T0}, ${T0})`
            .execute(old.db);
          await sql`insert into cards (incident_id, channel_id, kind, thread_updates, ts, claimed_by, claimed_at,
            post_attempts, version, rendered_version, updated_at)
            values ('P1', 'C1', 'responder', 1, '1.000100', null, null, 1, 2, 2, ${T0})`
            .execute(old.db);
          await sql`insert into outbox (kind, dedupe_key, incident_id, channel_id, payload, status, version,
            attempts, available_at, last_error, enqueued_at, created_at)
            values ('card', 'card:P1:C1', 'P1', 'C1', '{}', 'pending', 1, 0, ${T0}, null, ${T0}, ${T0})`
            .execute(old.db);
          await sql`insert into incident_channels (incident_id, channel_id, created_at)
            values ('P1', 'C9', ${T0})`.execute(old.db);
          await sql`insert into channels (channel_id, locked_by, locked_until, behind, behind_changed_at)
            values ('C1', null, null, 0, null)`.execute(old.db);
          await sql`insert into workflow_triggers (name, url, updated_at)
            values ('incident_action', 'https://slack.com/shortcuts/Ft0/abc', ${T0})`
            .execute(old.db);
          await old.close();

          const database = openDatabase(url, schema ? { schema } : {});
          try {
            await database.migrate();
            const { db } = database;
            // Before the bridge learns its workspace, the rows are the SLACK_BOT_TOKEN workspace's (NULL).
            expect(
              await db.selectFrom("connections").select("team_id").execute(),
            ).toEqual([{ team_id: null }]);
            expect(
              await db.selectFrom("workflow_triggers").selectAll().execute(),
            ).toEqual([{
              team_id: "",
              name: "incident_action",
              url: "https://slack.com/shortcuts/Ft0/abc",
              updated_at: T0,
            }]);

            expect(await assignLegacyTeam(db, "T0SIMTEAM1")).toEqual({
              connections: 1,
              cards: 1,
              outbox: 1,
              incident_channels: 1,
              channels: 1,
              workflow_triggers: 1,
            });
            for (
              const table of [
                "connections",
                "cards",
                "outbox",
                "incident_channels",
                "channels",
              ] as const
            ) {
              expect(await db.selectFrom(table).select("team_id").execute())
                .toEqual([{ team_id: "T0SIMTEAM1" }]);
            }
            expect(
              await db.selectFrom("workflow_triggers").select([
                "team_id",
                "name",
              ]).execute(),
            ).toEqual([{ team_id: "T0SIMTEAM1", name: "incident_action" }]);
            // The rest of each row is untouched, and a second run (another replica's start) changes nothing.
            expect(
              await db.selectFrom("cards").select(["ts", "version"])
                .executeTakeFirst(),
            ).toEqual({ ts: "1.000100", version: 2 });
            expect(await assignLegacyTeam(db, "T0OTHER")).toMatchObject({
              connections: 0,
              outbox: 0,
              workflow_triggers: 0,
            });
            // Two workspaces may register the same trigger name.
            await db.insertInto("workflow_triggers").values({
              team_id: "T0SIMTEAM2",
              name: "incident_action",
              url: "https://slack.com/shortcuts/Ft1/def",
              updated_at: T0,
            }).execute();
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
