import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient } from "./create-test-client.ts";
import {
  type DemoAccount,
  type DemoPersona,
  seedDemoAccount,
} from "./seed-demo-account.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "./start-pagerduty-simulator.ts";

let sim: PagerDutySimulator;
let demo: DemoAccount;

beforeAll(async () => {
  sim = await startPagerDutySimulator();
  demo = seedDemoAccount(sim);
});
afterAll(() => sim.close());

const createBody = () => ({
  incident: {
    type: "incident",
    title: "Perms",
    service: { id: demo.services.checkout, type: "service_reference" },
  },
});

/** An incident assigned (level 1 on-call) to the demo responder, created by the manager. */
function openIncident(): string {
  return sim.triggerIncident({
    serviceId: demo.services.checkout,
    title: "Assigned to the responder",
  }).id;
}

function assignTo(incidentId: string, userId: string): void {
  sim.updateIncident(incidentId, {
    type: "incident_reference",
    assignments: [{ assignee: { id: userId, type: "user_reference" } }],
  }, demo.users.admin.id);
}

// Expected outcome per role: create an incident, acknowledge one not assigned to them, acknowledge one assigned
// to them, add a note to one not assigned to them, add a user.
const MATRIX: [
  DemoPersona,
  {
    create: number;
    ackOther: number;
    ackOwn: number;
    noteOther: number;
    addUser: number;
  },
][] = [
  ["owner", {
    create: 201,
    ackOther: 200,
    ackOwn: 200,
    noteOther: 200,
    addUser: 201,
  }],
  ["admin", {
    create: 201,
    ackOther: 200,
    ackOwn: 200,
    noteOther: 200,
    addUser: 201,
  }],
  ["manager", {
    create: 201,
    ackOther: 200,
    ackOwn: 200,
    noteOther: 200,
    addUser: 403,
  }],
  ["responder", {
    create: 201,
    ackOther: 200,
    ackOwn: 200,
    noteOther: 200,
    addUser: 403,
  }],
  ["observer", {
    create: 201,
    ackOther: 403,
    ackOwn: 200,
    noteOther: 403,
    addUser: 403,
  }],
  ["stakeholder", {
    create: 403,
    ackOther: 403,
    ackOwn: 403,
    noteOther: 403,
    addUser: 403,
  }],
  ["limitedStakeholder", {
    create: 403,
    ackOther: 403,
    ackOwn: 403,
    noteOther: 403,
    addUser: 403,
  }],
];

describe.each(MATRIX)("a user token of the %s", (persona, expected) => {
  const client = () =>
    createTestClient(sim.url, {
      token: demo.tokens[persona],
      from: demo.users[persona].email,
    });
  const ack = (id: string) =>
    client().put(`/incidents/${id}`, {
      incident: { type: "incident_reference", status: "acknowledged" },
    });

  it(`creates incidents → ${expected.create}`, async () => {
    const response = await client().post("/incidents", createBody());
    expect(response.status).toBe(expected.create);
    if (response.status === 403) expect(response.body.error.code).toBe(2010);
  });

  it(`acknowledges someone else's incident → ${expected.ackOther}`, async () => {
    const id = openIncident();
    assignTo(
      id,
      persona === "manager" ? demo.users.admin.id : demo.users.manager.id,
    );
    const response = await ack(id);
    expect(response.status).toBe(expected.ackOther);
    if (response.status === 403) {
      expect(response.body.error.code).toBe(2010);
      expect(sim.incident(id)?.status).toBe("triggered");
    }
  });

  it(`acknowledges an incident assigned to them → ${expected.ackOwn}`, async () => {
    const id = openIncident();
    assignTo(id, demo.users[persona].id);
    expect((await ack(id)).status).toBe(expected.ackOwn);
  });

  it(`adds a note to someone else's incident → ${expected.noteOther}`, async () => {
    const id = openIncident();
    assignTo(
      id,
      persona === "manager" ? demo.users.admin.id : demo.users.manager.id,
    );
    const response = await client().post(`/incidents/${id}/notes`, {
      note: { content: "hi" },
    });
    expect(response.status).toBe(expected.noteOther);
  });

  it(`adds users → ${expected.addUser}`, async () => {
    const response = await client().post("/users", {
      user: {
        type: "user",
        name: `New ${persona}`,
        email: `new-${persona}@example.com`,
        role: "limited_user",
      },
    });
    expect(response.status).toBe(expected.addUser);
  });

  it("reads incidents and itself", async () => {
    expect((await client().get("/incidents")).status).toBe(200);
    const me = await client().get("/users/me");
    expect(me.body.user.role).toBe(demo.users[persona].role);
  });
});

describe("API keys", () => {
  it("acts as the From user: a stakeholder requester is not authorized (403, 1018)", async () => {
    const client = createTestClient(sim.url, {
      apiKey: demo.apiKey,
      from: demo.users.stakeholder.email,
    });
    const response = await client.post("/incidents", createBody());
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe(1018);
  });

  it("refuses writes with a read-only key (403, 2010) but reads", async () => {
    const client = createTestClient(sim.url, {
      apiKey: demo.readOnlyApiKey,
      from: demo.users.admin.email,
    });
    expect((await client.get("/services")).status).toBe(200);
    const response = await client.post("/incidents", createBody());
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe(2010);
  });

  it("has no /users/me (400)", async () => {
    const client = createTestClient(sim.url, { apiKey: demo.apiKey });
    expect((await client.get("/users/me")).status).toBe(400);
  });
});

describe("OAuth scopes", () => {
  it("allows reads with incidents.read and refuses writes without incidents.write", async () => {
    const token = sim.seed.userToken({
      userId: demo.users.responder.id,
      scopes: ["incidents.read", "users.read"],
    });
    const client = createTestClient(sim.url, {
      token: token.token,
      from: demo.users.responder.email,
    });
    expect((await client.get("/incidents")).status).toBe(200);
    const response = await client.post("/incidents", createBody());
    // PagerDuty's own body for a missing scope, not the error envelope (pagerduty-error.ts, ScopeMissing).
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      message: "Token missing required scopes",
      required_scopes: "incidents.write",
    });
    expect((await client.get("/services")).body).toEqual({
      message: "Token missing required scopes",
      required_scopes: "services.read",
    });
  });

  it("checks the scope the spec names, not one guessed from the path", async () => {
    // GET /users/me requires no scope in the spec; an openid-only token may call it, and nothing else.
    const token = sim.seed.userToken({
      userId: demo.users.responder.id,
      scopes: ["openid"],
    });
    const client = createTestClient(sim.url, { token: token.token });
    expect((await client.get("/users/me")).status).toBe(200);
    expect((await client.get("/teams")).body.required_scopes).toBe(
      "teams.read",
    );
    expect(
      (await client.get(`/incidents/${"PNOPE00"}`)).body.required_scopes,
    ).toBe("incidents.read");
  });

  it("covers read with the write scope, and everything with the coarse read/write scopes", async () => {
    const writer = createTestClient(sim.url, {
      token: sim.seed.userToken({
        userId: demo.users.responder.id,
        scopes: ["teams.write"],
      }).token,
    });
    expect((await writer.get("/teams")).status).toBe(200);
    const reader = createTestClient(sim.url, {
      token: sim.seed.userToken({
        userId: demo.users.responder.id,
        scopes: ["read"],
      }).token,
    });
    expect((await reader.get("/teams")).status).toBe(200);
    expect((await reader.post("/incidents", createBody())).status).toBe(403);
  });
});

describe("the From header the spec requires", () => {
  it("is required with a user token too, with PagerDuty's wording", async () => {
    const client = createTestClient(sim.url, { token: demo.tokens.responder });
    const response = await client.post("/incidents", createBody());
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(2001);
    expect(response.body.error.errors).toEqual([
      'You must specify a user\'s email address in the "From" header to perform this action',
    ]);
    const id = (await createTestClient(sim.url, {
      token: demo.tokens.responder,
      from: demo.users.responder.email,
    }).post("/incidents", createBody())).body.incident.id;
    // PUT /incidents/{id} and POST …/notes declare it; POST …/responder_requests does not.
    expect(
      (await client.put(`/incidents/${id}`, {
        incident: { type: "incident_reference", status: "acknowledged" },
      })).status,
    ).toBe(400);
    expect(
      (await client.post(`/incidents/${id}/notes`, { note: { content: "x" } }))
        .status,
    ).toBe(400);
    expect((await client.get(`/incidents/${id}`)).status).toBe(200);
  });
});
