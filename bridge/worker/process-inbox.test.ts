import { beforeEach, describe, expect, it } from "vitest";
import { makeIncidentEvent } from "../../shared/incident/fixtures.ts";
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";
import type { WebhookEvent } from "../../shared/pagerduty/webhook-event.ts";
import { putConnection } from "../connections/connection-store.ts";
import type { Connection } from "../../shared/bridge-api/bridge-api-schemas.ts";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import { silentLogger } from "../../test/support/bridge-test-support.ts";
import { parseWebhookEnvelope } from "../webhooks/parse-webhook-envelope.ts";
import { storeWebhookEvent } from "../webhooks/store-webhook-event.ts";
import { drainInbox } from "./drain-inbox.ts";
import { processInboxOnce } from "./process-inbox.ts";

const dialects = await testDialects();
const at = (s: number) =>
  new Date(Date.UTC(2026, 7, 20, 10, 0, s)).toISOString();

const connection: Connection = {
  id: "conn",
  channel_id: "C1",
  source_type: "service",
  source_id: "PSVC001",
  notification_type: "responder",
  events: ["incident.acknowledged", "incident.resolved", "incident.annotated"],
  urgency: null,
  priorities: null,
  thread_updates: true,
};

describe.each(dialects)("worker on $dialect", ({ dialect, skip }) => {
  describe.skipIf(skip !== null)(skip ?? "available", () => {
    let database: TestDatabase;
    useTestDatabase(dialect, [
      "webhook_inbox",
      "incident_states",
      "connections",
      "cards",
      "outbox",
    ], (opened) => (database = opened));
    beforeEach(async () => {
      await putConnection(database.db, connection, new Date());
    });

    const deliver = async (event: WebhookEvent, receivedSecond = 0) => {
      const text = JSON.stringify({ event });
      const parsed = parseWebhookEnvelope(text);
      if (!parsed.ok) throw new Error(parsed.problem);
      return await storeWebhookEvent(database.db, {
        ...parsed,
        webhookId: null,
        rawBody: text,
        receivedAt: new Date(at(receivedSecond)),
      });
    };
    const options = () => ({
      db: database.db,
      dialect,
      logger: silentLogger(),
    });
    const state = async () => {
      const row = await database.db.selectFrom("incident_states").select(
        "state",
      ).executeTakeFirstOrThrow();
      return (JSON.parse(row.state) as IncidentState).snapshot;
    };
    const outbox = () =>
      database.db.selectFrom("outbox").select([
        "kind",
        "dedupe_key",
        "channel_id",
        "version",
        "payload",
      ])
        .orderBy("id").execute();

    it("applies an incident's events in occurred_at order, whatever the arrival order", async () => {
      await deliver(
        makeIncidentEvent("incident.resolved", { occurred_at: at(20) }),
        1,
      );
      await deliver(
        makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
        2,
      );
      await deliver(
        makeIncidentEvent("incident.acknowledged", { occurred_at: at(10) }),
        3,
      );
      expect(await drainInbox(options())).toBe(3);
      expect((await state()).status).toBe("resolved");
      const jobs = await outbox();
      // One coalesced card job (version 3: triggered, acknowledged, resolved) and two updates.
      expect(jobs.filter((j) => j.kind === "card")).toMatchObject([{
        dedupe_key: "card:PINC001:C1",
        version: 3,
      }]);
      expect(jobs.filter((j) => j.kind === "update")).toHaveLength(2);
      const pending = await database.db.selectFrom("webhook_inbox").select(
        "event_id",
      )
        .where("status", "=", "pending").execute();
      expect(pending).toEqual([]);
    });

    it("applies the events of one millisecond in lifecycle order, whatever their ids, so the thread tells them as the card does", async () => {
      // Ids sorting against the lifecycle, as PagerDuty's random ones may.
      const instant = { occurred_at: at(5) };
      await deliver(
        makeIncidentEvent("incident.resolved", { ...instant, id: "evt-1" }),
        1,
      );
      await deliver(
        makeIncidentEvent("incident.acknowledged", { ...instant, id: "evt-2" }),
        2,
      );
      await deliver(
        makeIncidentEvent("incident.triggered", { ...instant, id: "evt-3" }),
        3,
      );
      expect(await drainInbox(options())).toBe(3);
      expect(await state()).toMatchObject({
        status: "resolved",
        acknowledged_by: [{ at: at(5) }],
      });
      const told = (await outbox()).filter((j) => j.kind === "update")
        .map((j) => (JSON.parse(j.payload) as { event_id: string }).event_id);
      expect(told).toEqual(["evt-2", "evt-1"]);
    });

    it("a late older event never regresses the snapshot", async () => {
      await deliver(
        makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
      );
      await deliver(
        makeIncidentEvent("incident.resolved", { occurred_at: at(20) }),
      );
      await drainInbox(options());
      await deliver(
        makeIncidentEvent("incident.acknowledged", { occurred_at: at(10) }),
      );
      await drainInbox(options());
      expect((await state()).status).toBe("resolved");
    });

    it("duplicates are applied once (stored once)", async () => {
      const event = makeIncidentEvent("incident.triggered", {
        occurred_at: at(0),
      });
      expect(await deliver(event)).toBe("stored");
      expect(await deliver(event)).toBe("duplicate");
      expect(await drainInbox(options())).toBe(1);
      expect(await processInboxOnce(options())).toEqual({
        incidents: 0,
        applied: 0,
        jobs: 0,
        more: false,
      });
    });

    it("notes become thread updates under an existing card, without editing it", async () => {
      await deliver(
        makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
      );
      await drainInbox(options());
      await deliver(
        makeIncidentEvent("incident.annotated", {
          occurred_at: at(5),
          note: { content: "Rolled back" },
        }),
      );
      await drainInbox(options());
      const jobs = await outbox();
      expect(jobs.map((j) => [j.kind, j.version])).toEqual([["card", 1], [
        "update",
        1,
      ]]);
      expect(JSON.parse(jobs[1]!.payload)).toMatchObject({ thread: true });
    });

    it("a note delivered before the trigger is deferred, then threaded once the incident is known", async () => {
      await deliver(
        makeIncidentEvent("incident.annotated", {
          occurred_at: at(5),
          note: { content: "early" },
        }),
      );
      expect(await drainInbox(options())).toBe(0);
      expect(await outbox()).toEqual([]);
      await deliver(
        makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
      );
      expect(await drainInbox(options())).toBe(2);
      expect((await outbox()).map((j) => j.kind)).toEqual(["card", "update"]);
      const left = await database.db.selectFrom("webhook_inbox").select(
        "status",
      )
        .where("status", "!=", "done").execute();
      expect(left).toEqual([]);
    });

    it("events of other incidents and unknown services route nowhere", async () => {
      await deliver(makeIncidentEvent("incident.triggered", {
        occurred_at: at(0),
        incident: { service: { id: "PSVCXXX", type: "service_reference" } },
      }));
      await drainInbox(options());
      expect(await outbox()).toEqual([]);
    });

    it("takes several incidents per transaction, oldest arrival first, their cards queued in that order", async () => {
      const ids = ["PINC300", "PINC100", "PINC200"];
      for (const [i, id] of ids.entries()) {
        await deliver(
          makeIncidentEvent("incident.triggered", {
            id: `T-${id}`,
            occurred_at: at(10 - i),
            incident: { id, number: 300 + i },
          }),
          i,
        );
      }
      // A second event of the first incident, arrived last: applied with its incident, in occurred_at order.
      await deliver(
        makeIncidentEvent("incident.acknowledged", {
          id: "A-PINC300",
          occurred_at: at(20),
          incident: { id: "PINC300", number: 300 },
        }),
        9,
      );

      // Jobs: two cards, the acknowledged card's edit and its update message.
      expect(await processInboxOnce(options(), 2)).toEqual({
        incidents: 2,
        applied: 3,
        jobs: 4,
        more: true,
      });
      expect(await processInboxOnce(options(), 2)).toEqual({
        incidents: 1,
        applied: 1,
        jobs: 1,
        more: false,
      });
      expect(await processInboxOnce(options(), 2)).toMatchObject({
        incidents: 0,
      });
      expect(
        (await outbox()).filter((j) => j.kind === "card").map((j) =>
          j.dedupe_key
        ),
      ).toEqual(ids.map((id) => `card:${id}:C1`));
      const states = await database.db.selectFrom("incident_states")
        .select(["incident_id", "status"]).orderBy("incident_id").execute();
      expect(states).toEqual([
        { incident_id: "PINC100", status: "triggered" },
        { incident_id: "PINC200", status: "triggered" },
        { incident_id: "PINC300", status: "acknowledged" },
      ]);
    });

    it("two workers racing apply every event exactly once", async () => {
      for (let i = 0; i < 6; i++) {
        await deliver(makeIncidentEvent("incident.triggered", {
          id: `T${i}`,
          occurred_at: at(i),
          incident: { id: `PINC10${i}`, number: 100 + i },
        }));
        await deliver(makeIncidentEvent("incident.acknowledged", {
          id: `A${i}`,
          occurred_at: at(i + 10),
          incident: { id: `PINC10${i}`, number: 100 + i },
        }));
      }
      const [a, b] = await Promise.all([
        drainInbox(options()),
        drainInbox(options()),
      ]);
      expect(a + b).toBe(12);
      const cards = await database.db.selectFrom("cards").select([
        "incident_id",
        "version",
      ]).execute();
      expect(cards).toHaveLength(6);
      expect(cards.every((c) => c.version === 2)).toBe(true);
      const updates = (await outbox()).filter((j) => j.kind === "update");
      expect(updates).toHaveLength(6);
    });
  });
});
