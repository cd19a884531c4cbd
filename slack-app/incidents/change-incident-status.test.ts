import {
  afterAll,
  beforeAll,
  describe,
  expect,
  it,
} from "../../test/slack-app/bdd.ts";
import { createPagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import {
  type DemoAccount,
  seedDemoAccount,
} from "../../test/simulators/pagerduty/seed-demo-account.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import {
  changeIncidentStatus,
  describeAlready,
} from "./change-incident-status.ts";

let pd: PagerDutySimulator;
let demo: DemoAccount;
beforeAll(async () => {
  pd = await startPagerDutySimulator();
  demo = seedDemoAccount(pd);
});
afterAll(async () => {
  await pd.close();
});

/**
 * The real client, except that just before its PUT someone else changes the incident in PagerDuty: the race
 * between our read and our write, made deterministic.
 */
function racingClient(
  token: string,
  competitor: () => void,
): PagerDutyClient {
  const real = createPagerDutyClient({ baseUrl: pd.url, token });
  return {
    get: real.get,
    post: real.post,
    put: (path, body) => {
      competitor();
      return real.put(path, body);
    },
    me: real.me,
  };
}

function openIncident() {
  return pd.triggerIncident({
    serviceId: demo.services.checkout,
    title: "Race",
  });
}

describe("changeIncidentStatus under a race", () => {
  it("reports PagerDuty's 1001 'already resolved' answer to a write that lost the race", async () => {
    const incident = openIncident();
    const client = racingClient(demo.tokens.responder, () => {
      pd.updateIncident(
        incident.id,
        { status: "resolved" },
        demo.users.manager.id,
      );
      // PagerDuty's answer to a status change it refuses on a resolved incident (error code 1001).
      pd.faults.failNext(1, {
        status: 400,
        body: JSON.stringify({
          error: { message: "Incident Already Resolved", code: 1001 },
        }),
        match: { method: "PUT", path: `/incidents/${incident.id}` },
      });
    });
    const result = await changeIncidentStatus(
      client,
      incident.id,
      "acknowledged",
    );
    expect(pd.incident(incident.id)?.status).toBe("resolved");
    expect(result).toMatchObject({
      ok: false,
      reason: "already",
      state: "resolved",
    });
    if (!result.ok) {
      expect(describeAlready(result)).toBe(
        `:information_source: Incident #${incident.number} is already resolved by Maya Manager. Nothing was changed.`,
      );
    }
  });

  it("does not send the write at all when the incident was resolved before the click", async () => {
    const incident = openIncident();
    pd.updateIncident(
      incident.id,
      { status: "resolved" },
      demo.users.manager.id,
    );
    pd.clearRequests();
    const client = createPagerDutyClient({
      baseUrl: pd.url,
      token: demo.tokens.responder,
    });
    const result = await changeIncidentStatus(
      client,
      incident.id,
      "acknowledged",
    );
    expect(result).toMatchObject({
      ok: false,
      state: "resolved",
      by: "Maya Manager",
    });
    expect(pd.requests().map((r) => r.method)).toEqual(["GET"]);
    expect(pd.incident(incident.id)?.status).toBe("resolved");
  });

  it("reports an acknowledgement that won the race", async () => {
    const incident = openIncident();
    const client = racingClient(demo.tokens.responder, () => {
      pd.updateIncident(
        incident.id,
        { status: "acknowledged" },
        demo.users.manager.id,
      );
    });
    const result = await changeIncidentStatus(
      client,
      incident.id,
      "acknowledged",
    );
    // PagerDuty either answers 1002 or accepts the repeated acknowledgement; both leave it acknowledged.
    expect(pd.incident(incident.id)?.status).toBe("acknowledged");
    if (!result.ok) {
      expect(result.state).toBe("acknowledged");
      expect(result.by).toBe("Maya Manager");
    }
  });
});
