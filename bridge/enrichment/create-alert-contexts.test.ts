import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENTS_V2_EXAMPLE_EVENT } from "../../test/fixtures/pagerduty-alert-examples.ts";
import {
  type DemoAccount,
  seedDemoAccount,
} from "../../test/simulators/pagerduty/seed-demo-account.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import {
  capturingLogger,
  silentLogger,
} from "../../test/support/bridge-test-support.ts";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import { waitFor } from "../../test/e2e/wait-for.ts";
import { createPagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import {
  type AlertContextsOptions,
  createAlertContexts,
} from "./create-alert-contexts.ts";

const dialects = await testDialects();

let pd: PagerDutySimulator;
let demo: DemoAccount;
beforeAll(async () => {
  pd = await startPagerDutySimulator();
  demo = seedDemoAccount(pd);
});
afterAll(() => pd?.close());

let counter = 0;
/** An incident opened by a monitoring tool through the Events API v2, with the documented example's context. */
async function alertedIncident(): Promise<string> {
  const dedup = `ctx-${++counter}-${Math.random()}`;
  const sent = await fetch(`${pd.url}/v2/enqueue`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...EVENTS_V2_EXAMPLE_EVENT,
      routing_key: demo.routingKeys.checkout,
      dedup_key: dedup,
    }),
  });
  expect(sent.status).toBe(202);
  const incident = pd.incidents().find((i) => i.incidentKey === dedup);
  if (!incident) throw new Error("no incident");
  return incident.id;
}

const alertCalls = (incidentId: string) =>
  pd.requests().filter((r) => r.path === `/incidents/${incidentId}/alerts`);

describe.each(dialects)(
  "createAlertContexts on $dialect",
  ({ dialect, skip }) => {
    describe.skipIf(skip !== null)(skip ?? "available", () => {
      let database: TestDatabase;
      useTestDatabase(
        dialect,
        ["alert_contexts"],
        (opened) => (database = opened),
      );

      const arrived: string[] = [];
      function contexts(options: Partial<AlertContextsOptions> = {}) {
        return createAlertContexts({
          db: database.db,
          pagerDuty: createPagerDutyClient({
            apiUrl: pd.url,
            token: demo.readOnlyApiKey,
          }),
          logger: silentLogger(),
          onArrived: (id) => {
            arrived.push(id);
          },
          waitMs: 5000,
          retry: { baseMs: 1, maxMs: 5 },
          random: () => 1,
          ...options,
        });
      }

      it("fetches the first alert once per incident, with a read-only key; a restart or a replica reads it from the database", async () => {
        const incident = await alertedIncident();
        const first = contexts();
        const [a, b] = await Promise.all([
          first.forCard(incident),
          first.forCard(incident),
        ]);
        expect(a).toMatchObject({
          severity: "critical",
          source: "prod-datapipe03.example.com",
          component: "mysql",
          detail_count: 3,
        });
        expect(b).toEqual(a);
        expect(alertCalls(incident)).toHaveLength(1);
        expect(alertCalls(incident)[0]?.query).toMatchObject({
          sort_by: ["created_at:asc"],
          limit: ["1"],
        });
        // Another process on the same database.
        expect(await contexts().forCard(incident)).toEqual(a);
        expect(alertCalls(incident)).toHaveLength(1);
        // It came in time: no card needs an edit.
        expect(arrived).not.toContain(incident);
      });

      it("two replicas at once: one fetches; the other's card goes out without it and is edited when it arrives", async () => {
        const incident = await alertedIncident();
        const fetching = contexts();
        const other = contexts({ waitMs: 0 });
        const results = await Promise.all([
          fetching.forCard(incident),
          other.forCard(incident),
        ]);
        // Whichever claimed first fetched; a card that went out without the context gets its edit, once.
        if (results.includes(null)) {
          await waitFor(() => arrived.includes(incident));
        }
        expect(arrived.filter((id) => id === incident).length)
          .toBeLessThanOrEqual(1);
        expect(alertCalls(incident)).toHaveLength(1);
        for (const replica of [fetching, other]) {
          expect((await replica.forCard(incident))?.component).toBe("mysql");
        }
        expect(alertCalls(incident)).toHaveLength(1);
      });

      it("a card that does not wait goes out without the context, and the cards are edited when it arrives", async () => {
        const incident = await alertedIncident();
        const sender = contexts({ waitMs: 0 });
        expect(await sender.forCard(incident)).toBeNull();
        await waitFor(() => arrived.includes(incident));
        expect((await sender.forCard(incident))?.source).toBe(
          "prod-datapipe03.example.com",
        );
        expect(alertCalls(incident)).toHaveLength(1);
      });

      it("an incident without alerts has no context and is not fetched again", async () => {
        const { incident } = await (await fetch(`${pd.url}/incidents`, {
          method: "POST",
          headers: {
            authorization: `Token token=${demo.apiKey}`,
            accept: "application/vnd.pagerduty+json;version=2",
            "content-type": "application/json",
            from: demo.users.manager.email,
          },
          body: JSON.stringify({
            incident: {
              type: "incident",
              title: "By hand",
              service: { id: demo.services.api, type: "service_reference" },
            },
          }),
        })).json() as { incident: { id: string } };
        const c = contexts();
        expect(await c.forCard(incident.id)).toBeNull();
        expect(await c.forCard(incident.id)).toBeNull();
        expect(alertCalls(incident.id)).toHaveLength(1);
      });

      it.each([403, 404])(
        "%i degrades to no context with one log line for all incidents, never retried",
        async (status) => {
          const log = capturingLogger();
          const c = contexts({ logger: log.logger });
          const incidents = [await alertedIncident(), await alertedIncident()];
          pd.faults.failNext(2, {
            status,
            match: { path: /\/alerts$/ },
          });
          for (const incident of incidents) {
            expect(await c.forCard(incident)).toBeNull();
            expect(await c.forCard(incident)).toBeNull();
            expect(alertCalls(incident)).toHaveLength(1);
          }
          const warnings = log.atLeast(40).filter((l) =>
            l.msg.includes("refused the incident's alerts")
          );
          expect(warnings).toHaveLength(1);
          expect(warnings[0]?.msg).toContain(`(${status})`);
          expect(JSON.stringify(log.lines)).not.toContain(demo.readOnlyApiKey);
        },
      );

      it("retries a transient failure with backoff, and the cards are edited when it succeeds", async () => {
        const incident = await alertedIncident();
        pd.faults.failNext(1, { status: 503, match: { path: /\/alerts$/ } });
        const log = capturingLogger();
        const c = contexts({ logger: log.logger });
        expect(await c.forCard(incident)).toBeNull();
        await waitFor(() => arrived.includes(incident), {
          describe: () => ({
            log: log.lines.map((l) => l.msg),
            calls: alertCalls(incident).map((r) => r.status),
          }),
        });
        expect(alertCalls(incident).map((r) => r.status)).toEqual([503, 200]);
        expect((await c.forCard(incident))?.component).toBe("mysql");
        c.stop();
      });

      it("a retry a card waits for survives a restart", async () => {
        const incident = await alertedIncident();
        pd.faults.failNext(1, { status: 502, match: { path: /\/alerts$/ } });
        const slow = { baseMs: 200, maxMs: 200 };
        const before = contexts({ retry: slow });
        expect(await before.forCard(incident)).toBeNull();
        await waitFor(async () =>
          (await database.db.selectFrom("alert_contexts").select("status")
            .where("incident_id", "=", incident).executeTakeFirst())
            ?.status === "failed"
        );
        before.stop();
        // The next process finds the waiting retry in the database and makes it when due.
        const after = contexts({ retry: slow });
        await waitFor(() => arrived.includes(incident));
        expect(alertCalls(incident).map((r) => r.status)).toEqual([502, 200]);
        after.stop();
      });

      it("gives up after maxAttempts failures", async () => {
        const incident = await alertedIncident();
        pd.faults.failNext(10, { status: 500, match: { path: /\/alerts$/ } });
        const log = capturingLogger();
        const c = contexts({ maxAttempts: 3, logger: log.logger });
        expect(await c.forCard(incident)).toBeNull();
        await waitFor(() => log.lines.some((l) => l.msg.includes("giving up")));
        expect(alertCalls(incident)).toHaveLength(3);
        expect(await c.forCard(incident)).toBeNull();
        expect(alertCalls(incident)).toHaveLength(3);
        pd.faults.clear();
        c.stop();
      });

      it("a 429 waits for PagerDuty's rate-limit reset before trying again", async () => {
        const incident = await alertedIncident();
        pd.faults.rateLimitNext(1, {
          resetSeconds: 120,
          match: { path: /\/alerts$/ },
        });
        const before = Date.now();
        const c = contexts();
        expect(await c.forCard(incident)).toBeNull();
        const row = await database.db.selectFrom("alert_contexts")
          .selectAll().where("incident_id", "=", incident).executeTakeFirst();
        expect(row).toMatchObject({ status: "failed", attempts: 1 });
        expect(Date.parse(row!.retry_at!)).toBeGreaterThanOrEqual(
          before + 120_000,
        );
        // Cards rendered meanwhile do not call PagerDuty again.
        expect(await c.forCard(incident)).toBeNull();
        expect(alertCalls(incident)).toHaveLength(1);
        c.stop();
      });
    });
  },
);
