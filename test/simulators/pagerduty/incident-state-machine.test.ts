import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestClient,
  type Json,
  type TestClient,
} from "./create-test-client.ts";
import { type DemoAccount, seedDemoAccount } from "./seed-demo-account.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "./start-pagerduty-simulator.ts";

let sim: PagerDutySimulator;
let demo: DemoAccount;
let pd: TestClient;

beforeAll(async () => {
  sim = await startPagerDutySimulator();
  demo = seedDemoAccount(sim);
  pd = createTestClient(sim.url, {
    apiKey: demo.apiKey,
    from: demo.users.manager.email,
  });
});
afterAll(() => sim.close());

async function createIncident(
  extra: Record<string, unknown> = {},
  client = pd,
) {
  const response = await client.post("/incidents", {
    incident: {
      type: "incident",
      title: "Checkout is down",
      service: { id: demo.services.checkout, type: "service_reference" },
      ...extra,
    },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.incident;
}

const setStatus = (id: string, status: string, client = pd) =>
  client.put(`/incidents/${id}`, {
    incident: { type: "incident_reference", status },
  });

describe("creating incidents", () => {
  it("triggers on the service's escalation policy, level 1 on-call", async () => {
    const incident = await createIncident({ urgency: "low" });
    expect(incident).toMatchObject({
      type: "incident",
      status: "triggered",
      urgency: "low",
      assigned_via: "escalation_policy",
      escalation_policy: { id: demo.escalationPolicies.checkout },
      priority: null,
      resolved_at: null,
    });
    expect(incident.assignments.map((a: Json) => a.assignee.id)).toEqual([
      demo.users.responder.id,
    ]);
    expect(incident.teams.map((t: Json) => t.id)).toEqual([
      demo.teams.payments,
    ]);
  });

  it("starts acknowledged when the requester assigns it to themselves", async () => {
    const incident = await createIncident({
      assignments: [{
        assignee: { id: demo.users.manager.id, type: "user_reference" },
      }],
    });
    expect(incident.status).toBe("acknowledged");
    expect(incident.assigned_via).toBe("direct_assignment");
    expect(incident.acknowledgements[0].acknowledger.id).toBe(
      demo.users.manager.id,
    );
  });

  it("rejects assignments together with an escalation policy", async () => {
    const response = await pd.post("/incidents", {
      incident: {
        type: "incident",
        title: "x",
        service: { id: demo.services.checkout, type: "service_reference" },
        escalation_policy: {
          id: demo.escalationPolicies.platform,
          type: "escalation_policy_reference",
        },
        assignments: [{
          assignee: { id: demo.users.admin.id, type: "user_reference" },
        }],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(2001);
  });

  it("rejects an incident_key already open on the service, and accepts it again once resolved", async () => {
    const first = await createIncident({ incident_key: "disk-full" });
    const duplicate = await pd.post("/incidents", {
      incident: {
        type: "incident",
        title: "again",
        service: { id: demo.services.checkout, type: "service_reference" },
        incident_key: "disk-full",
      },
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error).toMatchObject({
      code: 2001,
      errors: [
        "Open incident with matching dedup key already exists on this service",
      ],
    });
    // Another service may use the same key.
    await createIncident({
      incident_key: "disk-full",
      service: { id: demo.services.api, type: "service_reference" },
    });
    await setStatus(first.id, "resolved");
    await createIncident({ incident_key: "disk-full" });
  });

  it("sets a priority by reference or by name; unknown priorities answer 1020", async () => {
    const byRef = await createIncident({
      priority: { id: demo.priorities.P2, type: "priority_reference" },
    });
    expect(byRef.priority.id).toBe(demo.priorities.P2);
    const byName = await pd.put(`/incidents/${byRef.id}`, {
      incident: { type: "incident_reference", priority: "P1" },
    });
    expect(byName.body.incident.priority).toMatchObject({
      id: demo.priorities.P1,
      summary: "P1",
    });
    const unknown = await pd.put(`/incidents/${byRef.id}`, {
      incident: {
        type: "incident_reference",
        priority: { id: "PNOPE00", type: "priority_reference" },
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe(1020);
  });

  it("requires From with an API key, and a known user in it", async () => {
    const anonymous = createTestClient(sim.url, { apiKey: demo.apiKey });
    const missing = await anonymous.post("/incidents", {
      incident: {
        type: "incident",
        title: "x",
        service: { id: demo.services.checkout, type: "service_reference" },
      },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe(2001);
    expect(missing.body.error.errors[0]).toMatch(/"From" header/);
    const stranger = createTestClient(sim.url, {
      apiKey: demo.apiKey,
      from: "nobody@example.com",
    });
    const unknown = await stranger.post("/incidents", {
      incident: {
        type: "incident",
        title: "x",
        service: { id: demo.services.checkout, type: "service_reference" },
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe(1008);
    // A user token needs it too: the spec declares `From` required on POST /incidents for every caller.
    const token = createTestClient(sim.url, { token: demo.tokens.responder });
    const withoutFrom = await token.post("/incidents", {
      incident: {
        type: "incident",
        title: "x",
        service: { id: demo.services.checkout, type: "service_reference" },
      },
    });
    expect(withoutFrom.status).toBe(400);
    await createIncident(
      {},
      createTestClient(sim.url, {
        token: demo.tokens.responder,
        from: demo.users.responder.email,
      }),
    );
  });
});

describe("status changes", () => {
  it("acknowledges once, resolves once, and reports the codes for repeats", async () => {
    const { id } = await createIncident();
    const ack = await setStatus(id, "acknowledged");
    expect(ack.status).toBe(200);
    expect(ack.body.incident.status).toBe("acknowledged");
    expect(ack.body.incident.acknowledgements[0].acknowledger.id).toBe(
      demo.users.manager.id,
    );
    const again = await setStatus(id, "acknowledged");
    expect(again.status).toBe(400);
    expect(again.body.error).toEqual({
      message: "Incident Already Acknowledged",
      code: 1002,
    });
    const resolved = await setStatus(id, "resolved");
    expect(resolved.body.incident).toMatchObject({
      status: "resolved",
      assignments: [],
      acknowledgements: [],
    });
    expect(resolved.body.incident.resolved_at).toBeTruthy();
    const twice = await setStatus(id, "resolved");
    expect(twice.body.error).toEqual({
      message: "Incident Already Resolved",
      code: 1001,
    });
  });

  it("reopens a resolved incident as triggered (policy level 1) or as acknowledged (the requester)", async () => {
    const { id } = await createIncident();
    await setStatus(id, "resolved");
    const triggered = await setStatus(id, "triggered");
    expect(triggered.body.incident).toMatchObject({
      status: "triggered",
      resolved_at: null,
    });
    expect(triggered.body.incident.assignments[0].assignee.id).toBe(
      demo.users.responder.id,
    );
    await setStatus(id, "resolved");
    const acknowledged = await setStatus(id, "acknowledged");
    expect(acknowledged.body.incident.status).toBe("acknowledged");
    expect(
      acknowledged.body.incident.assignments.map((a: Json) => a.assignee.id),
    ).toEqual([demo.users.manager.id]);
  });

  it("un-acknowledges with status triggered, and refuses it on a triggered incident (1012)", async () => {
    const { id } = await createIncident();
    const refused = await setStatus(id, "triggered");
    expect(refused.body.error.code).toBe(1012);
    await setStatus(id, "acknowledged");
    const unacked = await setStatus(id, "triggered");
    expect(unacked.body.incident).toMatchObject({
      status: "triggered",
      acknowledgements: [],
    });
  });

  it("answers 1003 for a status outside the enum and leaves the incident as it was", async () => {
    const { id } = await createIncident();
    const response = await pd.put(`/incidents/${id}`, {
      incident: {
        type: "incident_reference",
        status: "closed",
        title: "renamed",
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(1003);
    expect(sim.incident(id)?.title).toBe("Checkout is down");
  });
});

describe("routing", () => {
  it("escalates to level 2 and refuses levels past the last (1006)", async () => {
    const { id } = await createIncident();
    await setStatus(id, "acknowledged");
    const escalated = await pd.put(`/incidents/${id}`, {
      incident: { type: "incident_reference", escalation_level: 2 },
    });
    expect(escalated.body.incident.status).toBe("triggered");
    expect(escalated.body.incident.assignments.map((a: Json) => a.assignee.id))
      .toEqual([demo.users.manager.id]);
    const past = await pd.put(`/incidents/${id}`, {
      incident: { type: "incident_reference", escalation_level: 3 },
    });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe(1006);
  });

  it("delegates to another escalation policy, or answers 1014 when it does not exist", async () => {
    const { id } = await createIncident();
    const delegated = await pd.put(`/incidents/${id}`, {
      incident: {
        type: "incident_reference",
        escalation_policy: {
          id: demo.escalationPolicies.platform,
          type: "escalation_policy_reference",
        },
      },
    });
    expect(delegated.body.incident.escalation_policy.id).toBe(
      demo.escalationPolicies.platform,
    );
    expect(delegated.body.incident.assignments[0].assignee.id).toBe(
      demo.users.responder2.id,
    );
    const missing = await pd.put(`/incidents/${id}`, {
      incident: {
        type: "incident_reference",
        escalation_policy: {
          id: "PNOPE00",
          type: "escalation_policy_reference",
        },
      },
    });
    expect(missing.body.error.code).toBe(1014);
  });

  it("reassigns directly, and refuses re-routing a resolved incident", async () => {
    const { id } = await createIncident();
    const reassigned = await pd.put(`/incidents/${id}`, {
      incident: {
        type: "incident_reference",
        assignments: [{
          assignee: { id: demo.users.admin.id, type: "user_reference" },
        }],
      },
    });
    expect(reassigned.body.incident.assigned_via).toBe("direct_assignment");
    expect(reassigned.body.incident.assignments[0].assignee.id).toBe(
      demo.users.admin.id,
    );
    await setStatus(id, "resolved");
    const late = await pd.put(`/incidents/${id}`, {
      incident: { type: "incident_reference", escalation_level: 2 },
    });
    expect(late.body.error.code).toBe(1001);
  });
});

describe("bulk update, lookups and sub-resources", () => {
  it("updates several incidents at once, all or nothing", async () => {
    const a = await createIncident();
    const b = await createIncident();
    const refused = await pd.put("/incidents", {
      incidents: [
        { id: a.id, type: "incident_reference", status: "acknowledged" },
        { id: "QNOPE", type: "incident_reference", status: "acknowledged" },
      ],
    });
    expect(refused.status).toBe(404);
    expect(sim.incident(a.id)?.status).toBe("triggered");
    const done = await pd.put("/incidents", {
      incidents: [
        { id: a.id, type: "incident_reference", status: "acknowledged" },
        { id: b.id, type: "incident_reference", status: "resolved" },
      ],
    });
    expect(done.body.incidents.map((i: Json) => i.status)).toEqual([
      "acknowledged",
      "resolved",
    ]);
  });

  it("reads an incident by id or by number, 404 with code 2100 otherwise", async () => {
    const incident = await createIncident();
    expect(
      (await pd.get(`/incidents/${incident.incident_number}`)).body.incident.id,
    ).toBe(incident.id);
    const missing = await pd.get("/incidents/QDOESNOTEXIST");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe(2100);
  });

  it("adds and lists notes, status updates and responders", async () => {
    const { id } = await createIncident();
    expect(
      (await pd.post(`/incidents/${id}/notes`, {
        note: { content: "Rolling back" },
      })).status,
    ).toBe(200);
    const notes = await pd.get(`/incidents/${id}/notes`);
    expect(notes.body.notes.map((n: Json) => [n.content, n.user.id])).toEqual([[
      "Rolling back",
      demo.users.manager.id,
    ]]);
    const blank = await pd.post(`/incidents/${id}/notes`, {
      note: { content: "" },
    });
    expect(blank.body.error.code).toBe(2001);
    const update = await pd.post(`/incidents/${id}/status_updates`, {
      message: "Mitigated",
    });
    expect(update.body.status_update).toMatchObject({
      message: "Mitigated",
      sender: { id: demo.users.manager.id },
    });
    const responders = await pd.post(`/incidents/${id}/responder_requests`, {
      requester_id: demo.users.manager.id,
      message: "Join the bridge",
      responder_request_targets: [{
        responder_request_target: {
          id: demo.users.admin.id,
          type: "user_reference",
        },
      }],
    });
    expect(responders.status).toBe(200);
    const after = await pd.get(`/incidents/${id}`);
    expect(after.body.incident.incidents_responders[0].user.id).toBe(
      demo.users.admin.id,
    );
  });

  it("snoozes acknowledged incidents only", async () => {
    const { id } = await createIncident();
    expect(
      (await pd.post(`/incidents/${id}/snooze`, { duration: 600 })).body.error
        .code,
    ).toBe(1012);
    await setStatus(id, "acknowledged");
    expect((await pd.post(`/incidents/${id}/snooze`, { duration: 600 })).status)
      .toBe(201);
    expect(
      (await pd.post(`/incidents/${id}/snooze`, { duration: 0 })).body.error
        .code,
    ).toBe(2001);
  });

  it("refuses to snooze a resolved incident (1001) and a snooze without the From header the spec requires", async () => {
    const { id } = await createIncident();
    await setStatus(id, "acknowledged");
    const noFrom = createTestClient(sim.url, { apiKey: demo.apiKey });
    const missing = await noFrom.post(`/incidents/${id}/snooze`, {
      duration: 600,
    });
    expect(missing.status).toBe(400);
    expect(sim.incident(id)?.snoozedUntil).toBeNull();
    await setStatus(id, "resolved");
    expect(
      (await pd.post(`/incidents/${id}/snooze`, { duration: 600 })).body.error
        .code,
    ).toBe(1001);
  });

  it("asks responders by user or escalation policy, and refuses a schedule as a target", async () => {
    const { id } = await createIncident();
    const request = (target: { id: string; type: string }) =>
      pd.post(`/incidents/${id}/responder_requests`, {
        requester_id: demo.users.manager.id,
        message: "Join the bridge",
        responder_request_targets: [{ responder_request_target: target }],
      });
    // ResponderRequestTargetReference: "either a user or an escalation policy" (PagerDuty REST API spec).
    const bySchedule = await request({
      id: demo.schedules.platform,
      type: "schedule_reference",
    });
    expect(bySchedule.status).toBe(400);
    expect(bySchedule.body.error.code).toBe(2001);
    const byPolicy = await request({
      id: demo.escalationPolicies.platform,
      type: "escalation_policy_reference",
    });
    expect(byPolicy.status).toBe(200);
    const after = await pd.get(`/incidents/${id}`);
    // The policy's first level: the Platform primary schedule's on-call user.
    expect(
      after.body.incident.incidents_responders.map((
        r: { user: { id: string } },
      ) => r.user.id),
    ).toContain(demo.users.responder2.id);
  });

  it("lists manual workflow triggers for an incident with a cursor, and starts a workflow (201)", async () => {
    const { id } = await createIncident();
    const extra = Array.from(
      { length: 3 },
      (_, i) =>
        sim.seed.workflow({
          name: `Extra ${i}`,
          serviceIds: [demo.services.checkout],
        }),
    );
    sim.seed.workflow({ name: "API only", serviceIds: [demo.services.api] });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string =
        `/incident_workflows/triggers?trigger_type=manual&incident_id=${id}&limit=2${
          cursor ? `&cursor=${cursor}` : ""
        }`;
      const page = await pd.get(query);
      expect(page.status).toBe(200);
      seen.push(...page.body.triggers.map((t: Json) => t.workflow.name));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(["Major incident", ...extra.map((w) => w.name)]);
    const started = await pd.post(
      `/incident_workflows/${demo.workflows.majorIncident}/instances`,
      {
        incident_workflow_instance: {
          incident: { id, type: "incident_reference" },
        },
      },
    );
    expect(started.status).toBe(201);
    expect(started.body.incident_workflow_instance.incident.id).toBe(id);
  });

  it("filters lists by status, service, team and urgency", async () => {
    const low = await createIncident({
      urgency: "low",
      service: { id: demo.services.dataPipeline, type: "service_reference" },
    });
    const byService = await pd.get(
      `/incidents?service_ids[]=${demo.services.dataPipeline}&urgencies[]=low`,
    );
    expect(byService.body.incidents.map((i: Json) => i.id)).toEqual([low.id]);
    const byTeam = await pd.get(
      `/incidents?team_ids[]=${demo.teams.platform}&statuses[]=triggered&limit=100`,
    );
    expect(
      byTeam.body.incidents.every((i: Json) =>
        i.teams.some((t: Json) => t.id === demo.teams.platform)
      ),
    ).toBe(true);
    const bad = await pd.get("/incidents?statuses[]=open");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe(2001);
  });
});
