// The Events API v2 endpoint and GET /incidents/{id}/alerts: an event a monitoring tool sends becomes an alert
// and an incident, and the alert reads back as PagerDuty documents it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENTS_V2_EXAMPLE_EVENT } from "../../fixtures/pagerduty-alert-examples.ts";
import { readAlertContext } from "../../../shared/pagerduty/read-alert-context.ts";
import {
  createTestClient,
  type Json,
  type TestClient,
} from "./create-test-client.ts";
import {
  createSpecValidator,
  type SpecValidator,
} from "./openapi-validator.ts";
import { type DemoAccount, seedDemoAccount } from "./seed-demo-account.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "./start-pagerduty-simulator.ts";

let sim: PagerDutySimulator;
let demo: DemoAccount;
let api: TestClient;
let spec: SpecValidator;

beforeAll(async () => {
  sim = await startPagerDutySimulator();
  demo = seedDemoAccount(sim);
  api = createTestClient(sim.url, { apiKey: demo.apiKey });
  spec = createSpecValidator();
});
afterAll(() => sim?.close());

async function enqueue(body: unknown) {
  const response = await fetch(`${sim.url}/v2/enqueue`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() as Json };
}

const trigger = (dedupKey: string, extra: Record<string, unknown> = {}) => ({
  ...EVENTS_V2_EXAMPLE_EVENT,
  routing_key: demo.routingKeys.checkout,
  dedup_key: dedupKey,
  ...extra,
});

async function alertsOf(incidentId: string, query = "") {
  const response = await api.get(`/incidents/${incidentId}/alerts${query}`);
  expect(
    spec.validateResponse(
      "/incidents/{id}/alerts",
      "GET",
      response.status,
      response.body,
    ),
  ).toEqual([]);
  return response;
}

describe("POST /v2/enqueue", () => {
  it("a trigger opens an alert and an incident whose alert reads back with its PD-CEF body", async () => {
    const sent = await enqueue(trigger("disk/1"));
    expect(sent).toEqual({
      status: 202,
      body: {
        status: "success",
        message: "Event processed",
        dedup_key: "disk/1",
      },
    });
    const incident = sim.incidents().find((i) => i.incidentKey === "disk/1");
    expect(incident?.title).toBe(EVENTS_V2_EXAMPLE_EVENT.payload.summary);
    expect(incident?.serviceId).toBe(demo.services.checkout);

    const { status, body } = await alertsOf(incident!.id);
    expect(status).toBe(200);
    expect(body).toMatchObject({ limit: 25, offset: 0, more: false });
    expect(body.alerts).toHaveLength(1);
    const [alert] = body.alerts;
    expect(alert).toMatchObject({
      type: "alert",
      status: "triggered",
      alert_key: "disk/1",
      severity: "critical",
      incident: { id: incident!.id, type: "incident_reference" },
      service: { id: demo.services.checkout, type: "service_reference" },
      body: {
        type: "alert_body",
        details: EVENTS_V2_EXAMPLE_EVENT.payload.custom_details,
        cef_details: {
          source_origin: "prod-datapipe03.example.com",
          source_component: "mysql",
          service_group: "prod-datapipe",
          event_class: "disk",
        },
      },
    });
    expect(alert.body.contexts).toEqual([
      {
        type: "link",
        href: "http://pagerduty.example.com",
        text: "An example link.",
      },
      {
        type: "image",
        src: EVENTS_V2_EXAMPLE_EVENT.images[0].src,
        href: "https://google.com",
        alt: "An example link with an image",
      },
    ]);
    // What the bridge reads from it.
    expect(readAlertContext(alert)).toMatchObject({
      severity: "critical",
      source: "prod-datapipe03.example.com",
      component: "mysql",
      detail_count: 3,
    });
  });

  it("dedups a trigger for an open alert; resolve resolves the alert and its incident; a new trigger opens a new one", async () => {
    await enqueue(trigger("dedup/1"));
    const before = sim.incidents().length;
    expect((await enqueue(trigger("dedup/1"))).status).toBe(202);
    expect(sim.incidents()).toHaveLength(before);
    const incident = sim.incidents().find((i) => i.incidentKey === "dedup/1")!;

    const ack = await enqueue({
      routing_key: demo.routingKeys.checkout,
      dedup_key: "dedup/1",
      event_action: "acknowledge",
    });
    expect(ack.status).toBe(202);
    expect(sim.incident(incident.id)?.status).toBe("acknowledged");

    await enqueue({
      routing_key: demo.routingKeys.checkout,
      dedup_key: "dedup/1",
      event_action: "resolve",
    });
    expect(sim.incident(incident.id)?.status).toBe("resolved");
    const resolved = await alertsOf(incident.id, "?statuses[]=resolved");
    expect(resolved.body.alerts.map((a: { status: string }) => a.status))
      .toEqual(["resolved"]);
    expect((await alertsOf(incident.id, "?statuses[]=triggered")).body.alerts)
      .toEqual([]);

    await enqueue(trigger("dedup/1"));
    expect(sim.incidents()).toHaveLength(before + 1);
  });

  it("generates a dedup_key when the trigger has none", async () => {
    const { dedup_key: _omit, ...withoutKey } = trigger("x");
    const sent = await enqueue(withoutKey);
    expect(sent.status).toBe(202);
    expect(sent.body.dedup_key).toMatch(/^[0-9a-f]{32}$/);
  });

  // Built after the account is seeded (the table is read when the file is collected).
  const EXAMPLE = EVENTS_V2_EXAMPLE_EVENT.payload;
  it.each<[string, () => Record<string, unknown>]>([
    ["no routing_key", () => ({ ...trigger("e1"), routing_key: undefined })],
    ["a routing_key of the wrong length", () => ({
      ...trigger("e2"),
      routing_key: "short",
    })],
    ["an unknown routing_key", () => ({
      ...trigger("e3"),
      routing_key: "f".repeat(32),
    })],
    ["an unknown event_action", () => ({
      ...trigger("e4"),
      event_action: "page",
    })],
    ["no payload", () => ({ ...trigger("e5"), payload: undefined })],
    [
      "a severity outside the enum",
      () => trigger("e6", { payload: { ...EXAMPLE, severity: "fatal" } }),
    ],
    [
      "no source",
      () => trigger("e7", { payload: { summary: "x", severity: "info" } }),
    ],
    ["a link without href", () => trigger("e8", { links: [{ text: "x" }] })],
    ["resolve without dedup_key", () => ({
      routing_key: demo.routingKeys.checkout,
      event_action: "resolve",
    })],
  ])(
    "refuses %s with 400 and the Events API error body",
    async (_name, body) => {
      const before = sim.incidents().length;
      const answer = await enqueue(body());
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        status: "invalid event",
        message: "Event object is invalid",
      });
      expect(answer.body.errors.length).toBeGreaterThan(0);
      expect(sim.incidents()).toHaveLength(before);
    },
  );

  it("refuses malformed JSON with the spec's example error", async () => {
    expect(await enqueue("{nope")).toEqual({
      status: 400,
      body: {
        status: "Unrecognized object",
        message: "Event object format is unrecognized",
        errors: ["JSON parse error"],
      },
    });
  });
});

describe("GET /incidents/{id}/alerts", () => {
  it("paginates and sorts (created_at ascending by default, :desc on request)", async () => {
    await enqueue(trigger("page/1"));
    const incident = sim.incidents().find((i) => i.incidentKey === "page/1")!;
    const first = sim.state.alerts.find((a) => a.alertKey === "page/1")!;
    // Alert grouping puts more alerts on one incident (not simulated): add two grouped alerts directly.
    for (const [n, at] of [[2, "2030-01-02"], [3, "2030-01-03"]] as const) {
      sim.state.alerts.push({
        ...first,
        id: `PGROUP${n}`,
        alertKey: `page/${n}`,
        createdAt: `${at}T00:00:00.000Z`,
      });
    }
    const page1 = await alertsOf(incident.id, "?limit=2");
    expect(page1.body.alerts.map((a: { id: string }) => a.id)).toEqual([
      first.id,
      "PGROUP2",
    ]);
    expect(page1.body.more).toBe(true);
    const page2 = await alertsOf(incident.id, "?limit=2&offset=2&total=true");
    expect(page2.body).toMatchObject({ more: false, total: 3 });
    expect(page2.body.alerts.map((a: { id: string }) => a.id)).toEqual([
      "PGROUP3",
    ]);
    const desc = await alertsOf(
      incident.id,
      "?sort_by=created_at:desc&limit=1",
    );
    expect(desc.body.alerts[0].id).toBe("PGROUP3");
    const byKey = await alertsOf(incident.id, "?alert_key=page/2");
    expect(byKey.body.alerts.map((a: { id: string }) => a.id)).toEqual([
      "PGROUP2",
    ]);
  });

  it("an incident created through REST has no alerts", async () => {
    const created = await createTestClient(sim.url, {
      apiKey: demo.apiKey,
      from: demo.users.manager.email,
    }).post("/incidents", {
      incident: {
        type: "incident",
        title: "By hand",
        service: { id: demo.services.api, type: "service_reference" },
      },
    });
    expect((await alertsOf(created.body.incident.id)).body.alerts).toEqual([]);
  });

  it("answers 404 for an unknown incident, 400 for an unknown sort or status", async () => {
    expect((await api.get("/incidents/QNOTHERE/alerts")).status).toBe(404);
    const id = sim.incidents()[0]!.id;
    expect((await api.get(`/incidents/${id}/alerts?sort_by=severity`)).status)
      .toBe(400);
    expect((await api.get(`/incidents/${id}/alerts?statuses[]=open`)).status)
      .toBe(400);
  });

  it("needs REST credentials and, for OAuth tokens, incidents.read", async () => {
    const anonymous = await fetch(`${sim.url}/incidents/QNOTHERE/alerts`, {
      headers: { accept: "application/vnd.pagerduty+json;version=2" },
    });
    expect(anonymous.status).toBe(401);
    const token = sim.seed.userToken({
      userId: demo.users.responder.id,
      scopes: ["users.read"],
    });
    const scoped = createTestClient(sim.url, { token: token.token });
    const id = sim.incidents()[0]!.id;
    expect((await scoped.get(`/incidents/${id}/alerts`)).status).toBe(403);
  });
});

// PagerDuty groups alerts only where the service asks for it (time-based grouping here,
// https://support.pagerduty.com/docs/time-based-alert-grouping); the REST incident counts its alerts in
// `alert_counts` (spec `AlertCount`).
describe("alert grouping and alert_counts", () => {
  let clock = Date.parse("2026-08-20T10:00:00Z");
  let grouped: PagerDutySimulator;
  let groupedApi: TestClient;
  let keys: { grouping: string; plain: string };

  beforeAll(async () => {
    grouped = await startPagerDutySimulator({ now: () => new Date(clock) });
    const account = seedDemoAccount(grouped);
    groupedApi = createTestClient(grouped.url, { apiKey: account.apiKey });
    const service = (name: string, timeoutMinutes?: number) =>
      grouped.seed.service({
        name,
        escalationPolicyId: account.escalationPolicies.platform,
        ...(timeoutMinutes === undefined
          ? {}
          : { alertGrouping: { type: "time", timeoutMinutes } }),
      });
    keys = {
      grouping: grouped.seed.eventsIntegration({
        serviceId: service("Grouped", 5).id,
      }).key,
      plain: grouped.seed.eventsIntegration({ serviceId: service("Plain").id })
        .key,
    };
  });
  afterAll(() => grouped?.close());

  async function send(
    routingKey: string,
    dedupKey: string,
    action = "trigger",
  ) {
    const response = await fetch(`${grouped.url}/v2/enqueue`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ...(action === "trigger" ? EVENTS_V2_EXAMPLE_EVENT : {}),
        routing_key: routingKey,
        dedup_key: dedupKey,
        event_action: action,
      }),
    });
    expect(response.status).toBe(202);
  }
  const incidentOf = (dedupKey: string) =>
    grouped.incidents().find((i) =>
      grouped.state.alerts.some((a) =>
        a.alertKey === dedupKey && a.incidentId === i.id
      )
    )!;
  async function countsOf(incidentId: string) {
    const response = await groupedApi.get(`/incidents/${incidentId}`);
    expect(
      spec.validateResponse(
        "/incidents/{id}",
        "GET",
        response.status,
        response.body,
      ),
    ).toEqual([]);
    return response.body.incident.alert_counts;
  }

  it("without grouping each new dedup_key is its own incident of one alert", async () => {
    await send(keys.plain, "plain/1");
    await send(keys.plain, "plain/2");
    await send(keys.plain, "plain/2"); // dedup: the same alert
    const [first, second] = [incidentOf("plain/1"), incidentOf("plain/2")];
    expect(first.id).not.toBe(second.id);
    expect(await countsOf(second.id)).toEqual({
      all: 1,
      triggered: 1,
      resolved: 0,
    });
  });

  it("with time-based grouping new alerts join the open incident within the window, and are counted", async () => {
    await send(keys.grouping, "db/1");
    clock += 60_000;
    await send(keys.grouping, "db/2");
    await send(keys.grouping, "db/3");
    const incident = incidentOf("db/1");
    expect(incidentOf("db/3").id).toBe(incident.id);
    expect(await countsOf(incident.id)).toEqual({
      all: 3,
      triggered: 3,
      resolved: 0,
    });
    const alerts = await groupedApi.get(
      `/incidents/${incident.id}/alerts?total=true&limit=1`,
    );
    expect(alerts.body.total).toBe(3);

    // One alert resolved: the incident stays open while the others are triggered.
    await send(keys.grouping, "db/2", "resolve");
    expect(await countsOf(incident.id)).toEqual({
      all: 3,
      triggered: 2,
      resolved: 1,
    });
    expect(grouped.incident(incident.id)?.status).toBe("triggered");

    // After the window (5 minutes from the incident's first alert) a new alert opens a new incident.
    clock += 5 * 60_000;
    await send(keys.grouping, "db/4");
    expect(incidentOf("db/4").id).not.toBe(incident.id);

    // Resolving the incident resolves its alerts.
    for (const key of ["db/1", "db/3"]) {
      await send(keys.grouping, key, "resolve");
    }
    expect(grouped.incident(incident.id)?.status).toBe("resolved");
    expect(await countsOf(incident.id)).toEqual({
      all: 3,
      triggered: 0,
      resolved: 3,
    });
  });

  it("shows the grouping as the service's alert_grouping_parameters, and refuses a timeout the spec does not allow", async () => {
    const service = incidentOf("db/1").serviceId;
    const answer = await groupedApi.get(`/services/${service}`);
    expect(answer.body.service.alert_grouping_parameters).toEqual({
      type: "time",
      config: { timeout: 5 },
    });
    expect(() =>
      grouped.seed.alertGrouping(service, {
        type: "time",
        timeoutMinutes: 1441,
      })
    ).toThrow(/timeout/);
  });

  it("a resolved incident takes no more alerts, even within the window", async () => {
    clock += 10 * 60_000; // past the window of the incidents above
    await send(keys.grouping, "cache/1");
    const first = incidentOf("cache/1");
    await send(keys.grouping, "cache/1", "resolve");
    await send(keys.grouping, "cache/2");
    expect(incidentOf("cache/2").id).not.toBe(first.id);
  });
});
