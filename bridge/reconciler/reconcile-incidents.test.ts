import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import { seedDemoAccount } from "../../test/simulators/pagerduty/seed-demo-account.ts";
import { type Database, openDatabase } from "../db/open-database.ts";
import { createPagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { silentLogger } from "../../test/support/bridge-test-support.ts";
import { drainInbox } from "../worker/drain-inbox.ts";
import { makeIncidentEvent } from "../../shared/incident/fixtures.ts";
import { parseWebhookEnvelope } from "../webhooks/parse-webhook-envelope.ts";
import { storeWebhookEvent } from "../webhooks/store-webhook-event.ts";
import { reconcileIncidents } from "./reconcile-incidents.ts";

describe("reconcileIncidents", () => {
  let pd: PagerDutySimulator;
  let demo: ReturnType<typeof seedDemoAccount>;
  let database: Database;
  // The bridge's clock runs ahead of PagerDuty's by `aheadMs`, which tests move to end the quiet period.
  let aheadMs = 0;
  const now = () => new Date(Date.now() + aheadMs);

  beforeEach(async () => {
    aheadMs = 0;
    pd = await startPagerDutySimulator();
    demo = seedDemoAccount(pd);
    database = openDatabase(":memory:");
    await database.migrate();
  });
  afterEach(async () => {
    await pd.close();
    await database.close();
  });

  async function pass(options: { pagerDutyToken?: string } = {}) {
    const result = await reconcileIncidents({
      db: database.db,
      pagerDuty: createPagerDutyClient({
        apiUrl: pd.url,
        token: options.pagerDutyToken ?? demo.apiKey,
      }),
      logger: silentLogger(),
      now,
      quietMs: 60_000,
    });
    await drainInbox({
      db: database.db,
      dialect: database.dialect,
      logger: silentLogger(),
      now,
    });
    return result;
  }
  async function snapshot(id: string) {
    const row = await database.db.selectFrom("incident_states").selectAll()
      .where("incident_id", "=", id).executeTakeFirst();
    return row
      ? (JSON.parse(row.state) as IncidentState | null)?.snapshot ?? null
      : null;
  }

  it("leaves recent incidents to their webhooks, then adopts an open incident whose trigger was missed", async () => {
    const incident = pd.triggerIncident({
      serviceId: demo.services.checkout,
      title: "Checkout 500s",
    });
    expect((await pass()).repaired).toEqual([]);
    expect(await snapshot(incident.id)).toBeNull();

    aheadMs = 120_000;
    expect((await pass()).repaired).toEqual([incident.id]);
    const adopted = await snapshot(incident.id);
    expect(adopted).toMatchObject({
      status: "triggered",
      title: "Checkout 500s",
      number: incident.number,
      service: { id: demo.services.checkout },
    });
    // Routing treats it as a new incident: a card job exists wherever it is connected (none here), and the
    // inbox holds the synthetic trigger as processed.
    const inbox = await database.db.selectFrom("webhook_inbox").selectAll()
      .execute();
    expect(inbox.map((r) => [r.event_type, r.status])).toEqual([[
      "incident.triggered",
      "done",
    ]]);
  });

  it("repairs a missed acknowledge and a missed resolve, naming who did it, and nothing when in sync", async () => {
    const incident = pd.triggerIncident({
      serviceId: demo.services.checkout,
      title: "Queue backlog",
    });
    aheadMs = 120_000;
    await pass();

    pd.updateIncident(
      incident.id,
      { status: "acknowledged" },
      demo.users.responder.id,
    );
    aheadMs = 240_000;
    expect((await pass()).repaired).toEqual([incident.id]);
    expect(await snapshot(incident.id)).toMatchObject({
      status: "acknowledged",
      acknowledged_by: [{ agent: { id: demo.users.responder.id } }],
    });

    expect((await pass()).repaired).toEqual([]);

    pd.updateIncident(
      incident.id,
      { status: "resolved" },
      demo.users.manager.id,
    );
    aheadMs = 360_000;
    expect((await pass()).repaired).toEqual([incident.id]);
    expect(await snapshot(incident.id)).toMatchObject({
      status: "resolved",
      resolved_by: { agent: { id: demo.users.manager.id } },
    });
    expect((await pass()).repaired).toEqual([]);
  });

  it("adopts an incident the bridge knows only from a note that came before its trigger", async () => {
    const incident = pd.triggerIncident({
      serviceId: demo.services.checkout,
      title: "Disk full",
    });
    const note = makeIncidentEvent("incident.annotated", {
      id: "early-note",
      occurred_at: new Date().toISOString(),
      incident: { id: incident.id },
      note: { content: "Looking at it" },
    });
    const text = JSON.stringify({ event: note });
    const parsed = parseWebhookEnvelope(text);
    if (!parsed.ok) throw new Error(parsed.problem);
    await storeWebhookEvent(database.db, {
      ...parsed,
      webhookId: null,
      rawBody: text,
      receivedAt: now(),
    });
    await drainInbox({
      db: database.db,
      dialect: database.dialect,
      logger: silentLogger(),
      now,
    });
    expect(await snapshot(incident.id)).toBeNull();

    aheadMs = 120_000;
    expect((await pass()).repaired).toEqual([incident.id]);
    expect(await snapshot(incident.id)).toMatchObject({
      status: "triggered",
      title: "Disk full",
    });
    const inbox = await database.db.selectFrom("webhook_inbox")
      .select(["event_id", "status"]).where("event_id", "=", "early-note")
      .execute();
    expect(inbox).toEqual([{ event_id: "early-note", status: "done" }]);
  });

  it("repairs an incident resolved here whose reopening was missed", async () => {
    const incident = pd.triggerIncident({
      serviceId: demo.services.checkout,
      title: "Flapping check",
    });
    aheadMs = 120_000;
    await pass();
    pd.updateIncident(
      incident.id,
      { status: "resolved" },
      demo.users.manager.id,
    );
    aheadMs = 240_000;
    await pass();
    expect(await snapshot(incident.id)).toMatchObject({ status: "resolved" });

    pd.updateIncident(incident.id, { status: "triggered" }, null);
    aheadMs = 360_000;
    expect((await pass()).repaired).toEqual([incident.id]);
    expect(await snapshot(incident.id)).toMatchObject({ status: "triggered" });
  });

  it("leaves the last calls of PagerDuty's rate-limit window to cards, and sends nothing then", async () => {
    const limited = await startPagerDutySimulator({ rateLimit: { limit: 4 } });
    try {
      const account = seedDemoAccount(limited);
      const incident = limited.triggerIncident({
        serviceId: account.services.checkout,
        title: "Missed while down",
      });
      // The client the bridge shares between enrichment and the reconciler; cards used two calls already.
      const pagerDuty = createPagerDutyClient({
        apiUrl: limited.url,
        token: account.apiKey,
      });
      await pagerDuty.get("/abilities");
      await pagerDuty.get("/abilities");
      aheadMs = 120_000;
      const reconcile = () =>
        reconcileIncidents({
          db: database.db,
          pagerDuty,
          logger: silentLogger(),
          now,
          reserve: 2,
        });
      expect((await reconcile()).repaired).toEqual([]);
      expect(limited.requests()).toHaveLength(2);
      // With a smaller reserve the same pass goes ahead.
      expect(
        (await reconcileIncidents({
          db: database.db,
          pagerDuty,
          logger: silentLogger(),
          now,
          reserve: 1,
        })).repaired,
      ).toEqual([incident.id]);
    } finally {
      await limited.close();
    }
  });

  it("a PagerDuty failure makes a pass repair nothing, without throwing", async () => {
    pd.triggerIncident({ serviceId: demo.services.checkout, title: "x" });
    aheadMs = 120_000;
    const result = await pass({ pagerDutyToken: "not-a-key" });
    expect(result.repaired).toEqual([]);
  });
});
