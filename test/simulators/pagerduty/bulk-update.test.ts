// PUT /incidents (bulk update) as PagerDuty's REST reference describes it: "Acknowledge, resolve, escalate or
// reassign one or more incidents. A maximum of 250 incidents may be updated at a time. If more than this number
// of incidents are given, the API will respond with status 413 (Request Entity Too Large)"; `From` required.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient } from "./create-test-client.ts";
import { type DemoAccount, seedDemoAccount } from "./seed-demo-account.ts";
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
afterAll(() => sim?.close());

const ackAll = (ids: string[]) => ({
  incidents: ids.map((id) => ({
    id,
    type: "incident_reference",
    status: "acknowledged",
  })),
});

describe("PUT /incidents", () => {
  it("acknowledges several incidents as the From user in one request", async () => {
    const ids = [1, 2, 3].map((n) =>
      sim.triggerIncident({
        serviceId: demo.services.checkout,
        title: `bulk ${n}`,
      }).id
    );
    const client = createTestClient(sim.url, {
      apiKey: demo.apiKey,
      from: demo.users.responder.email,
    });
    const response = await client.put("/incidents", ackAll(ids));
    expect(response.status).toBe(200);
    for (const id of ids) {
      expect(sim.incident(id)?.status).toBe("acknowledged");
      expect(sim.incident(id)?.acknowledgements.map((a) => a.userId)).toEqual([
        demo.users.responder.id,
      ]);
    }
  });

  it("answers 413 for more than 250 incidents and changes none", async () => {
    const ids = Array.from({ length: 251 }, (_, n) =>
      sim.triggerIncident({
        serviceId: demo.services.checkout,
        title: `many ${n}`,
      }).id);
    const client = createTestClient(sim.url, {
      apiKey: demo.apiKey,
      from: demo.users.responder.email,
    });
    const response = await client.put("/incidents", ackAll(ids));
    expect(response.status).toBe(413);
    expect(ids.every((id) => sim.incident(id)?.status === "triggered")).toBe(
      true,
    );
    const ok = await client.put("/incidents", ackAll(ids.slice(0, 250)));
    expect(ok.status).toBe(200);
  });

  it("refuses an incident write without From", async () => {
    const id = sim.triggerIncident({
      serviceId: demo.services.checkout,
      title: "no from",
    }).id;
    const client = createTestClient(sim.url, { apiKey: demo.apiKey });
    const response = await client.put("/incidents", ackAll([id]));
    expect(response.status).toBe(400);
    expect(sim.incident(id)?.status).toBe("triggered");
  });
});
