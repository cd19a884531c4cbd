import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIncidentEvent } from "../../shared/incident/fixtures.ts";
import { reduceIncident } from "../../shared/incident/reduce-incident.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import {
  type DemoAccount,
  seedDemoAccount,
} from "../../test/simulators/pagerduty/seed-demo-account.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../../test/simulators/slack/start-slack-simulator.ts";
import { createPagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { createSlackClient, type SlackClient } from "../slack/slack-client.ts";
import { silentLogger } from "../../test/support/bridge-test-support.ts";
import { createEnricher } from "./create-enricher.ts";

let pd: PagerDutySimulator;
let account: DemoAccount;
let slackSim: SlackSimulator;
let slack: SlackClient;
let ruiSlackId: string;

beforeAll(async () => {
  pd = await startPagerDutySimulator();
  account = seedDemoAccount(pd);
  slackSim = await startSlackSimulator();
  ruiSlackId =
    slackSim.createUser({ name: "rui", email: "rui@example.com" }).id;
  const token = slackSim.createToken({
    kind: "bot",
    appId: "ABRIDGE",
    scopes: ["users:read", "users:read.email"],
  });
  slack = createSlackClient({ token: token.token, slackApiUrl: slackSim.url });
});
afterAll(async () => {
  await pd.close();
  await slackSim.close();
});

function snapshotOf(incidentId: string, assigneeId: string) {
  const event = makeIncidentEvent("incident.acknowledged", {
    incident: {
      id: incidentId,
      assignees: [{ id: assigneeId, type: "user_reference", summary: "Rui" }],
    },
  });
  const snapshot = reduceIncident(null, event).state!.snapshot;
  return { ...snapshot, acknowledged_by: [] };
}

describe("createEnricher", () => {
  it("maps PagerDuty users to Slack users by email and adds acknowledgers from REST", async () => {
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Disk full",
    });
    pd.updateIncident(
      incident.id,
      { status: "acknowledged" },
      account.users.responder.id,
    );
    const enrich = createEnricher({
      pagerDuty: createPagerDutyClient({
        apiUrl: pd.url,
        token: account.apiKey,
      }),
      slack,
      logger: silentLogger(),
    });
    const result = await enrich(
      snapshotOf(incident.id, account.users.responder.id),
    );
    // Rui acknowledged: the person who acted is named, never pinged.
    expect(result.mentions).toEqual({});
    expect(result.snapshot.acknowledged_by.map((a) => a.agent?.id)).toEqual([
      account.users.responder.id,
    ]);
    const triggered = {
      ...snapshotOf(incident.id, account.users.responder.id),
      status: "triggered" as const,
    };
    expect((await enrich(triggered)).mentions).toEqual({
      [account.users.responder.id]: ruiSlackId,
    });

    // Cached: a second render asks neither PagerDuty's users API nor Slack again.
    const before = slackSim.calls({ method: "users.lookupByEmail" }).length;
    await enrich(triggered);
    expect(slackSim.calls({ method: "users.lookupByEmail" }).length).toBe(
      before,
    );
  });

  it("never fails: PagerDuty errors and unreachable APIs leave the webhook data as is", async () => {
    const snapshot = snapshotOf("PNOSUCH", "PNOUSER");
    const broken = createEnricher({
      pagerDuty: createPagerDutyClient({ apiUrl: pd.url, token: "wrong-key" }),
      slack,
      logger: silentLogger(),
    });
    expect(await broken(snapshot)).toEqual({ snapshot, mentions: {} });
    const down = createEnricher({
      pagerDuty: createPagerDutyClient({
        apiUrl: "http://127.0.0.1:1",
        token: account.apiKey,
      }),
      slack,
      logger: silentLogger(),
      timeoutMs: 200,
    });
    expect(await down(snapshot)).toEqual({ snapshot, mentions: {} });
  });
});

describe("createEnricher's PagerDuty calls", () => {
  let clock = Date.parse("2026-08-20T10:00:00Z");
  const enricher = (
    options: { maxIncidents?: number; alertCountTtlMs?: number } = {},
  ) =>
    createEnricher({
      pagerDuty: createPagerDutyClient({
        apiUrl: pd.url,
        token: account.apiKey,
        now: () => clock,
      }),
      slack,
      logger: silentLogger(),
      now: () => clock,
      ...options,
    });
  const fetchesOf = (incidentId: string) =>
    pd.requests().filter((r) => r.path === `/incidents/${incidentId}`).length;
  function acknowledgedIncident() {
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Queue backlog",
    });
    pd.updateIncident(
      incident.id,
      { status: "acknowledged" },
      account.users.responder.id,
    );
    return incident.id;
  }
  const at = (
    snapshot: ReturnType<typeof snapshotOf>,
    updatedAt: string,
  ) => ({ ...snapshot, updated_at: updatedAt });

  it("fetches an incident once per snapshot version, however many channels and renders want it", async () => {
    const id = acknowledgedIncident();
    const enrich = enricher();
    const snapshot = snapshotOf(id, account.users.responder.id);
    // Five channels render at once, then each renders again.
    const results = await Promise.all(
      Array.from({ length: 5 }, () => enrich(snapshot)),
    );
    for (let i = 0; i < 5; i++) await enrich(snapshot);
    expect(fetchesOf(id)).toBe(1);
    expect(results.map((r) => r.snapshot.acknowledged_by.length)).toEqual(
      [1, 1, 1, 1, 1],
    );
    // A newer snapshot is a new fetch; an older one reuses the newer answer.
    const newer = at(snapshot, "2099-01-01T00:00:00.000Z");
    await enrich(newer);
    await enrich(newer);
    await enrich(snapshot);
    expect(fetchesOf(id)).toBe(2);
    // A resolved card needs nothing from the REST incident (it shows neither acknowledgers nor alert counts).
    const resolved = {
      ...newer,
      status: "resolved" as const,
      updated_at: "2099-01-02T00:00:00.000Z",
    };
    expect((await enrich(resolved)).snapshot).toEqual(resolved);
    expect(fetchesOf(id)).toBe(2);
  });

  it("adds the alerts an incident groups, refreshed on renders after alertCountTtlMs", async () => {
    // No webhook says when an alert joins an incident: PagerDuty groups it (time-based grouping, until the
    // incident is resolved) and only the REST incident's alert_counts tells.
    const service = pd.seed.service({
      name: "Grouped payments",
      escalationPolicyId: account.escalationPolicies.checkout,
      alertGrouping: { type: "time", timeoutMinutes: 0 },
    });
    const { key } = pd.seed.eventsIntegration({ serviceId: service.id });
    const send = async (dedupKey: string, action = "trigger") => {
      const response = await fetch(`${pd.url}/v2/enqueue`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          routing_key: key,
          dedup_key: dedupKey,
          event_action: action,
          payload: {
            summary: `Payments ${dedupKey} failing`,
            source: "payments-1",
            severity: "error",
          },
        }),
      });
      expect(response.status).toBe(202);
    };
    await send("pay/1");
    await send("pay/2");
    const incident = pd.incidents().find((i) => i.serviceId === service.id)!;
    const enrich = enricher({ alertCountTtlMs: 60_000 });
    const snapshot = {
      ...snapshotOf(incident.id, account.users.responder.id),
      status: "triggered" as const,
    };
    expect((await enrich(snapshot)).snapshot.alert_counts).toEqual({
      all: 2,
      triggered: 2,
      resolved: 0,
    });
    await send("pay/3");
    await send("pay/1", "resolve");
    // Within the TTL the same snapshot reuses the answer; after it, a render fetches the new count.
    expect((await enrich(snapshot)).snapshot.alert_counts?.all).toBe(2);
    expect(fetchesOf(incident.id)).toBe(1);
    clock += 60_001;
    expect((await enrich(snapshot)).snapshot.alert_counts).toEqual({
      all: 3,
      triggered: 2,
      resolved: 1,
    });
    expect(fetchesOf(incident.id)).toBe(2);
  });

  it("keeps a bounded number of incidents, forgetting the least recently used", async () => {
    const [a, b, c] = [
      acknowledgedIncident(),
      acknowledgedIncident(),
      acknowledgedIncident(),
    ];
    const enrich = enricher({ maxIncidents: 2 });
    const render = (id: string) =>
      enrich(snapshotOf(id, account.users.responder.id));
    await render(a!);
    await render(b!);
    await render(a!); // cached; a is now the most recently used
    await render(c!); // b is forgotten
    await render(a!); // still cached
    await render(b!); // fetched again
    expect([fetchesOf(a!), fetchesOf(b!), fetchesOf(c!)]).toEqual([1, 2, 1]);
  });

  it("pings only assignees on call now on the incident's escalation policy", async () => {
    const rosaSlackId = slackSim.createUser({
      name: "rosa",
      email: account.users.responder2.email,
    }).id;
    const enrich = createEnricher({
      pagerDuty: createPagerDutyClient({
        apiUrl: pd.url,
        token: account.apiKey,
      }),
      slack,
      logger: silentLogger(),
    });
    const base = snapshotOf("PONCALL1", account.users.responder.id);
    const snapshot = {
      ...base,
      status: "triggered" as const,
      // Checkout's policy: Rui on its schedule; Rosa is on Platform's, not on call here.
      escalation_policy: {
        id: account.escalationPolicies.checkout,
        type: "escalation_policy_reference",
        summary: "Checkout escalation",
      },
      assignees: [
        ...base.assignees,
        {
          id: account.users.responder2.id,
          type: "user_reference",
          summary: "Rosa Responder",
        },
      ],
    };
    const { mentions } = await enrich(snapshot);
    expect(mentions).toEqual({ [account.users.responder.id]: ruiSlackId });
    expect(Object.values(mentions)).not.toContain(rosaSlackId);
  });

  it("renders from webhook data without calling PagerDuty while its rate limit holds", async () => {
    const [first, second] = [acknowledgedIncident(), acknowledgedIncident()];
    const enrich = enricher();
    pd.faults.rateLimitNext(1, { withHeaders: true, resetSeconds: 30 });
    const limited = snapshotOf(first!, account.users.responder.id);
    expect((await enrich(limited)).snapshot).toEqual(limited);
    const before = pd.requests().length;
    const held = snapshotOf(second!, account.users.responder.id);
    expect((await enrich(held)).snapshot).toEqual(held);
    expect((await enrich(limited)).snapshot).toEqual(limited);
    expect(pd.requests().length).toBe(before);
    // Once the window has reset, enrichment comes back.
    clock += 30_000;
    expect((await enrich(held)).snapshot.acknowledged_by).toHaveLength(1);
    expect((await enrich(limited)).snapshot.acknowledged_by).toHaveLength(1);
  });
});
