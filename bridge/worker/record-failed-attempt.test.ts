// One bad event never stalls the others: what cannot be applied is retried a few times, spaced out, then set
// aside (kept, counted, listed by doctor), and every other incident keeps flowing meanwhile.
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { makeIncidentEvent } from "../../shared/incident/fixtures.ts";
import type { WebhookEvent } from "../../shared/pagerduty/webhook-event.ts";
import type { Dialect } from "../db/database.ts";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import {
  silentLogger,
  testMetrics,
} from "../../test/support/bridge-test-support.ts";
import { parseWebhookEnvelope } from "../webhooks/parse-webhook-envelope.ts";
import { storeWebhookEvent } from "../webhooks/store-webhook-event.ts";
import { drainInbox } from "./drain-inbox.ts";
import { processInboxOnce } from "./process-inbox.ts";
import { MAX_INBOX_ATTEMPTS } from "./record-failed-attempt.ts";

const dialects = await testDialects();

/** Makes the database refuse to store the state of `incidents` (every incident when empty). */
async function refuseStates(
  database: TestDatabase,
  dialect: Dialect,
  incidents: string[],
) {
  const when = incidents.length === 0
    ? "1 = 1"
    : `NEW.incident_id IN (${incidents.map((i) => `'${i}'`).join(", ")})`;
  if (dialect === "sqlite") {
    await sql.raw(
      `CREATE TRIGGER refuse_states BEFORE UPDATE ON incident_states WHEN ${when}
       BEGIN SELECT RAISE(ABORT, 'state refused for the test'); END`,
    ).execute(database.db);
  } else {
    await sql.raw(
      `CREATE FUNCTION refuse_states() RETURNS trigger AS $$ BEGIN
         IF ${when} THEN RAISE EXCEPTION 'state refused for the test'; END IF;
         RETURN NEW; END $$ LANGUAGE plpgsql`,
    ).execute(database.db);
    await sql.raw(
      `CREATE TRIGGER refuse_states BEFORE UPDATE ON incident_states
       FOR EACH ROW EXECUTE FUNCTION refuse_states()`,
    ).execute(database.db);
  }
}

async function allowStates(database: TestDatabase, dialect: Dialect) {
  if (dialect === "sqlite") {
    await sql.raw("DROP TRIGGER IF EXISTS refuse_states").execute(database.db);
  } else {
    await sql.raw("DROP TRIGGER IF EXISTS refuse_states ON incident_states")
      .execute(database.db);
    await sql.raw("DROP FUNCTION IF EXISTS refuse_states()").execute(
      database.db,
    );
  }
}

describe.each(dialects)("set-aside events on $dialect", ({ dialect, skip }) => {
  describe.skipIf(skip !== null)(skip ?? "available", () => {
    let database: TestDatabase;
    useTestDatabase(dialect, [
      "webhook_inbox",
      "incident_states",
      "cards",
      "outbox",
    ], (opened) => (database = opened));
    afterEach(() => allowStates(database, dialect));

    let clock = Date.parse("2026-08-20T10:00:00.000Z");
    const now = () => new Date(clock);
    const metrics = testMetrics();
    const options = () => ({
      db: database.db,
      dialect,
      logger: silentLogger(),
      now,
      metrics,
    });
    const deliver = async (event: WebhookEvent) => {
      const text = JSON.stringify({ event });
      const parsed = parseWebhookEnvelope(text);
      if (!parsed.ok) throw new Error(parsed.problem);
      await storeWebhookEvent(database.db, {
        ...parsed,
        webhookId: null,
        rawBody: text,
        receivedAt: now(),
      });
      clock += 1;
    };
    const trigger = (incidentId: string) =>
      makeIncidentEvent("incident.triggered", {
        id: `T-${incidentId}`,
        occurred_at: now().toISOString(),
        incident: { id: incidentId },
      });
    const inbox = () =>
      database.db.selectFrom("webhook_inbox")
        .select(["event_id", "status", "attempts", "last_error"])
        .orderBy("event_id").execute();
    const statusOf = async (eventId: string) =>
      (await inbox()).find((row) => row.event_id === eventId)?.status;

    it("an event whose stored body cannot be read is set aside at once; its incident and the others go on", async () => {
      await deliver(trigger("PINC001"));
      await database.db.insertInto("webhook_inbox").values({
        event_id: "E-corrupt",
        webhook_id: null,
        event_type: "incident.annotated",
        incident_id: "PINC001",
        occurred_at: now().toISOString(),
        body: '{"event": {"id": "E-corrupt", ',
        status: "pending",
        received_at: now().toISOString(),
        processed_at: null,
      }).execute();
      await deliver(trigger("PINC002"));
      const before = metrics.webhookEventsSetAside.get({
        type: "incident.annotated",
      });

      expect(await drainInbox(options())).toBe(2);
      expect(await inbox()).toEqual([
        {
          event_id: "E-corrupt",
          status: "failed",
          attempts: 1,
          last_error: expect.stringMatching(/not JSON/),
        },
        expect.objectContaining({ event_id: "T-PINC001", status: "done" }),
        expect.objectContaining({ event_id: "T-PINC002", status: "done" }),
      ]);
      expect(
        metrics.webhookEventsSetAside.get({ type: "incident.annotated" }),
      ).toBe(before + 1);
    });

    it("an incident whose transaction keeps failing is retried with a delay, then set aside; others flow meanwhile", async () => {
      await refuseStates(database, dialect, ["PBAD001"]);
      await deliver(trigger("PBAD001"));
      await deliver(trigger("PGOOD01"));
      const before = metrics.webhookEventsSetAside.get({
        type: "incident.triggered",
      });

      // The batch fails; each incident alone: the good one is applied, the bad one has an attempt counted.
      expect(await processInboxOnce(options())).toMatchObject({
        applied: 1,
      });
      expect(await statusOf("T-PGOOD01")).toBe("done");
      expect((await inbox())[0]).toEqual({
        event_id: "T-PBAD001",
        status: "pending",
        attempts: 1,
        last_error: expect.stringMatching(/state refused for the test/),
      });
      // Not again right away: no hot loop.
      expect(await processInboxOnce(options())).toMatchObject({
        incidents: 0,
      });
      // A new incident goes through while the bad one waits.
      await deliver(trigger("PGOOD02"));
      expect(await drainInbox(options())).toBe(1);
      expect(await statusOf("T-PGOOD02")).toBe("done");

      for (let attempt = 2; attempt <= MAX_INBOX_ATTEMPTS; attempt += 1) {
        clock += 10_000;
        await processInboxOnce(options());
      }
      expect((await inbox())[0]).toMatchObject({
        event_id: "T-PBAD001",
        status: "failed",
        attempts: MAX_INBOX_ATTEMPTS,
      });
      expect(
        metrics.webhookEventsSetAside.get({ type: "incident.triggered" }),
      ).toBe(before + 1);
      clock += 60_000;
      expect(await processInboxOnce(options())).toMatchObject({
        incidents: 0,
      });

      // Kept, so it can be retried once the cause is fixed (what doctor suggests).
      await allowStates(database, dialect);
      await database.db.updateTable("webhook_inbox")
        .set({ status: "pending", attempts: 0, retry_at: null })
        .where("event_id", "=", "T-PBAD001").execute();
      expect(await drainInbox(options())).toBe(1);
      expect(await statusOf("T-PBAD001")).toBe("done");
    });

    it("when every incident fails alike, no event is blamed: the loop retries later", async () => {
      await refuseStates(database, dialect, []);
      await deliver(trigger("PINC001"));
      await deliver(trigger("PINC002"));
      await expect(processInboxOnce(options())).rejects.toThrow(
        /state refused for the test/,
      );
      expect((await inbox()).map((r) => [r.status, r.attempts])).toEqual([
        ["pending", 0],
        ["pending", 0],
      ]);
    });
  });
});
