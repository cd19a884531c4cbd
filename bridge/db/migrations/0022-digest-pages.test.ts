import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { Dialect } from "../database.ts";
import { bridgeMigrations } from "../migrations.ts";
import { openDatabase } from "../open-database.ts";
import {
  TEST_POSTGRES_URL,
  testDialects,
} from "../../../test/support/test-databases.ts";

const dialects = await testDialects();
const T0 = "2026-11-01T00:00:00.000Z";

describe.each(dialects)(
  "0022 keeps the pages of digests posted before it, on $dialect",
  ({ dialect, skip }: { dialect: Dialect; skip: string | null }) => {
    describe.skipIf(skip !== null)(skip ?? "available", () => {
      it("a three-page digest and an unposted one: the pages are rows, none known as shown (each is edited once)", async () => {
        const schema = dialect === "postgres"
          ? `t_${process.pid}_0022_${Math.random().toString(36).slice(2, 8)}`
          : undefined;
        const dir = mkdtempSync(join(tmpdir(), "pagerslack-0022-"));
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
          Object.entries(all).filter(([name]) => name < "0022"),
        );
        try {
          const old = openDatabase(url, {
            ...(schema ? { schema } : {}),
            migrations: { getMigrations: () => Promise.resolve(before) },
          });
          await old.migrate();
          await sql`insert into digests (channel_id, ts, page_ts, post_attempts, version, rendered_version,
            started_at, last_joined_at) values
            ('C1', '1.000100', '["1.000200","1.000300"]', 0, 3, 3, ${T0}, ${T0}),
            ('C2', null, null, 0, 1, 0, ${T0}, ${T0})`.execute(old.db);
          await old.close();

          const database = openDatabase(url, schema ? { schema } : {});
          try {
            await database.migrate();
            const { db } = database;
            const first = await db.selectFrom("digests").select("id")
              .where("channel_id", "=", "C1").executeTakeFirstOrThrow();
            expect(
              await db.selectFrom("digest_pages").selectAll().orderBy("page")
                .execute(),
            ).toEqual(["1.000100", "1.000200", "1.000300"].map((ts, page) => ({
              digest_id: first.id,
              page,
              ts,
              shown_hash: null,
              shown_ids: null,
            })));
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
