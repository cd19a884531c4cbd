import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openTestDatabase,
  type TestDatabase,
  testDialects,
} from "../../test/support/test-databases.ts";
import { openDatabase } from "../db/open-database.ts";
import { checkSetAsideEvents } from "./check-set-aside-events.ts";

const dialects = await testDialects();

describe.each(dialects)("doctor's set-aside check on $dialect", ({
  dialect,
  skip,
}) => {
  describe.skipIf(skip !== null)(skip ?? "available", () => {
    let dir: string;
    let database: TestDatabase;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "pagerslack-set-aside-"));
      database = await openTestDatabase(dialect, {
        file: join(dir, "bridge.db"),
      });
    });
    afterAll(async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    });
    // What doctor does: its own connection, closed after the check.
    const open = () =>
      openDatabase(
        database.url,
        database.schema ? { schema: database.schema } : {},
      );

    it("says so when nothing was set aside", async () => {
      expect(await checkSetAsideEvents(open)).toEqual([{
        name: "set-aside webhook events",
        ok: true,
        detail: "none: every event applied",
      }]);
    });

    it("lists each set-aside event with its id, type, incident and error", async () => {
      await database.db.insertInto("webhook_inbox").values([
        {
          event_id: "E-bad",
          webhook_id: null,
          event_type: "incident.triggered",
          incident_id: "PBAD001",
          occurred_at: "2026-08-20T10:00:00.000Z",
          body: "{}",
          status: "failed",
          received_at: "2026-08-20T10:00:00.000Z",
          processed_at: "2026-08-20T10:00:20.000Z",
          attempts: 5,
          last_error: "Error: state refused",
        },
        {
          event_id: "E-fine",
          webhook_id: null,
          event_type: "incident.triggered",
          incident_id: "PGOOD01",
          occurred_at: "2026-08-20T10:00:00.000Z",
          body: "{}",
          status: "done",
          received_at: "2026-08-20T10:00:00.000Z",
          processed_at: "2026-08-20T10:00:01.000Z",
          attempts: 0,
          last_error: null,
        },
      ]).execute();
      const [check] = await checkSetAsideEvents(open);
      expect(check).toMatchObject({
        name: "set-aside webhook events",
        ok: false,
      });
      expect(check!.detail).toMatch(/^1 stored webhook event was set aside/);
      expect(check!.detail).toContain(
        "E-bad (incident.triggered, incident PBAD001, set aside 2026-08-20T10:00:20.000Z after 5 attempts): Error: state refused",
      );
      expect(check!.detail).not.toContain("E-fine");
    });
  });
});
