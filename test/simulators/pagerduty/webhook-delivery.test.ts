import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type {
  WebhookEnvelope,
  WebhookIncident,
} from "../../../shared/pagerduty/webhook-event.ts";
import {
  createTestClient,
  type Json,
  type TestClient,
} from "./create-test-client.ts";
import { type DemoAccount, seedDemoAccount } from "./seed-demo-account.ts";
import { signPagerDutyBody } from "./sign-pagerduty-body.ts";
import type { SimWebhookSubscription } from "./simulator-state.ts";
import {
  type PagerDutySimulator,
  type PagerDutySimulatorOptions,
  startPagerDutySimulator,
} from "./start-pagerduty-simulator.ts";
import {
  startWebhookReceiver,
  type WebhookReceiver,
  type WebhookResponder,
} from "./start-webhook-receiver.ts";

interface Setup {
  sim: PagerDutySimulator;
  demo: DemoAccount;
  receiver: WebhookReceiver;
  subscription: SimWebhookSubscription;
  pd: TestClient;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

// Fast retries (5 ms apart); a receiver deadline generous enough that a loaded machine never hits it by accident.
async function setup(
  { options = {}, responder, subscription }: {
    options?: PagerDutySimulatorOptions;
    responder?: WebhookResponder;
    subscription?: Partial<
      Parameters<PagerDutySimulator["webhooks"]["subscribe"]>[0]
    >;
  } = {},
): Promise<Setup> {
  const sim = await startPagerDutySimulator({
    ...options,
    webhooks: { timeoutMs: 2_000, backoffMs: [5, 5, 5], ...options.webhooks },
  });
  const receiver = await startWebhookReceiver(responder);
  cleanups.push(async () => {
    await sim.close();
    await receiver.close();
  });
  const demo = seedDemoAccount(sim);
  const sub = sim.webhooks.subscribe({
    url: receiver.url,
    secret: "first-secret",
    ...subscription,
  });
  const pd = createTestClient(sim.url, {
    apiKey: demo.apiKey,
    from: demo.users.manager.email,
  });
  return { sim, demo, receiver, subscription: sub, pd };
}

function events(receiver: WebhookReceiver): WebhookEnvelope["event"][] {
  return receiver.received.map((r) => r.json.event);
}

async function create(s: Setup, extra: Record<string, unknown> = {}) {
  const response = await s.pd.post("/incidents", {
    incident: {
      type: "incident",
      title: "Checkout down",
      service: { id: s.demo.services.checkout, type: "service_reference" },
      ...extra,
    },
  });
  expect(response.status).toBe(201);
  return response.body.incident.id as string;
}

const put = (s: Setup, id: string, incident: Record<string, unknown>) =>
  s.pd.put(`/incidents/${id}`, {
    incident: { type: "incident_reference", ...incident },
  });

describe("payloads", () => {
  it("signs the raw body and sends PagerDuty's headers and envelope", async () => {
    const s = await setup();
    const id = await create(s);
    await s.sim.webhooks.waitForIdle();
    const [delivery] = s.receiver.received;
    const expected = createHmac("sha256", "first-secret").update(delivery!.body)
      .digest("hex");
    expect(delivery!.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "PagerDuty-Webhook/V3.0",
      "x-pagerduty-signature": `v1=${expected}`,
      "x-webhook-subscription": s.subscription.id,
    });
    expect(delivery!.headers["x-webhook-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const event = delivery!.json.event as WebhookEnvelope<
      WebhookIncident
    >["event"];
    expect(Object.keys(delivery!.json)).toEqual(["event"]);
    expect(event).toMatchObject({
      event_type: "incident.triggered",
      resource_type: "incident",
      agent: { id: s.demo.users.manager.id, type: "user_reference" },
      client: null,
    });
    expect(event.occurred_at).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
    );
    expect(Object.keys(event.data).sort()).toEqual([
      "assignees",
      "conference_bridge",
      "created_at",
      "escalation_policy",
      "html_url",
      "id",
      "incident_key",
      "incident_type",
      "number",
      "priority",
      "resolve_reason",
      "self",
      "service",
      "status",
      "teams",
      "title",
      "type",
      "urgency",
    ]);
    expect(event.data).toMatchObject({
      id,
      type: "incident",
      status: "triggered",
      number: 1,
      priority: null,
      assignees: [{ id: s.demo.users.responder.id, type: "user_reference" }],
    });
  });

  it("publishes the event of every state change, in order", async () => {
    const s = await setup();
    const id = await create(s);
    await put(s, id, { status: "acknowledged" });
    await put(s, id, { status: "triggered" });
    await put(s, id, { escalation_level: 2 });
    await put(s, id, {
      assignments: [{
        assignee: { id: s.demo.users.admin.id, type: "user_reference" },
      }],
    });
    await put(s, id, {
      escalation_policy: {
        id: s.demo.escalationPolicies.platform,
        type: "escalation_policy_reference",
      },
    });
    await put(s, id, {
      priority: { id: s.demo.priorities.P1, type: "priority_reference" },
    });
    await s.pd.post(`/incidents/${id}/notes`, { note: { content: "Looking" } });
    await s.pd.post(`/incidents/${id}/status_updates`, { message: "Degraded" });
    await s.pd.post(`/incidents/${id}/responder_requests`, {
      requester_id: s.demo.users.manager.id,
      message: "Help",
      responder_request_targets: [{
        responder_request_target: {
          id: s.demo.users.owner.id,
          type: "user_reference",
        },
      }],
    });
    await s.pd.post(
      `/incident_workflows/${s.demo.workflows.majorIncident}/instances`,
      {
        incident_workflow_instance: {
          incident: { id, type: "incident_reference" },
        },
      },
    );
    await put(s, id, { status: "resolved" });
    await put(s, id, { status: "acknowledged" });
    await s.sim.webhooks.waitForIdle();
    // The default subscription lists the incident types the project reads.
    expect(events(s.receiver).map((e) => e.event_type)).toEqual([
      "incident.triggered",
      "incident.acknowledged",
      "incident.unacknowledged",
      "incident.escalated",
      "incident.reassigned",
      "incident.delegated",
      "incident.priority_updated",
      "incident.annotated",
      "incident.status_update_published",
      "incident.responder.added",
      "incident.workflow.started",
      "incident.workflow.completed",
      "incident.resolved",
      "incident.reopened",
      "incident.acknowledged",
    ]);
    const byType = Object.fromEntries(
      events(s.receiver).map((e) => [e.event_type, e.data as Json]),
    );
    expect(byType["incident.annotated"]).toMatchObject({
      type: "incident_note",
      content: "Looking",
      trimmed: false,
      incident: { id, type: "incident_reference" },
    });
    expect(byType["incident.status_update_published"]).toMatchObject({
      type: "incident_status_update",
      message: "Degraded",
    });
    expect(byType["incident.responder.added"]).toMatchObject({
      type: "incident_responder",
      user: { id: s.demo.users.owner.id },
      requester: { id: s.demo.users.manager.id },
      state: "pending",
    });
    expect(byType["incident.priority_updated"].priority.id).toBe(
      s.demo.priorities.P1,
    );
    expect(byType["incident.delegated"].escalation_policy.id).toBe(
      s.demo.escalationPolicies.platform,
    );
  });

  it("sends workflow events to subscriptions that ask for them, with a null agent for automation", async () => {
    const s = await setup({
      subscription: {
        events: [
          "incident.triggered",
          "incident.workflow.started",
          "incident.workflow.completed",
        ],
      },
    });
    const incident = s.sim.triggerIncident({
      serviceId: s.demo.services.api,
      title: "Latency",
    });
    const anonymous = createTestClient(s.sim.url, { apiKey: s.demo.apiKey });
    const started = await anonymous.post(
      `/incident_workflows/${s.demo.workflows.majorIncident}/instances`,
      {
        incident_workflow_instance: {
          incident: { id: incident.id, type: "incident_reference" },
        },
      },
    );
    expect(started.status).toBe(201);
    await s.sim.webhooks.waitForIdle();
    expect(events(s.receiver).map((e) => [e.event_type, e.agent])).toEqual([
      ["incident.triggered", null],
      ["incident.workflow.started", null],
      ["incident.workflow.completed", null],
    ]);
  });

  it("signs with every active secret during a rotation", async () => {
    const s = await setup();
    const second = s.sim.webhooks.rotateSecret(
      s.subscription.id,
      "second-secret",
    );
    s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Rotating",
    });
    await s.sim.webhooks.waitForIdle();
    const delivery = s.receiver.received[0]!;
    const entries = String(delivery.headers["x-pagerduty-signature"]).split(
      ",",
    );
    expect(entries).toEqual([
      signPagerDutyBody(delivery.body, "first-secret"),
      signPagerDutyBody(delivery.body, second),
    ]);
    s.sim.webhooks.retireSecrets(s.subscription.id);
    s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Rotated",
    });
    await s.sim.webhooks.waitForIdle();
    expect(s.receiver.received[1]!.headers["x-pagerduty-signature"]).toBe(
      signPagerDutyBody(s.receiver.received[1]!.body, "second-secret"),
    );
  });

  it("signPagerDutyBody computes HMAC-SHA256 hex (RFC 4231 test case 2)", () => {
    expect(signPagerDutyBody("what do ya want for nothing?", "Jefe")).toBe(
      "v1=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
    expect(signPagerDutyBody("x", ["a", "b"]).split(",")).toHaveLength(2);
  });
});

describe("subscriptions", () => {
  it("respects the service filter and the event list", async () => {
    const s = await setup({
      subscription: {
        events: ["incident.triggered"],
        filter: { type: "service_reference", id: "placeholder" },
      },
    });
    s.subscription.filter = {
      type: "service_reference",
      id: s.demo.services.api,
    };
    const onApi = s.sim.triggerIncident({
      serviceId: s.demo.services.api,
      title: "API",
    });
    s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Checkout",
    });
    s.sim.updateIncident(
      onApi.id,
      { status: "acknowledged" },
      s.demo.users.admin.id,
    );
    await s.sim.webhooks.waitForIdle();
    expect(
      events(s.receiver).map((
        e,
      ) => [e.event_type, (e.data as WebhookIncident).id]),
    ).toEqual([
      ["incident.triggered", onApi.id],
    ]);
  });

  it("respects the team filter", async () => {
    const s = await setup();
    s.subscription.filter = {
      type: "team_reference",
      id: s.demo.teams.payments,
    };
    s.sim.triggerIncident({
      serviceId: s.demo.services.api,
      title: "Platform team",
    });
    const payments = s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Payments team",
    });
    await s.sim.webhooks.waitForIdle();
    expect(events(s.receiver).map((e) => (e.data as WebhookIncident).id))
      .toEqual([payments.id]);
  });

  it("shows the secret only when created, pings, lists, rejects unknown event types, deletes", async () => {
    const s = await setup();
    const admin = createTestClient(s.sim.url, { token: s.demo.tokens.admin });
    const body = {
      webhook_subscription: {
        type: "webhook_subscription",
        delivery_method: { type: "http_delivery_method", url: s.receiver.url },
        events: ["incident.triggered"],
        filter: { type: "account_reference" },
      },
    };
    const created = await admin.post("/webhook_subscriptions", body);
    expect(created.status).toBe(200);
    const { id, delivery_method } = created.body.webhook_subscription;
    expect(delivery_method.secret).toMatch(/^.{32,}$/);
    expect(
      (await admin.get(`/webhook_subscriptions/${id}`)).body
        .webhook_subscription.delivery_method.secret,
    )
      .toBeNull();
    const listed = await admin.get("/webhook_subscriptions");
    expect(listed.body.webhook_subscriptions.map((w: Json) => w.id)).toContain(
      id,
    );
    expect((await admin.post(`/webhook_subscriptions/${id}/ping`)).status).toBe(
      202,
    );
    await s.sim.webhooks.waitForIdle();
    const ping = s.receiver.received.at(-1)!;
    expect(ping.json.event).toMatchObject({
      event_type: "pagey.ping",
      resource_type: "pagey",
    });
    expect(ping.headers["x-pagerduty-signature"]).toBe(
      signPagerDutyBody(ping.body, delivery_method.secret),
    );
    const bad = await admin.post("/webhook_subscriptions", {
      webhook_subscription: {
        ...body.webhook_subscription,
        events: ["incident.exploded"],
      },
    });
    expect(bad.status).toBe(400);
    expect((await admin.delete(`/webhook_subscriptions/${id}`)).status).toBe(
      204,
    );
    expect((await admin.get(`/webhook_subscriptions/${id}`)).status).toBe(404);
    const responder = createTestClient(s.sim.url, {
      token: s.demo.tokens.responder,
    });
    expect((await responder.post("/webhook_subscriptions", body)).status).toBe(
      403,
    );
  });

  it("publishes incident.responder.replied when a requested responder answers", async () => {
    const s = await setup();
    const id = await create(s);
    await s.pd.post(`/incidents/${id}/responder_requests`, {
      requester_id: s.demo.users.manager.id,
      message: "Join us",
      responder_request_targets: [{
        responder_request_target: {
          id: s.demo.users.admin.id,
          type: "user_reference",
        },
      }],
    });
    s.sim.replyToResponderRequest(id, s.demo.users.admin.id, "accepted");
    expect(() =>
      s.sim.replyToResponderRequest(id, s.demo.users.owner.id, "accepted")
    ).toThrow(/No responder request/);
    await s.sim.webhooks.waitForIdle();
    const replied = events(s.receiver).at(-1)!;
    expect(replied).toMatchObject({
      event_type: "incident.responder.replied",
      agent: { id: s.demo.users.admin.id },
      data: {
        type: "incident_responder",
        state: "accepted",
        user: { id: s.demo.users.admin.id },
        message: "Join us",
      },
    });
  });

  it("names the OAuth client of the acting token in `client`", async () => {
    const s = await setup();
    const token = s.sim.seed.userToken({
      userId: s.demo.users.responder.id,
      clientName: "pagerslack",
    });
    const client = createTestClient(s.sim.url, {
      token: token.token,
      from: s.demo.users.responder.email,
    });
    await create({ ...s, pd: client });
    await s.sim.webhooks.waitForIdle();
    expect(events(s.receiver)[0]).toMatchObject({
      agent: { id: s.demo.users.responder.id },
      client: { name: "pagerslack" },
    });
  });

  it("refuses plain-HTTP receivers when requireHttpsWebhookUrls is set", async () => {
    const s = await setup({ options: { requireHttpsWebhookUrls: true } });
    const admin = createTestClient(s.sim.url, { token: s.demo.tokens.admin });
    const subscription = (url: string) => ({
      webhook_subscription: {
        type: "webhook_subscription",
        delivery_method: { type: "http_delivery_method", url },
        events: ["incident.triggered"],
        filter: { type: "account_reference" },
      },
    });
    const plain = await admin.post(
      "/webhook_subscriptions",
      subscription(s.receiver.url),
    );
    expect([plain.status, plain.body.error.code]).toEqual([400, 2001]);
    expect(
      (await admin.post(
        "/webhook_subscriptions",
        subscription("https://hooks.example.com/pd"),
      )).status,
    )
      .toBe(200);
  });

  it("drops payloads over 256 KB without sending them", async () => {
    const s = await setup();
    const record = s.sim.webhooks.deliverRaw(
      s.subscription.id,
      JSON.stringify({ big: "x".repeat(256 * 1024) }),
    );
    await s.sim.webhooks.waitForIdle();
    expect(s.receiver.received).toHaveLength(0);
    expect(record.outcome).toBe("dropped");
  });

  it("delivers raw bodies through the same pipeline", async () => {
    const s = await setup();
    s.sim.webhooks.deliverRaw(s.subscription.id, "{not json", {
      incidentId: "Q1",
    });
    await s.sim.webhooks.waitForIdle();
    expect(s.receiver.received[0]!.body).toBe("{not json");
    expect(s.receiver.received[0]!.headers["x-pagerduty-signature"]).toBe(
      signPagerDutyBody("{not json", "first-secret"),
    );
  });
});

describe("retries, drops and disabling", () => {
  it("retries 5xx, 429 and timeouts with the same X-Webhook-Id until a 2xx", async () => {
    const statuses = [500, 429, { status: 200, delayMs: 3_000 }, 204];
    const s = await setup({
      options: { webhooks: { timeoutMs: 400 } },
      responder: (_r, i) => statuses[i] ?? 204,
    });
    s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Flaky receiver",
    });
    await s.sim.webhooks.waitForIdle();
    const [record] = s.sim.webhooks.deliveries();
    expect(record!.attempts.map((a) => a.status ?? a.error)).toEqual([
      500,
      429,
      "timeout",
      204,
    ]);
    expect(record!.outcome).toBe("delivered");
    expect(
      new Set(s.receiver.received.map((r) => r.headers["x-webhook-id"])).size,
    ).toBe(1);
    expect(s.receiver.received.map((r) => r.body)).toEqual(
      Array(4).fill(record!.body),
    );
  });

  it("drops after the last retry, and at once on other 4xx", async () => {
    const s = await setup({ responder: () => 503 });
    s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Down receiver",
    });
    await s.sim.webhooks.waitForIdle();
    expect(s.sim.webhooks.deliveries()[0]!.attempts).toHaveLength(4);
    expect(s.sim.webhooks.deliveries()[0]!.outcome).toBe("dropped");
    s.receiver.respondWith(() => 410);
    s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Gone",
    });
    await s.sim.webhooks.waitForIdle();
    expect(s.sim.webhooks.deliveries()[1]!.attempts.map((a) => a.status))
      .toEqual([410]);
  });

  it("disables the subscription after three drops in a row until it is enabled", async () => {
    const s = await setup({ responder: () => 400 });
    for (let i = 0; i < 3; i++) {
      s.sim.triggerIncident({
        serviceId: s.demo.services.checkout,
        title: `Drop ${i}`,
      });
      await s.sim.webhooks.waitForIdle();
    }
    expect(s.receiver.received).toHaveLength(3);
    expect(s.sim.webhooks.deliveries().map((d) => d.outcome)).toEqual([
      "dropped",
      "dropped",
      "dropped",
    ]);
    const admin = createTestClient(s.sim.url, { token: s.demo.tokens.admin });
    const read = await admin.get(`/webhook_subscriptions/${s.subscription.id}`);
    expect(read.body.webhook_subscription.delivery_method.temporarily_disabled)
      .toBe(true);
    s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "While disabled",
    });
    await s.sim.webhooks.waitForIdle();
    expect(s.receiver.received).toHaveLength(3);
    const enabled = await admin.post(
      `/webhook_subscriptions/${s.subscription.id}/enable`,
    );
    expect(
      enabled.body.webhook_subscription.delivery_method.temporarily_disabled,
    ).toBe(false);
    s.receiver.respondWith(() => 200);
    s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "After enable",
    });
    await s.sim.webhooks.waitForIdle();
    expect(s.receiver.received).toHaveLength(4);
  });
});

describe("ordering", () => {
  it("waits for an incident's previous delivery but delivers other incidents meanwhile", async () => {
    const s = await setup({
      responder: (
        r,
      ) => (r.json.event.data.title === "Slow"
        ? { status: 200, delayMs: 500 }
        : 200),
    });
    const slow = s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Slow",
    });
    s.sim.updateIncident(
      slow.id,
      { status: "acknowledged" },
      s.demo.users.manager.id,
    );
    const fast = s.sim.triggerIncident({
      serviceId: s.demo.services.api,
      title: "Fast",
    });
    await s.sim.webhooks.waitForIdle();
    const arrivals = events(s.receiver).map((
      e,
    ) => [(e.data as WebhookIncident).id, e.event_type]);
    // The fast incident overtakes the slow one, whose acknowledgement waits for its trigger to be answered.
    expect(arrivals).toEqual([
      [slow.id, "incident.triggered"],
      [fast.id, "incident.triggered"],
      [slow.id, "incident.acknowledged"],
    ]);
  });

  it("keeps per-incident order under retries", async () => {
    let failed = false;
    const s = await setup({
      responder: () => {
        if (!failed) {
          failed = true;
          return 500;
        }
        return 200;
      },
    });
    const incident = s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Retry first",
    });
    s.sim.updateIncident(
      incident.id,
      { status: "acknowledged" },
      s.demo.users.manager.id,
    );
    s.sim.updateIncident(
      incident.id,
      { status: "resolved" },
      s.demo.users.manager.id,
    );
    await s.sim.webhooks.waitForIdle();
    expect(events(s.receiver).map((e) => e.event_type)).toEqual([
      "incident.triggered",
      "incident.triggered",
      "incident.acknowledged",
      "incident.resolved",
    ]);
  });
});

describe("fault injection", () => {
  it("duplicates deliveries with the same X-Webhook-Id and event id", async () => {
    const s = await setup({
      options: { webhooks: { faults: { duplicateRate: 1 } } },
    });
    s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Twice",
    });
    await s.sim.webhooks.waitForIdle();
    expect(s.receiver.received).toHaveLength(2);
    const [a, b] = s.receiver.received;
    expect(a!.headers["x-webhook-id"]).toBe(b!.headers["x-webhook-id"]);
    expect(a!.json.event.id).toBe(b!.json.event.id);
    expect(s.sim.webhooks.deliveries().map((d) => d.duplicate)).toEqual([
      false,
      true,
    ]);
  });

  it("loses deliveries when asked to", async () => {
    const s = await setup();
    s.sim.webhooks.setFaults({ dropRate: 1 });
    s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Lost",
    });
    await s.sim.webhooks.waitForIdle();
    expect(s.receiver.received).toHaveLength(0);
    expect(s.sim.webhooks.deliveries()[0]!.outcome).toBe("lost");
  });

  it("reorders within an incident only when reorderWithinIncident is set", async () => {
    const s = await setup();
    s.sim.webhooks.setFaults({ reorderWithinIncident: true, delayMs: 20 });
    const incident = s.sim.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Reordered",
    });
    s.sim.updateIncident(
      incident.id,
      { status: "acknowledged" },
      s.demo.users.manager.id,
    );
    s.sim.updateIncident(
      incident.id,
      { status: "resolved" },
      s.demo.users.manager.id,
    );
    await s.sim.webhooks.waitForIdle();
    expect(events(s.receiver).map((e) => e.event_type)).toEqual([
      "incident.resolved",
      "incident.acknowledged",
      "incident.triggered",
    ]);
  });

  it("jitter reorders across incidents but never within one", async () => {
    const s = await setup({
      options: { webhooks: { faults: { jitterMs: 100 }, seed: 7 } },
    });
    const ids = Array.from({ length: 6 }, (_, i) => {
      const incident = s.sim.triggerIncident({
        serviceId: s.demo.services.checkout,
        title: `J${i}`,
      });
      s.sim.updateIncident(
        incident.id,
        { status: "acknowledged" },
        s.demo.users.manager.id,
      );
      s.sim.updateIncident(
        incident.id,
        { status: "resolved" },
        s.demo.users.manager.id,
      );
      return incident.id;
    });
    await s.sim.webhooks.waitForIdle();
    const arrivals = events(s.receiver).map((e) =>
      [(e.data as WebhookIncident).id, e.event_type] as const
    );
    expect(arrivals).toHaveLength(18);
    for (const id of ids) {
      expect(arrivals.filter(([i]) => i === id).map(([, t]) => t)).toEqual([
        "incident.triggered",
        "incident.acknowledged",
        "incident.resolved",
      ]);
    }
    const firstSeen = [...new Set(arrivals.map(([i]) => i))];
    expect(firstSeen).not.toEqual(ids);
  });
});
