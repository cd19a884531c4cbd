// Contract test: every endpoint the simulator serves, called for success and for its main errors, answers a
// status the REST spec documents with a body that validates against the spec's schema for that status; every
// request the test sends as valid is valid per the spec; and requests the spec makes invalid (a required field
// removed, an enum value replaced) are refused with 400 and PagerDuty's error body.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestClient,
  type Json,
  type TestClient,
  type TestResponse,
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
let spec: SpecValidator;
let admin: TestClient;

beforeAll(async () => {
  spec = createSpecValidator();
  sim = await startPagerDutySimulator();
  demo = seedDemoAccount(sim);
  admin = createTestClient(sim.url, {
    apiKey: demo.apiKey,
    from: demo.users.admin.email,
  });
});
afterAll(() => sim?.close());

/**
 * Statuses the real API answers although the spec does not list them for the operation. Their bodies are
 * checked against the spec's generic error schema instead.
 */
const UNDOCUMENTED_STATUSES: Record<string, number[]> = {
  // State conflicts (1001 already resolved, 1002 already acknowledged, 1003, 1006, 1012, 1014, 1020).
  "PUT /incidents/{id}": [400],
  // All-or-nothing bulk update naming an unknown incident.
  "PUT /incidents": [404],
  // An unknown incident, as on every incident route (the spec lists no 404 for listIncidentAlerts).
  "GET /incidents/{id}/alerts": [404],
};

/** Schema errors of a response, checked against the spec's schema for its status. */
function conformanceErrors(
  template: string,
  method: string,
  response: TestResponse,
): string[] {
  const key = `${method} ${template}`;
  if (UNDOCUMENTED_STATUSES[key]?.includes(response.status)) {
    return spec.validateResponse("/incidents", "GET", 400, response.body);
  }
  return spec.validateResponse(
    template,
    method,
    response.status,
    response.body,
  );
}

async function newIncident(
  extra: Record<string, unknown> = {},
): Promise<string> {
  const response = await admin.post("/incidents", {
    incident: {
      type: "incident",
      title: "Contract",
      service: { id: demo.services.checkout, type: "service_reference" },
      ...extra,
    },
  });
  expect(response.status).toBe(201);
  return response.body.incident.id;
}

interface Case {
  name: string;
  template: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  status: number;
  run: () => Promise<TestResponse>;
  /** The request body, when it must be valid per the spec. */
  body?: () => Promise<unknown> | unknown;
}

const ref = (type: string, id: string) => ({ id, type });

function incidentBody(key = `k-${Math.random()}`) {
  return {
    incident: {
      type: "incident",
      title: "The server is on fire",
      service: ref("service_reference", demo.services.checkout),
      urgency: "high",
      priority: ref("priority_reference", demo.priorities.P2),
      escalation_policy: ref(
        "escalation_policy_reference",
        demo.escalationPolicies.checkout,
      ),
      incident_key: key,
      body: { type: "incident_body", details: "Smoke from rack 4" },
      conference_bridge: {
        conference_number: "+1 555 0100",
        conference_url: "https://meet.example.com/fire",
      },
    },
  };
}

function webhookBody() {
  return {
    webhook_subscription: {
      type: "webhook_subscription",
      description: "contract",
      delivery_method: {
        type: "http_delivery_method",
        url: "https://hooks.example.com/pagerduty",
      },
      events: ["incident.triggered", "incident.resolved"],
      filter: { type: "service_reference", id: demo.services.api },
    },
  };
}

const INCLUDES = [
  "acknowledgers",
  "agents",
  "assignees",
  "conference_bridge",
  "escalation_policies",
  "first_trigger_log_entries",
  "priorities",
  "services",
  "teams",
  "users",
].map((i) => `include[]=${i}`).join("&");

function cases(): Case[] {
  const withBody = (
    name: string,
    template: string,
    method: Case["method"],
    status: number,
    path: () => Promise<string> | string,
    body: () => unknown,
    client: () => TestClient = () => admin,
  ): Case => {
    let built: unknown;
    return {
      name,
      template,
      method,
      status,
      body: () => built,
      run: async () => {
        const target = await path();
        built = await body();
        return client().call(method, target, built);
      },
    };
  };
  const get = (
    name: string,
    template: string,
    status: number,
    path: () => Promise<string> | string,
    client = () => admin,
  ): Case => ({
    name,
    template,
    method: "GET",
    status,
    run: async () => client().get(await path()),
  });
  const stakeholder = () =>
    createTestClient(sim.url, {
      token: demo.tokens.stakeholder,
      from: demo.users.stakeholder.email,
    });
  const anonymous = () => createTestClient(sim.url, { apiKey: "wrong" });
  let ackedId = "";
  let webhookId = "";
  return [
    withBody(
      "create incident",
      "/incidents",
      "POST",
      201,
      () => "/incidents",
      () => incidentBody(),
    ),
    withBody(
      "create incident, missing title",
      "/incidents",
      "POST",
      400,
      () => "/incidents",
      () => ({
        incident: {
          type: "incident",
          service: ref("service_reference", demo.services.checkout),
        },
      }),
    ),
    withBody(
      "create incident as a stakeholder",
      "/incidents",
      "POST",
      403,
      () => "/incidents",
      () => incidentBody(),
      stakeholder,
    ),
    withBody(
      "create incident with a bad key",
      "/incidents",
      "POST",
      401,
      () => "/incidents",
      () => incidentBody(),
      anonymous,
    ),
    get("list incidents with every include", "/incidents", 200, async () => {
      await newIncident();
      return `/incidents?${INCLUDES}&total=true&statuses[]=triggered&urgencies[]=high`;
    }),
    get(
      "list incidents, bad status",
      "/incidents",
      400,
      () => "/incidents?statuses[]=exploded",
    ),
    get(
      "list incidents, no credentials",
      "/incidents",
      401,
      () => "/incidents",
      anonymous,
    ),
    get(
      "list incidents, token without the scope",
      "/incidents",
      403,
      () => "/incidents",
      () =>
        createTestClient(sim.url, {
          token: sim.seed.userToken({
            userId: demo.users.admin.id,
            scopes: ["users.read"],
          }).token,
        }),
    ),
    {
      name: "list incidents, rate limited",
      template: "/incidents",
      method: "GET",
      status: 429,
      run: () => {
        sim.faults.rateLimitNext(1);
        return admin.get("/incidents");
      },
    },
    get(
      "get incident with includes",
      "/incidents/{id}",
      200,
      async () => `/incidents/${await newIncident()}?${INCLUDES}`,
    ),
    get("get incident by number", "/incidents/{id}", 200, async () => {
      const id = await newIncident();
      return `/incidents/${sim.incident(id)!.number}`;
    }),
    get(
      "get missing incident",
      "/incidents/{id}",
      404,
      () => "/incidents/QNOTHERE",
    ),
    withBody(
      "acknowledge",
      "/incidents/{id}",
      "PUT",
      200,
      async () => {
        ackedId = await newIncident();
        return `/incidents/${ackedId}`;
      },
      () => ({
        incident: {
          type: "incident_reference",
          status: "acknowledged",
          urgency: "low",
          title: "Renamed",
        },
      }),
    ),
    withBody(
      "acknowledge twice",
      "/incidents/{id}",
      "PUT",
      400,
      () => `/incidents/${ackedId}`,
      () => ({
        incident: { type: "incident_reference", status: "acknowledged" },
      }),
    ),
    withBody(
      "escalate, delegate, reassign, prioritize",
      "/incidents/{id}",
      "PUT",
      200,
      async () => `/incidents/${await newIncident()}`,
      () => ({
        incident: {
          type: "incident_reference",
          escalation_level: 2,
          priority: ref("priority_reference", demo.priorities.P1),
        },
      }),
    ),
    withBody(
      "update missing incident",
      "/incidents/{id}",
      "PUT",
      404,
      () => "/incidents/QNOTHERE",
      () => ({
        incident: { type: "incident_reference", status: "resolved" },
      }),
    ),
    withBody(
      "update as a stakeholder",
      "/incidents/{id}",
      "PUT",
      403,
      async () => `/incidents/${await newIncident()}`,
      () => ({
        incident: { type: "incident_reference", status: "resolved" },
      }),
      stakeholder,
    ),
    withBody(
      "bulk resolve",
      "/incidents",
      "PUT",
      200,
      () => "/incidents",
      async () => ({
        incidents: [
          {
            id: await newIncident(),
            type: "incident_reference",
            status: "resolved",
          },
          {
            id: await newIncident(),
            type: "incident_reference",
            status: "acknowledged",
          },
        ],
      }),
    ),
    withBody(
      "bulk update, one unknown",
      "/incidents",
      "PUT",
      404,
      () => "/incidents",
      async () => ({
        incidents: [{
          id: await newIncident(),
          type: "incident_reference",
          status: "resolved",
        }, {
          id: "QNOTHERE",
          type: "incident_reference",
          status: "resolved",
        }],
      }),
    ),
    withBody(
      "bulk update, not an array",
      "/incidents",
      "PUT",
      400,
      () => "/incidents",
      () => ({ incidents: [] }),
    ),
    withBody(
      "add note",
      "/incidents/{id}/notes",
      "POST",
      200,
      async () => `/incidents/${await newIncident()}/notes`,
      () => ({
        note: { content: "Investigating" },
      }),
    ),
    withBody(
      "add blank note",
      "/incidents/{id}/notes",
      "POST",
      400,
      async () => `/incidents/${await newIncident()}/notes`,
      () => ({
        note: { content: "" },
      }),
    ),
    withBody(
      "add note to a missing incident",
      "/incidents/{id}/notes",
      "POST",
      404,
      () => "/incidents/QNOTHERE/notes",
      () => ({
        note: { content: "x" },
      }),
    ),
    get("list notes", "/incidents/{id}/notes", 200, async () => {
      const id = await newIncident();
      await admin.post(`/incidents/${id}/notes`, { note: { content: "one" } });
      return `/incidents/${id}/notes`;
    }),
    get("list alerts", "/incidents/{id}/alerts", 200, async () => {
      const key = `contract-${Math.random()}`;
      const sent = await fetch(`${sim.url}/v2/enqueue`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          routing_key: demo.routingKeys.checkout,
          event_action: "trigger",
          dedup_key: key,
          payload: { summary: "Contract", source: "host1", severity: "info" },
          links: [{ href: "https://example.com/runbook", text: "Runbook" }],
        }),
      });
      expect(sent.status).toBe(202);
      const incident = sim.incidents().find((i) => i.incidentKey === key);
      return `/incidents/${incident?.id}/alerts?include[]=services`;
    }),
    get(
      "list alerts of a missing incident",
      "/incidents/{id}/alerts",
      404,
      () => "/incidents/QNOTHERE/alerts",
    ),
    get(
      "list notes of a missing incident",
      "/incidents/{id}/notes",
      404,
      () => "/incidents/QNOTHERE/notes",
    ),
    withBody(
      "status update",
      "/incidents/{id}/status_updates",
      "POST",
      200,
      async () => `/incidents/${await newIncident()}/status_updates`,
      () => ({
        message: "Degraded",
        subject: "Checkout degraded",
        html_message: "<p>Degraded</p>",
      }),
    ),
    withBody(
      "status update without message",
      "/incidents/{id}/status_updates",
      "POST",
      400,
      async () => `/incidents/${await newIncident()}/status_updates`,
      () => ({}),
    ),
    withBody(
      "responder request",
      "/incidents/{id}/responder_requests",
      "POST",
      200,
      async () => `/incidents/${await newIncident()}/responder_requests`,
      () => ({
        requester_id: demo.users.admin.id,
        message: "Please join",
        responder_request_targets: [
          {
            responder_request_target: {
              id: demo.users.owner.id,
              type: "user_reference",
            },
          },
          {
            responder_request_target: {
              id: demo.escalationPolicies.platform,
              type: "escalation_policy_reference",
            },
          },
        ],
      }),
    ),
    withBody(
      "responder request to a missing incident",
      "/incidents/{id}/responder_requests",
      "POST",
      404,
      () => "/incidents/QNOTHERE/responder_requests",
      () => ({
        requester_id: demo.users.admin.id,
        message: "x",
        responder_request_targets: [{
          responder_request_target: {
            id: demo.users.owner.id,
            type: "user_reference",
          },
        }],
      }),
    ),
    withBody("snooze", "/incidents/{id}/snooze", "POST", 201, async () => {
      const id = await newIncident();
      await admin.put(`/incidents/${id}`, {
        incident: { type: "incident_reference", status: "acknowledged" },
      });
      return `/incidents/${id}/snooze`;
    }, () => ({ duration: 3600 })),
    withBody(
      "snooze too long",
      "/incidents/{id}/snooze",
      "POST",
      400,
      async () => `/incidents/${await newIncident()}/snooze`,
      () => ({ duration: 604801 }),
    ),
    get(
      "list workflows",
      "/incident_workflows",
      200,
      () => "/incident_workflows?total=true",
    ),
    get(
      "list manual triggers for an incident",
      "/incident_workflows/triggers",
      200,
      async () =>
        `/incident_workflows/triggers?trigger_type=manual&incident_id=${await newIncident()}&limit=1`,
    ),
    get(
      "list triggers, bad trigger type",
      "/incident_workflows/triggers",
      400,
      () => "/incident_workflows/triggers?trigger_type=magic",
    ),
    withBody(
      "start workflow",
      "/incident_workflows/{id}/instances",
      "POST",
      201,
      () => `/incident_workflows/${demo.workflows.majorIncident}/instances`,
      async () => ({
        incident_workflow_instance: {
          incident: { id: await newIncident(), type: "incident_reference" },
        },
      }),
    ),
    withBody(
      "start missing workflow",
      "/incident_workflows/{id}/instances",
      "POST",
      404,
      () => "/incident_workflows/PNOTHERE/instances",
      async () => ({
        incident_workflow_instance: {
          incident: { id: await newIncident(), type: "incident_reference" },
        },
      }),
    ),
    get(
      "on-calls",
      "/oncalls",
      200,
      () =>
        `/oncalls?escalation_policy_ids[]=${demo.escalationPolicies.checkout}&earliest=true&total=true&include[]=users&include[]=schedules&include[]=escalation_policies`,
    ),
    get(
      "on-calls, bad since",
      "/oncalls",
      400,
      () => "/oncalls?since=yesterday-ish",
    ),
    get(
      "me",
      "/users/me",
      200,
      () => "/users/me",
      () =>
        createTestClient(sim.url, {
          token: demo.tokens.responder,
          from: demo.users.responder.email,
        }),
    ),
    get("me with an API key", "/users/me", 400, () => "/users/me"),
    get(
      "users by query",
      "/users",
      200,
      () => "/users?query=example.com&total=true",
    ),
    get("user", "/users/{id}", 200, () => `/users/${demo.users.observer.id}`),
    get("missing user", "/users/{id}", 404, () => "/users/PNOTHERE"),
    withBody("add user", "/users", "POST", 201, () => "/users", () => ({
      user: {
        type: "user",
        name: "Nia New",
        email: `nia-${Math.random()}@example.com`,
        role: "observer",
        time_zone: "Europe/Paris",
      },
    })),
    withBody(
      "add user as a responder",
      "/users",
      "POST",
      403,
      () => "/users",
      () => ({
        user: { type: "user", name: "Nope", email: "nope@example.com" },
      }),
      () =>
        createTestClient(sim.url, {
          token: demo.tokens.responder,
          from: demo.users.responder.email,
        }),
    ),
    get("services", "/services", 200, () => "/services?total=true"),
    get(
      "service",
      "/services/{id}",
      200,
      () => `/services/${demo.services.checkout}`,
    ),
    get("missing service", "/services/{id}", 404, () => "/services/PNOTHERE"),
    get(
      "escalation policies",
      "/escalation_policies",
      200,
      () => "/escalation_policies",
    ),
    get(
      "escalation policy",
      "/escalation_policies/{id}",
      200,
      () => `/escalation_policies/${demo.escalationPolicies.checkout}`,
    ),
    get(
      "missing escalation policy",
      "/escalation_policies/{id}",
      404,
      () => "/escalation_policies/PNOTHERE",
    ),
    get("schedules", "/schedules", 200, () => "/schedules"),
    get(
      "schedule",
      "/schedules/{id}",
      200,
      () => `/schedules/${demo.schedules.payments}`,
    ),
    get("teams", "/teams", 200, () => "/teams"),
    get("team", "/teams/{id}", 200, () => `/teams/${demo.teams.platform}`),
    get("priorities", "/priorities", 200, () => "/priorities"),
    get("abilities", "/abilities", 200, () => "/abilities"),
    withBody(
      "create webhook subscription",
      "/webhook_subscriptions",
      "POST",
      200,
      () => "/webhook_subscriptions",
      () => webhookBody(),
    ),
    withBody(
      "create webhook subscription without events",
      "/webhook_subscriptions",
      "POST",
      400,
      () => "/webhook_subscriptions",
      () => ({
        webhook_subscription: {
          ...webhookBody().webhook_subscription,
          events: [],
        },
      }),
    ),
    withBody(
      "create webhook subscription for an unknown service",
      "/webhook_subscriptions",
      "POST",
      400,
      () => "/webhook_subscriptions",
      () => ({
        webhook_subscription: {
          ...webhookBody().webhook_subscription,
          filter: { type: "service_reference", id: "PNOPE00" },
        },
      }),
    ),
    withBody(
      "create webhook subscription as a manager",
      "/webhook_subscriptions",
      "POST",
      403,
      () => "/webhook_subscriptions",
      () => webhookBody(),
      () =>
        createTestClient(sim.url, {
          token: demo.tokens.manager,
          from: demo.users.manager.email,
        }),
    ),
    get(
      "list webhook subscriptions",
      "/webhook_subscriptions",
      200,
      async () => {
        webhookId =
          (await admin.post("/webhook_subscriptions", webhookBody())).body
            .webhook_subscription.id;
        return `/webhook_subscriptions?filter_type=service_reference&filter_id=${demo.services.api}`;
      },
    ),
    get(
      "webhook subscription",
      "/webhook_subscriptions/{id}",
      200,
      () => `/webhook_subscriptions/${webhookId}`,
    ),
    get(
      "missing webhook subscription",
      "/webhook_subscriptions/{id}",
      404,
      () => "/webhook_subscriptions/PNOTHERE",
    ),
    withBody(
      "update webhook subscription",
      "/webhook_subscriptions/{id}",
      "PUT",
      200,
      () => `/webhook_subscriptions/${webhookId}`,
      () => ({
        webhook_subscription: {
          events: ["incident.acknowledged"],
          filter: { type: "account_reference" },
        },
      }),
    ),
    {
      name: "enable webhook subscription",
      template: "/webhook_subscriptions/{id}/enable",
      method: "POST",
      status: 200,
      run: () => admin.post(`/webhook_subscriptions/${webhookId}/enable`),
    },
    {
      name: "ping webhook subscription",
      template: "/webhook_subscriptions/{id}/ping",
      method: "POST",
      status: 202,
      run: () => admin.post(`/webhook_subscriptions/${webhookId}/ping`),
    },
    {
      name: "delete webhook subscription",
      template: "/webhook_subscriptions/{id}",
      method: "DELETE",
      status: 204,
      run: () => admin.delete(`/webhook_subscriptions/${webhookId}`),
    },
    {
      name: "delete it again",
      template: "/webhook_subscriptions/{id}",
      method: "DELETE",
      status: 404,
      run: () => admin.delete(`/webhook_subscriptions/${webhookId}`),
    },
    {
      name: "priorities of an account without them",
      template: "/priorities",
      method: "GET",
      status: 402,
      run: async () => {
        const saved = sim.state.priorities;
        sim.seed.priorities(null);
        const response = await admin.get("/priorities");
        sim.state.priorities = saved;
        return response;
      },
    },
  ];
}

describe("responses conform to the REST spec", () => {
  // Cases run in order (later ones reuse ids made by earlier ones), so one test walks the table.
  it("for every endpoint, success and main errors", async () => {
    const failures: string[] = [];
    for (const c of cases()) {
      const response = await c.run();
      if (response.status !== c.status) {
        failures.push(
          `${c.name}: expected ${c.status}, got ${response.status} ${
            JSON.stringify(response.body)
          }`,
        );
        continue;
      }
      const errors = conformanceErrors(c.template, c.method, response);
      if (errors.length) {
        failures.push(`${c.name} (${response.status}): ${errors.join("; ")}`);
      }
      if (c.body && c.status < 300) {
        const errors = spec.validateRequest(
          c.template,
          c.method,
          await c.body(),
        );
        if (errors.length) {
          failures.push(
            `${c.name}: request invalid per spec: ${errors.join("; ")}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("covers every operation the simulator serves", () => {
    const served = new Set(cases().map((c) => `${c.method} ${c.template}`));
    expect([...served].sort()).toEqual([
      "DELETE /webhook_subscriptions/{id}",
      "GET /abilities",
      "GET /escalation_policies",
      "GET /escalation_policies/{id}",
      "GET /incident_workflows",
      "GET /incident_workflows/triggers",
      "GET /incidents",
      "GET /incidents/{id}",
      "GET /incidents/{id}/alerts",
      "GET /incidents/{id}/notes",
      "GET /oncalls",
      "GET /priorities",
      "GET /schedules",
      "GET /schedules/{id}",
      "GET /services",
      "GET /services/{id}",
      "GET /teams",
      "GET /teams/{id}",
      "GET /users",
      "GET /users/me",
      "GET /users/{id}",
      "GET /webhook_subscriptions",
      "GET /webhook_subscriptions/{id}",
      "POST /incident_workflows/{id}/instances",
      "POST /incidents",
      "POST /incidents/{id}/notes",
      "POST /incidents/{id}/responder_requests",
      "POST /incidents/{id}/snooze",
      "POST /incidents/{id}/status_updates",
      "POST /users",
      "POST /webhook_subscriptions",
      "POST /webhook_subscriptions/{id}/enable",
      "POST /webhook_subscriptions/{id}/ping",
      "PUT /incidents",
      "PUT /incidents/{id}",
      "PUT /webhook_subscriptions/{id}",
    ]);
  });
});

// ---- Requests the spec makes invalid -------------------------------------------------------------------

interface Mutation {
  kind: "missing" | "enum";
  path: string[];
}

function deref(schema: Json): Json {
  let current = schema;
  while (current && typeof current.$ref === "string") {
    current = spec.resolve(current.$ref.slice(1));
  }
  return current;
}

function flatten(
  schema: Json,
): { properties: Record<string, Json>; required: string[]; enum?: unknown[] } {
  const node = deref(schema) ?? {};
  if (node.anyOf) return flatten(node.anyOf[0]);
  const properties: Record<string, Json> = { ...(node.properties ?? {}) };
  const required: string[] = [...(node.required ?? [])];
  let values: unknown[] | undefined = node.enum;
  for (const part of node.allOf ?? []) {
    const flat = flatten(part);
    Object.assign(properties, flat.properties);
    required.push(...flat.required);
    values ??= flat.enum;
  }
  return { properties, required, enum: values };
}

/** Every required field present in `value`, and every enum-typed field present, per the request schema. */
function mutationsOf(
  schema: Json,
  value: Json,
  path: string[] = [],
): Mutation[] {
  const flat = flatten(schema);
  const found: Mutation[] = [];
  if (flat.enum && typeof value === "string") {
    found.push({ kind: "enum", path });
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const key of new Set(flat.required)) {
      if (key in value) found.push({ kind: "missing", path: [...path, key] });
    }
    for (const [key, sub] of Object.entries(flat.properties)) {
      if (key in value) {
        found.push(...mutationsOf(sub, value[key], [...path, key]));
      }
    }
  }
  return found;
}

function mutate(body: Json, mutation: Mutation): Json {
  const copy = structuredClone(body);
  const parent = mutation.path.slice(0, -1).reduce(
    (node, key) => node[key],
    copy,
  );
  const last = mutation.path.at(-1)!;
  if (mutation.kind === "missing") delete parent[last];
  else parent[last] = "not-a-valid-value";
  return copy;
}

interface Invalidated {
  template: string;
  method: "POST" | "PUT";
  path: () => Promise<string> | string;
  body: () => Promise<Json> | Json;
}

const INVALIDATED: Invalidated[] = [
  {
    template: "/incidents",
    method: "POST",
    path: () => "/incidents",
    body: () => incidentBody(),
  },
  {
    template: "/incidents/{id}",
    method: "PUT",
    path: async () => `/incidents/${await newIncident()}`,
    body: () => ({
      incident: {
        type: "incident_reference",
        status: "acknowledged",
        urgency: "low",
      },
    }),
  },
  {
    template: "/incidents/{id}/notes",
    method: "POST",
    path: async () => `/incidents/${await newIncident()}/notes`,
    body: () => ({ note: { content: "x" } }),
  },
  {
    template: "/incidents/{id}/status_updates",
    method: "POST",
    path: async () => `/incidents/${await newIncident()}/status_updates`,
    body: () => ({ message: "x" }),
  },
  {
    template: "/incidents/{id}/responder_requests",
    method: "POST",
    path: async () => `/incidents/${await newIncident()}/responder_requests`,
    body: () => ({
      requester_id: demo.users.admin.id,
      message: "x",
      responder_request_targets: [{
        responder_request_target: {
          id: demo.users.owner.id,
          type: "user_reference",
        },
      }],
    }),
  },
  {
    template: "/incidents/{id}/snooze",
    method: "POST",
    path: async () => {
      const id = await newIncident();
      await admin.put(`/incidents/${id}`, {
        incident: { type: "incident_reference", status: "acknowledged" },
      });
      return `/incidents/${id}/snooze`;
    },
    body: () => ({ duration: 60 }),
  },
  {
    template: "/incident_workflows/{id}/instances",
    method: "POST",
    path: () => `/incident_workflows/${demo.workflows.majorIncident}/instances`,
    body: async () => ({
      incident_workflow_instance: {
        incident: { id: await newIncident(), type: "incident_reference" },
      },
    }),
  },
  {
    template: "/users",
    method: "POST",
    path: () => "/users",
    body: () => ({
      user: {
        type: "user",
        name: "Val Id",
        email: `val-${Math.random()}@example.com`,
        role: "user",
      },
    }),
  },
  {
    template: "/webhook_subscriptions",
    method: "POST",
    path: () => "/webhook_subscriptions",
    body: () => webhookBody(),
  },
];

describe("requests the spec makes invalid are refused", () => {
  it.each(INVALIDATED.map((i) => [`${i.method} ${i.template}`, i] as const))(
    "%s",
    async (_name, target) => {
      const schemaPointer = `/paths/${
        target.template.replaceAll("/", "~1")
      }/${target.method.toLowerCase()}/requestBody/content/application~1json/schema`;
      const schema = spec.resolve(schemaPointer);
      const valid = await target.body();
      expect(spec.validateRequest(target.template, target.method, valid))
        .toEqual([]);
      const mutations = mutationsOf(schema, valid);
      expect(mutations.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for (const mutation of mutations) {
        const body = mutate(await target.body(), mutation);
        expect(spec.validateRequest(target.template, target.method, body)).not
          .toEqual([]);
        const response = await admin.call(
          target.method,
          await target.path(),
          body,
        );
        // An invalid status has its own code (1003); everything else is 2001 "Invalid Input Provided".
        const code = mutation.path.at(-1) === "status" ? 1003 : 2001;
        if (response.status !== 400 || response.body?.error?.code !== code) {
          failures.push(
            `${mutation.kind} ${mutation.path.join(".")}: ${response.status} ${
              JSON.stringify(response.body).slice(0, 200)
            }`,
          );
        }
      }
      expect(failures).toEqual([]);
    },
  );
});
