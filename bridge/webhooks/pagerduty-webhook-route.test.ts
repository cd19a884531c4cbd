import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeIncidentEvent } from "../../shared/incident/fixtures.ts";
import { type Database, openDatabase } from "../db/open-database.ts";
import { createBridgeApp } from "../server.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import {
  jsonOf,
  silentLogger,
  TEST_API_TOKEN,
  TEST_SECRETS,
  testMetrics,
  webhookRequest,
} from "../../test/support/bridge-test-support.ts";
import { signBody } from "./verify-signature.ts";

const noSlack: SlackClient = {
  call: () => Promise.reject(new Error("no Slack in this test")),
};

let database: Database;
let app: ReturnType<typeof createBridgeApp>;
let metrics: ReturnType<typeof testMetrics>;

beforeEach(async () => {
  database = openDatabase(":memory:");
  await database.migrate();
  metrics = testMetrics();
  app = createBridgeApp({
    db: database.db,
    isReady: database.isReady,
    slack: noSlack,
    metrics,
    logger: silentLogger(),
    webhookSecrets: TEST_SECRETS,
    apiTokens: [TEST_API_TOKEN],
  });
});
afterEach(() => database.close());

const inbox = () =>
  database.db.selectFrom("webhook_inbox").selectAll().orderBy("event_id")
    .execute();

const post = (init: RequestInit) => app.request("/webhooks/pagerduty", init);

describe("POST /webhooks/pagerduty", () => {
  it("stores a signed event durably and answers 202", async () => {
    const event = makeIncidentEvent("incident.triggered");
    const response = await post(webhookRequest(event));
    expect(response.status).toBe(202);
    const rows = await inbox();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event_id: event.id,
      event_type: "incident.triggered",
      incident_id: event.data.id,
      status: "pending",
      webhook_id: `wh-${event.id}`,
    });
    expect(JSON.parse(rows[0]!.body)).toEqual({ event });
    expect(
      metrics.webhookEvents.get({
        type: "incident.triggered",
        outcome: "stored",
      }),
    ).toBe(1);
  });

  it("accepts either secret during rotation, and a header with both signatures", async () => {
    const first = makeIncidentEvent("incident.triggered", { id: "E-old" });
    const second = makeIncidentEvent("incident.acknowledged", { id: "E-new" });
    const both = makeIncidentEvent("incident.resolved", { id: "E-both" });
    expect(
      (await post(webhookRequest(first, { secrets: ["whsec-current"] })))
        .status,
    ).toBe(202);
    expect(
      (await post(webhookRequest(second, { secrets: ["whsec-next"] }))).status,
    ).toBe(202);
    expect(
      (await post(webhookRequest(both, { secrets: ["retired", "whsec-next"] })))
        .status,
    ).toBe(202);
    expect(await inbox()).toHaveLength(3);
  });

  it("answers 202 to duplicates by event id and by X-Webhook-Id, storing once", async () => {
    const event = makeIncidentEvent("incident.triggered");
    expect((await post(webhookRequest(event))).status).toBe(202);
    expect((await post(webhookRequest(event, { webhookId: "other" }))).status)
      .toBe(202);
    const sameDelivery = makeIncidentEvent("incident.triggered", {
      id: "E-retry",
    });
    expect(
      (await post(
        webhookRequest(sameDelivery, { webhookId: `wh-${event.id}` }),
      )).status,
    ).toBe(202);
    expect(await inbox()).toHaveLength(1);
    expect(
      metrics.webhookEvents.get({
        type: "incident.triggered",
        outcome: "duplicate",
      }),
    ).toBe(2);
  });

  it("stores pagey.ping and unknown types as ignored", async () => {
    const ping = {
      id: "E-ping",
      event_type: "pagey.ping",
      resource_type: "pagey",
      occurred_at: "2026-08-20T10:00:00.000Z",
      agent: null,
      client: null,
      data: { type: "ping", message: "Hello from your friend Pagey!" },
    };
    const future = {
      ...makeIncidentEvent("incident.triggered", { id: "E-future" }),
      event_type: "incident.something_new",
    };
    expect((await post(webhookRequest(ping))).status).toBe(202);
    expect((await post(webhookRequest(future))).status).toBe(202);
    const rows = await inbox();
    expect(rows.map((r) => [r.event_id, r.status])).toEqual([
      ["E-future", "ignored"],
      ["E-ping", "ignored"],
    ]);
  });

  it("401 without a signature or with a wrong one; nothing stored", async () => {
    const event = makeIncidentEvent("incident.triggered");
    const unsigned = webhookRequest(event);
    delete (unsigned.headers as Record<string, string>)[
      "X-PagerDuty-Signature"
    ];
    expect((await post(unsigned)).status).toBe(401);
    expect((await post(webhookRequest(event, { secrets: ["wrong"] }))).status)
      .toBe(401);
    expect(await inbox()).toHaveLength(0);
  });

  it("415 when not JSON", async () => {
    const init = webhookRequest(makeIncidentEvent("incident.triggered"));
    (init.headers as Record<string, string>)["Content-Type"] = "text/plain";
    expect((await post(init)).status).toBe(415);
  });

  it("413 over 256 KB", async () => {
    const event = makeIncidentEvent("incident.triggered", {
      incident: { title: "x".repeat(256 * 1024) },
    });
    const response = await post(webhookRequest(event));
    expect(response.status).toBe(413);
    expect(await inbox()).toHaveLength(0);
  });

  it("413 over 256 KB also when Content-Length understates the body", async () => {
    const event = makeIncidentEvent("incident.triggered", {
      incident: { title: "x".repeat(256 * 1024) },
    });
    const init = webhookRequest(event);
    (init.headers as Record<string, string>)["Content-Length"] = "100";
    expect((await post(init)).status).toBe(413);
    expect(await inbox()).toHaveLength(0);
  });

  it("stores a body read with its Content-Length", async () => {
    const event = makeIncidentEvent("incident.triggered");
    const init = webhookRequest(event);
    (init.headers as Record<string, string>)["Content-Length"] = String(
      Buffer.byteLength(init.body as string),
    );
    expect((await post(init)).status).toBe(202);
    expect(JSON.parse((await inbox())[0]!.body)).toEqual({ event });
  });

  it("answers 503 when the event cannot be stored, so PagerDuty retries", async () => {
    await database.db.schema.dropTable("webhook_inbox").execute();
    const response = await post(
      webhookRequest(makeIncidentEvent("incident.triggered")),
    );
    expect(response.status).toBe(503);
    expect((await jsonOf(response)).error).toMatch(/retry/);
    expect(
      metrics.webhookEvents.get({
        type: "incident.triggered",
        outcome: "store_failed",
      }),
    ).toBe(1);
  });

  it("answers 503 before setup has made a signing secret, so PagerDuty retries instead of dropping", async () => {
    const unconfigured = createBridgeApp({
      db: database.db,
      isReady: database.isReady,
      slack: noSlack,
      metrics,
      logger: silentLogger(),
      webhookSecrets: [],
      apiTokens: [TEST_API_TOKEN],
    });
    const response = await unconfigured.request(
      "/webhooks/pagerduty",
      webhookRequest(makeIncidentEvent("incident.triggered")),
    );
    expect(response.status).toBe(503);
    expect((await jsonOf(response)).error).toMatch(
      /no webhook signing secret yet \(PAGERDUTY_WEBHOOK_SECRETS\)/,
    );
    expect(await inbox()).toHaveLength(0);
    expect(
      metrics.webhookEvents.get({ type: "unknown", outcome: "rejected_503" }),
    ).toBe(1);
  });

  it.each([
    ["not json", "{", /not valid JSON/],
    ["not an object", "[1]", /JSON object/],
    ["no event", "{}", /event is missing/],
    ["event not an object", '{"event":[1]}', /event is missing/],
    // Anything else signed with an event object is stored: see pagerduty-webhook-route.shapes.test.ts.
  ])(
    "400 for a malformed body (%s), saying what is wrong",
    async (_name, body, message) => {
      const response = await post({
        method: "POST",
        body,
        headers: {
          "Content-Type": "application/json",
          "X-PagerDuty-Signature": signBody(body, TEST_SECRETS),
        },
      });
      expect(response.status).toBe(400);
      expect((await jsonOf(response)).error).toMatch(message);
      expect(await inbox()).toHaveLength(0);
    },
  );
});

describe("ops endpoints", () => {
  it("healthz, readyz and metrics", async () => {
    expect((await app.request("/healthz")).status).toBe(200);
    expect((await app.request("/readyz")).status).toBe(200);
    await post(webhookRequest(makeIncidentEvent("incident.triggered")));
    const metricsText = await (await app.request("/metrics")).text();
    expect(metricsText).toContain(
      'pagerslack_webhook_events_total{type="incident.triggered",outcome="stored"} 1',
    );
  });

  it("readyz is 503 when the database is gone", async () => {
    await database.close();
    expect((await app.request("/readyz")).status).toBe(503);
    database = openDatabase(":memory:");
  });
});
