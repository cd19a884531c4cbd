// Every well-signed event is accepted (202, stored), whatever its type and the shape of its data, and the worker
// then applies what it understands and counts the rest as ignored, without throwing or stalling: PagerDuty drops
// a webhook answered with a 4xx, and three drops disable the subscription for a day.
import { describe, expect, it } from "vitest";
import { makeIncidentEvent } from "../../shared/incident/fixtures.ts";
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";
import { isIncidentEventType } from "../../shared/pagerduty/event-types.ts";
import { renderCard } from "../../shared/cards/render-card.ts";
import { putConnection } from "../connections/connection-store.ts";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import { createBridgeApp } from "../server.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import {
  silentLogger,
  TEST_API_TOKEN,
  TEST_SECRETS,
  testMetrics,
} from "../../test/support/bridge-test-support.ts";
import { drainInbox } from "../worker/drain-inbox.ts";
import { processInboxOnce } from "../worker/process-inbox.ts";
import { PAGERDUTY_V3_EXAMPLES } from "../../test/fixtures/pagerduty-v3-examples.ts";
import { signBody } from "./verify-signature.ts";

const dialects = await testDialects();

const noSlack: SlackClient = {
  call: () => Promise.reject(new Error("no Slack in this test")),
};

/** A nested array `depth` deep, as JSON text (JSON.stringify of it overflows the stack). */
const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe.each(dialects)("any signed event on $dialect", ({ dialect, skip }) => {
  describe.skipIf(skip !== null)(skip ?? "available", () => {
    let database: TestDatabase;
    useTestDatabase(dialect, [
      "webhook_inbox",
      "incident_states",
      "connections",
      "cards",
      "outbox",
    ], (opened) => (database = opened));

    const harness = () => {
      const metrics = testMetrics();
      const app = createBridgeApp({
        db: database.db,
        isReady: database.isReady,
        slack: noSlack,
        metrics,
        logger: silentLogger(),
        webhookSecrets: TEST_SECRETS,
        apiTokens: [TEST_API_TOKEN],
      });
      /** Posts `body` (an object, or JSON text) signed, as PagerDuty does. */
      const post = (body: unknown, webhookId?: string) => {
        const text = typeof body === "string" ? body : JSON.stringify(body);
        return app.request("/webhooks/pagerduty", {
          method: "POST",
          body: text,
          headers: {
            "Content-Type": "application/json",
            "X-PagerDuty-Signature": signBody(text, [TEST_SECRETS[0]!]),
            ...(webhookId ? { "X-Webhook-Id": webhookId } : {}),
          },
        });
      };
      const drain = () =>
        drainInbox({
          db: database.db,
          dialect,
          logger: silentLogger(),
          metrics,
        });
      return { metrics, post, drain };
    };
    const inbox = () =>
      database.db.selectFrom("webhook_inbox")
        .select(["event_id", "event_type", "incident_id", "status"])
        .orderBy("received_at").orderBy("event_id").execute();
    const ignoredCount = (
      metrics: ReturnType<typeof testMetrics>,
      type: string,
      reason: string,
    ) => metrics.webhookEventsIgnored.get({ type, reason }) ?? 0;

    it("accepts every payload example PagerDuty publishes, and the worker finishes all of them", async () => {
      const { metrics, post, drain } = harness();
      for (const example of PAGERDUTY_V3_EXAMPLES) {
        const response = await post(example.body);
        expect(response.status, example.name).toBe(202);
      }
      // The two samples share the id "$ID": the second is a duplicate, as a redelivery would be.
      const ids = new Set(
        PAGERDUTY_V3_EXAMPLES.map((e) => e.body.event.id as string),
      );
      expect(await inbox()).toHaveLength(ids.size);

      await drain();
      expect(
        await processInboxOnce({
          db: database.db,
          dialect,
          logger: silentLogger(),
        }),
      ).toMatchObject({ incidents: 0 });
      const rows = await inbox();
      // Each was applied or ignored, except the examples about incidents whose data never came (PBAZLIU,
      // and the task example's Q0SDD3HB6SGFTI): they wait for it like any update that arrives before its incident.
      const expected = (row: (typeof rows)[number]) =>
        !isIncidentEventType(row.event_type) || row.event_id === "$ID"
          ? "ignored"
          : row.incident_id === "PBAZLIU" ||
              row.incident_id === "Q0SDD3HB6SGFTI"
          ? "deferred"
          : "done";
      expect(rows.map((r) => [r.event_id, r.status]))
        .toEqual(rows.map((r) => [r.event_id, expected(r)]));
      expect(
        rows.filter((r) => r.status === "deferred").map((r) => r.event_type)
          .sort(),
      ).toEqual([
        "incident.custom_field_values.updated",
        "incident.role.assigned",
        "incident.task.completed",
        "incident.task.created",
        "incident.task.updated",
        "incident.workflow.completed",
        "incident.workflow.started",
      ]);
      expect(ignoredCount(metrics, "pagey.ping", "unsupported_event_type"))
        .toBe(1);
      for (
        const type of [
          "service.created",
          "service.updated",
          "service.deleted",
          "incident.action_invocation.created",
          "service.custom_field_values.updated",
        ]
      ) {
        expect(ignoredCount(metrics, type, "unsupported_event_type"), type)
          .toBe(1);
      }
      // The role assignment is about the incident of its first assignment.
      expect(rows.find((r) => r.event_id === "e-role-assigned"))
        .toMatchObject({ incident_id: "PBAZLIU" });
      const state = await database.db.selectFrom("incident_states")
        .select("state").where("incident_id", "=", "PGR0VU2")
        .executeTakeFirstOrThrow();
      expect((JSON.parse(state.state) as IncidentState).snapshot)
        .toMatchObject({
          number: 2,
          title: "A little bump in the road",
          service: { id: "PF9KMXH" },
          // The incident_conference_bridge example (it outranks the incident data of its instant).
          conference_bridge: {
            url: "https://example.com",
            numbers: [{ label: "", number: "+1-555-555-5555" }],
          },
        });
    });

    it("stores the sample whose occurred_at is no time as ignored, at its receipt time", async () => {
      const { metrics, post } = harness();
      const sample = PAGERDUTY_V3_EXAMPLES.find((e) =>
        e.body.event.event_type === "incident.triggered" &&
        e.body.event.occurred_at === "DATE"
      )!;
      expect((await post(sample.body)).status).toBe(202);
      const row = await database.db.selectFrom("webhook_inbox").selectAll()
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        event_id: "$ID",
        incident_id: "1234",
        status: "ignored",
      });
      expect(row.occurred_at).toBe(row.received_at);
      expect(
        ignoredCount(metrics, "incident.triggered", "invalid_occurred_at"),
      ).toBe(1);
    });

    const triggered = makeIncidentEvent("incident.triggered", {
      id: "E-trigger",
    });
    it.each([
      ["an unknown event type", {
        ...triggered,
        id: "E-new",
        event_type: "incident.something_new",
      }],
      ["data an array", { ...triggered, data: [1, 2, 3] }],
      ["data a string", { ...triggered, data: "PINC001" }],
      ["data null", { ...triggered, data: null }],
      ["no data", { ...triggered, data: undefined }],
      ["data.incident a string", {
        ...makeIncidentEvent("incident.annotated"),
        data: { type: "incident_note", incident: "PINC001", content: "hi" },
      }],
      ["a note without its incident", {
        ...makeIncidentEvent("incident.annotated"),
        data: { type: "incident_note" },
      }],
      ["a number for event_type", { ...triggered, event_type: 42 }],
      ["no id, no type, no time", { data: triggered.data }],
      ["occurred_at a number", { ...triggered, occurred_at: 1_700_000_000 }],
      ["incident data with an object for its id", {
        ...triggered,
        data: { ...triggered.data, id: { id: "PINC001" } },
      }],
      ["an empty event", {}],
    ])(
      "202 and stored for %s; the worker ignores it and counts it",
      async (_name, event) => {
        const { metrics, post, drain } = harness();
        const response = await post({ event });
        expect(response.status).toBe(202);
        const rows = await inbox();
        expect(rows).toHaveLength(1);
        await expect(drain()).resolves.toBe(0);
        const [row] = await inbox();
        expect(row!.status).toBe("ignored");
        // Counted by its type and why, in /metrics.
        expect(await metrics.registry.render()).toMatch(
          /^pagerslack_webhook_events_ignored_total\{type="[^"]+",reason="[a-z_]+"\} 1$/m,
        );
      },
    );

    it("an event with a number for its id is stored under it and applied", async () => {
      const { post, drain } = harness();
      expect((await post({ event: { ...triggered, id: 12345 } })).status)
        .toBe(202);
      expect(await drain()).toBe(1);
      expect(await inbox()).toMatchObject([{
        event_id: "12345",
        status: "done",
      }]);
    });

    it("an event without an id is stored once: its redelivery is a duplicate", async () => {
      const { metrics, post } = harness();
      const body = { event: { ...triggered, id: undefined } };
      expect((await post(body, "wh-1")).status).toBe(202);
      expect((await post(body, "wh-1")).status).toBe(202);
      expect((await post(body)).status).toBe(202);
      const rows = await inbox();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.event_id).toMatch(/^body-sha256:[0-9a-f]{64}$/);
      expect(
        metrics.webhookEvents.get({
          type: "incident.triggered",
          outcome: "duplicate",
        }),
      ).toBe(2);
    });

    it("still 400 for a body that is not a JSON object with an event object", async () => {
      const { post } = harness();
      for (
        const body of [
          "{",
          "[1]",
          "null",
          '"event"',
          "{}",
          '{"event":[]}',
          '{"event":"incident.triggered"}',
          '{"event":null}',
        ]
      ) {
        expect((await post(body)).status, body).toBe(400);
      }
      expect(await inbox()).toEqual([]);
    });

    it.each([
      ["service null", { service: null }],
      ["a title 10,000 arrays deep", { title: "DEEP" }],
      ["assignees a string", { assignees: "PALICE1" }],
      ["number a string", { number: "42" }],
      ["priority a number", { priority: 1 }],
      ["escalation_policy a string", { escalation_policy: "PPOL001" }],
      ["teams with junk entries", { teams: [null, "PTEAM01", 3, {}] }],
      ["urgency and status unknown", { urgency: "urgent", status: "on fire" }],
      ["no html_url, created_at a number", { html_url: 7, created_at: 0 }],
    ])(
      "an incident with %s is applied, and the next incident still reaches its channel",
      async (_name, fields) => {
        const { post, drain } = harness();
        await putConnection(database.db, {
          id: "conn",
          channel_id: "C1",
          source_type: "service",
          source_id: "PSVC001",
          notification_type: "responder",
          events: ["incident.acknowledged"],
          urgency: null,
          priorities: null,
          thread_updates: true,
        }, new Date());
        const bad = makeIncidentEvent("incident.triggered", {
          id: "E-bad",
          incident: { id: "PBAD001" },
        });
        const text = JSON.stringify({
          event: { ...bad, data: { ...bad.data, ...fields } },
        }).replace('"DEEP"', deepArray(10_000));
        expect((await post(text)).status).toBe(202);
        const good = makeIncidentEvent("incident.triggered", {
          id: "E-good",
          incident: { id: "PGOOD01", number: 7 },
        });
        expect((await post({ event: good })).status).toBe(202);

        await drain();
        expect(
          (await inbox()).map((r) => [r.event_id, r.status]),
        ).toEqual([["E-bad", "done"], ["E-good", "done"]]);
        const cards = await database.db.selectFrom("outbox")
          .select("dedupe_key").where("kind", "=", "card").execute();
        expect(cards.map((c) => c.dedupe_key)).toContain("card:PGOOD01:C1");
        // The stored snapshot renders, whatever the webhook carried.
        const state = await database.db.selectFrom("incident_states")
          .select("state").where("incident_id", "=", "PBAD001")
          .executeTakeFirstOrThrow();
        const snapshot = (JSON.parse(state.state) as IncidentState).snapshot;
        const card = renderCard(snapshot, {
          kind: "responder",
          actionsTriggerUrl: "https://slack.com/shortcuts/Ft0/abc",
        });
        expect(card.text).toContain("#");
      },
    );
  });
});
