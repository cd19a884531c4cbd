// /readyz says whether a webhook could be stored now, not only whether the database answers a select; /metrics
// answers whether or not it does.
import { sql } from "kysely";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeIncidentEvent } from "../../shared/incident/fixtures.ts";
import { type Database, openDatabase } from "../db/open-database.ts";
import {
  openTestDatabase,
  TEST_POSTGRES_URL,
  testDialects,
} from "../../test/support/test-databases.ts";
import { collectQueueMetrics } from "../collect-queue-metrics.ts";
import { parkDelivery } from "../outbox/delivery-blocks.ts";
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

const noSlack: SlackClient = {
  call: () => Promise.reject(new Error("no Slack in this test")),
};

const appOn = (database: Database, metrics = testMetrics()) =>
  createBridgeApp({
    db: database.db,
    isReady: database.readiness,
    slack: noSlack,
    metrics,
    logger: silentLogger(),
    webhookSecrets: TEST_SECRETS,
    apiTokens: [TEST_API_TOKEN],
  });

const readyz = async (app: ReturnType<typeof appOn>) => {
  const response = await app.request("/readyz");
  return { code: response.status, ...(await jsonOf(response)) };
};

/** A signed incident.triggered webhook, `padding` characters longer (a body that needs new pages). */
const webhook = (app: ReturnType<typeof appOn>, padding = 0) => {
  const event = makeIncidentEvent("incident.triggered");
  return app.request(
    "/webhooks/pagerduty",
    webhookRequest(
      padding > 0
        ? {
          ...event,
          data: { ...event.data, description: "x".repeat(padding) },
        }
        : event,
    ),
  );
};

describe("readyz on SQLite", () => {
  const dir = mkdtempSync(join(tmpdir(), "pagerslack-readyz-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is 503 while the database takes no writes, and says why", async () => {
    const database = await openTestDatabase("sqlite", {
      file: join(dir, "read-only.db"),
    });
    try {
      const app = appOn(database);
      expect(await readyz(app)).toEqual({ code: 200, status: "ready" });
      // What a read-only file or mount does to the bridge's connection: selects work, writes fail.
      await sql`pragma query_only = on`.execute(database.db);
      expect((await webhook(app)).status).toBe(503);
      expect(await readyz(app)).toEqual({
        code: 503,
        status: "not ready",
        reason: "database refuses writes: attempt to write a readonly database",
      });
      await sql`pragma query_only = off`.execute(database.db);
      expect(await readyz(app)).toMatchObject({
        code: 503,
        reason: "the last webhook could not be stored (SQLITE_READONLY)",
      });
      expect((await webhook(app)).status).toBe(202);
      expect(await readyz(app)).toEqual({ code: 200, status: "ready" });
    } finally {
      await database.close();
    }
  });

  it("is 503 once a webhook could not be stored for lack of space, and ready again once one is", async () => {
    const database = await openTestDatabase("sqlite", {
      file: join(dir, "full.db"),
    });
    try {
      const app = appOn(database);
      // A full disk, as SQLite sees it: the file may not grow by another page.
      const { rows } = await sql<{ page_count: number }>`pragma page_count`
        .execute(database.db);
      await sql.raw(`pragma max_page_count = ${rows[0]?.page_count}`)
        .execute(database.db);
      expect(await readyz(app)).toEqual({ code: 200, status: "ready" });
      expect((await webhook(app, 64 * 1024)).status).toBe(503);
      expect(await readyz(app)).toEqual({
        code: 503,
        status: "not ready",
        reason: "the last webhook could not be stored (SQLITE_FULL)",
      });
      await sql`pragma max_page_count = 1073741823`.execute(database.db);
      expect((await webhook(app, 64 * 1024)).status).toBe(202);
      expect(await readyz(app)).toEqual({ code: 200, status: "ready" });
    } finally {
      await database.close();
    }
  });
});

describe("metrics", () => {
  it("are prom-client's exposition, with the process metrics and what the bridge knows, database up or down", async () => {
    const database = await openTestDatabase("sqlite");
    const metrics = testMetrics();
    collectQueueMetrics(database.db, metrics);
    const app = appOn(database, metrics);
    const scrape = async () => {
      const response = await app.request("/metrics");
      return {
        code: response.status,
        type: response.headers.get("content-type"),
        text: await response.text(),
      };
    };
    expect((await webhook(app)).status).toBe(202);
    const up = await scrape();
    expect(up).toMatchObject({ code: 200, type: metrics.registry.contentType });
    expect(up.text).toMatch(/^pagerslack_database_up 1$/m);
    expect(up.text).toMatch(/^pagerslack_inbox_depth 1$/m);
    // Every workspace's refused token counts, with the jobs it holds back (not the other workspaces').
    const job = (team: string | null, channel: string) => ({
      team_id: team,
      kind: "card" as const,
      dedupe_key: `card:P1:${channel}`,
      incident_id: "P1",
      channel_id: channel,
      payload: "{}",
      status: "pending" as const,
      version: 1,
      attempts: 0,
      available_at: new Date().toISOString(),
      last_error: null,
      enqueued_at: new Date().toISOString(),
      created_at: new Date().toISOString(),
    });
    await database.db.insertInto("outbox").values([
      job(null, "CA1"),
      job("T0SECOND", "CB1"),
      job("T0SECOND", "CB2"),
      job("T0THIRD", "CC1"),
    ]).execute();
    for (const key of ["default", "T0SECOND"]) {
      await parkDelivery(database.db, {
        scope: "workspace",
        key,
        error: "invalid_auth",
        token_fingerprint: "fp",
        retry_at: new Date().toISOString(),
        now: new Date(),
      });
    }
    const parked = await scrape();
    expect(parked.text).toMatch(
      /^pagerslack_slack_delivery_blocked\{scope="workspace"\} 2$/m,
    );
    expect(parked.text).toMatch(
      /^pagerslack_slack_parked_jobs\{scope="workspace"\} 3$/m,
    );

    await database.close();
    const down = await scrape();
    expect(down.code).toBe(200);
    expect(down.text).toMatch(/^pagerslack_database_up 0$/m);
    // The counters the bridge keeps in memory and prom-client's process and event-loop metrics are still there.
    expect(down.text).toContain(
      'pagerslack_webhook_events_total{type="incident.triggered",outcome="stored"} 1',
    );
    expect(down.text).toMatch(/^process_resident_memory_bytes \d+$/m);
    expect(down.text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });
});

const dialects = await testDialects();
const postgres = dialects.find((d) => d.dialect === "postgres");

describe.skipIf(postgres?.skip !== null)("readyz on PostgreSQL", () => {
  it("is 503 on a read-only session (a standby after a failover), and says why", async () => {
    const migrated = await openTestDatabase("postgres");
    // The same schema through a connection that, like a hot standby's, refuses every write.
    const readOnly = openDatabase(
      `${TEST_POSTGRES_URL}?options=${
        encodeURIComponent(
          `-c search_path=${migrated.schema} -c default_transaction_read_only=on`,
        )
      }`,
    );
    try {
      expect(await readyz(appOn(migrated))).toEqual({
        code: 200,
        status: "ready",
      });
      const app = appOn(readOnly);
      expect((await webhook(app)).status).toBe(503);
      expect(await readyz(app)).toEqual({
        code: 503,
        status: "not ready",
        reason: "database session is read-only",
      });
    } finally {
      await readOnly.close();
      await migrated.close();
    }
  });
});
