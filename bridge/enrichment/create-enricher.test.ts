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
import { createSlackClient, type SlackClient } from "../slack/slack-client.ts";
import { silentLogger } from "../test-support.ts";
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
      pagerDutyApiUrl: pd.url,
      token: account.apiKey,
      slack,
      logger: silentLogger(),
    });
    const result = await enrich(
      snapshotOf(incident.id, account.users.responder.id),
    );
    expect(result.mentions).toEqual({
      [account.users.responder.id]: ruiSlackId,
    });
    expect(result.snapshot.acknowledged_by.map((a) => a.agent?.id)).toEqual([
      account.users.responder.id,
    ]);

    // Cached: a second render asks neither PagerDuty's users API nor Slack again.
    const before = slackSim.calls({ method: "users.lookupByEmail" }).length;
    await enrich(snapshotOf(incident.id, account.users.responder.id));
    expect(slackSim.calls({ method: "users.lookupByEmail" }).length).toBe(
      before,
    );
  });

  it("never fails: PagerDuty errors and unreachable APIs leave the webhook data as is", async () => {
    const snapshot = snapshotOf("PNOSUCH", "PNOUSER");
    const broken = createEnricher({
      pagerDutyApiUrl: pd.url,
      token: "wrong-key",
      slack,
      logger: silentLogger(),
    });
    expect(await broken(snapshot)).toEqual({ snapshot, mentions: {} });
    const down = createEnricher({
      pagerDutyApiUrl: "http://127.0.0.1:1",
      token: account.apiKey,
      slack,
      logger: silentLogger(),
      timeoutMs: 200,
    });
    expect(await down(snapshot)).toEqual({ snapshot, mentions: {} });
  });
});
