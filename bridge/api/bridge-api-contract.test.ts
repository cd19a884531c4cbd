// The hosted app's bridge client against the real bridge API: every body the bridge answers is what the shared
// contract says (checked with the same valibot schemas the bridge validates requests with), and the client reads it.
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ApiError,
  CardRefresh,
  ChannelConnections,
  Connection,
  ConnectionList,
  ConnectionRequest,
  IncidentChannel,
  IncidentChannelRequest,
  OncallGroup,
  OncallGroupList,
  UsergroupList,
  WorkflowTriggerList,
} from "../../shared/bridge-api/bridge-api-schemas.ts";
import { startSlackSimulator } from "../../test/simulators/slack/start-slack-simulator.ts";
import { createUsergroup } from "../../test/simulators/slack/usergroups-methods.ts";
import { createSlackClient } from "../slack/slack-client.ts";
import { SLACK_SCOPES_USED } from "../slack/slack-methods-used.ts";
import type { Schema } from "../../shared/bridge-api/schema.ts";
import { createBridgeClient } from "../../slack-app/bridge/bridge-client.ts";
import {
  noSlack,
  silentLogger,
  TEST_API_TOKEN,
  TEST_SECRETS,
  testMetrics,
} from "../../test/support/bridge-test-support.ts";
import { type Database, openDatabase } from "../db/open-database.ts";
import { parkDelivery, tokenFingerprint } from "../outbox/delivery-blocks.ts";
import { createBridgeApp } from "../server.ts";
import { toValibot } from "./to-valibot.ts";

/** Which schema each answer of the bridge API must satisfy. */
const RESPONSES: [method: string, path: RegExp, status: number, Schema][] = [
  ["GET", /^\/api\/v1\/connections\?channel_id=/, 200, ChannelConnections],
  ["GET", /^\/api\/v1\/connections$/, 200, ConnectionList],
  ["PUT", /^\/api\/v1\/connections\/[^/]+$/, 200, Connection],
  ["POST", /^\/api\/v1\/incidents\/[^/]+\/channels$/, 201, IncidentChannel],
  ["POST", /^\/api\/v1\/incidents\/[^/]+\/refresh$/, 202, CardRefresh],
  ["PUT", /^\/api\/v1\/workflow-triggers$/, 200, WorkflowTriggerList],
  ["GET", /^\/api\/v1\/workflow-triggers$/, 200, WorkflowTriggerList],
  ["GET", /^\/api\/v1\/usergroups(\?team_id=.*)?$/, 200, UsergroupList],
  ["GET", /^\/api\/v1\/oncall-groups(\?team_id=.*)?$/, 200, OncallGroupList],
  ["PUT", /^\/api\/v1\/oncall-groups\/[^/]+$/, 200, OncallGroup],
];

let database: Database;
let app: ReturnType<typeof createBridgeApp>;
let answers: { route: string; status: number; body: unknown }[];

beforeEach(async () => {
  database = openDatabase(":memory:");
  await database.migrate();
  app = createBridgeApp({
    db: database.db,
    isReady: database.isReady,
    slack: noSlack,
    metrics: testMetrics(),
    logger: silentLogger(),
    webhookSecrets: TEST_SECRETS,
    apiTokens: [TEST_API_TOKEN],
  });
  answers = [];
});
afterEach(() => database.close());

/** The bridge app in place of the network, keeping every answer to check against the contract. */
const bridgeFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const route = url.pathname + url.search;
  const response = await app.request(route, init);
  const text = await response.clone().text();
  answers.push({
    route: `${init?.method ?? "GET"} ${route}`,
    status: response.status,
    body: text === "" ? undefined : JSON.parse(text),
  });
  return response;
};

const client = (token = TEST_API_TOKEN) =>
  createBridgeClient({
    baseUrl: "http://bridge.test/",
    token,
    fetch: bridgeFetch,
  });

function contractProblems(): string[] {
  return answers.flatMap(({ route, status, body }) => {
    const [method, path] = route.split(" ") as [string, string];
    const schema = status >= 400
      ? ApiError
      : RESPONSES.find(([m, p, s]) =>
        m === method && p.test(path) && s === status
      )?.[3];
    if (status === 204) return body === undefined ? [] : [`${route}: a body`];
    if (!schema) return [`${route} answered ${status}, not in the contract`];
    const parsed = v.safeParse(toValibot(schema), body);
    return parsed.success
      ? []
      : [`${route}: ${parsed.issues.map((i) => i.message).join(", ")}`];
  });
}

const connection: Connection = {
  id: "conn-1",
  channel_id: "C0INCIDENTS",
  source_type: "service",
  source_id: "PSVC001",
  notification_type: "responder",
  events: ["incident.acknowledged", "incident.resolved"],
  urgency: "high",
  priorities: ["PPRIO01", "no_priority"],
  thread_updates: true,
};

describe("the hosted app's bridge client and the bridge agree", () => {
  it("on connections, delivery problems, incident channels and refresh", async () => {
    const bridge = client();
    expect(await bridge.putConnection(connection)).toEqual({
      ok: true,
      value: connection,
    });
    expect(await bridge.listConnections("C0INCIDENTS")).toEqual({
      ok: true,
      value: { connections: [connection], delivery_problem: null },
    });

    const since = new Date("2026-11-29T12:00:00.000Z");
    await parkDelivery(database.db, {
      scope: "workspace",
      key: "default",
      error: "token_revoked",
      token_fingerprint: tokenFingerprint("xoxb-old"),
      retry_at: since.toISOString(),
      now: since,
    });
    expect(await bridge.listConnections("C0INCIDENTS")).toEqual({
      ok: true,
      value: {
        connections: [connection],
        delivery_problem: {
          scope: "workspace",
          error: "token_revoked",
          since: since.toISOString(),
          parked_jobs: 0,
        },
      },
    });
    await bridgeFetch("http://bridge.test/api/v1/connections", {
      headers: { Authorization: `Bearer ${TEST_API_TOKEN}` },
    });

    expect(
      await bridge.setIncidentChannel("PINC001", { channel_id: "C0WAR" }),
    ).toEqual({ ok: true, value: { channel_id: "C0WAR" } });
    expect(await bridge.refreshCards("PINC001")).toEqual({
      ok: true,
      value: { cards: 0 },
    });
    expect(await bridge.deleteConnection("conn-1")).toEqual({
      ok: true,
      value: undefined,
    });
    expect(contractProblems()).toEqual([]);
    expect(answers).toHaveLength(7);
  });

  it("on workflow triggers: registered URLs are kept by name, a later one replaces an earlier", async () => {
    const bridge = client();
    const help = "https://slack.com/shortcuts/Ft0HELP/abc123";
    const trigger = "https://slack.com/shortcuts/Ft0TRIG/def456";
    expect(
      await bridge.putWorkflowTriggers([{ name: "help", url: help }]),
    ).toEqual({ ok: true, value: { triggers: [{ name: "help", url: help }] } });
    const newer = "https://slack.com/shortcuts/Ft0HELP2/aaa";
    expect(
      await bridge.putWorkflowTriggers([
        { name: "trigger_incident", url: trigger },
        { name: "help", url: newer },
      ]),
    ).toEqual({
      ok: true,
      value: {
        triggers: [
          { name: "help", url: newer },
          { name: "trigger_incident", url: trigger },
        ],
      },
    });
    expect(
      await bridge.putWorkflowTriggers([
        { name: "help", url: "https://example.com/shortcuts/x" },
      ]),
    ).toMatchObject({ ok: false, failure: { kind: "invalid" } });
    await bridgeFetch("http://bridge.test/api/v1/workflow-triggers", {
      headers: { Authorization: `Bearer ${TEST_API_TOKEN}` },
    });
    expect(contractProblems()).toEqual([]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 400, 200]);
  });

  it("on user groups and on-call groups, a conflict read like a refusal naming its field", async () => {
    const slack = await startSlackSimulator();
    try {
      const token = slack.createToken({
        kind: "bot",
        appId: "ABRIDGE",
        scopes: SLACK_SCOPES_USED,
      });
      app = createBridgeApp({
        db: database.db,
        isReady: database.isReady,
        slack: createSlackClient({
          token: token.token,
          slackApiUrl: slack.url,
        }),
        metrics: testMetrics(),
        logger: silentLogger(),
        webhookSecrets: TEST_SECRETS,
        apiTokens: [TEST_API_TOKEN],
      });
      const group = createUsergroup(slack.workspace, {
        handle: "checkout-oncall",
        name: "Checkout on call",
      });
      const bridge = client();
      expect(await bridge.listUsergroups()).toEqual({
        ok: true,
        value: {
          usergroups: [{
            id: group.id,
            handle: "checkout-oncall",
            name: "Checkout on call",
          }],
          unavailable: null,
        },
      });
      const request = {
        usergroup_id: group.id,
        source_type: "schedule" as const,
        source_id: "PSCHED1",
        escalation_level: null,
      };
      expect(await bridge.putOncallGroup("first", request)).toMatchObject({
        ok: true,
        value: { id: "first", state: "pending" },
      });
      expect(await bridge.putOncallGroup("second", request)).toMatchObject({
        ok: false,
        failure: {
          kind: "invalid",
          field: "usergroup_id",
          message: expect.stringContaining("already follows"),
        },
      });
      expect(await bridge.listOncallGroups()).toMatchObject({
        ok: true,
        value: { oncall_groups: [{ id: "first" }] },
      });
      expect(contractProblems()).toEqual([]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 409, 200]);
    } finally {
      await slack.close();
    }
  });

  it("on refusals: the client reads the field and message of every error", async () => {
    const bridge = client();
    expect(
      await bridge.putConnection({ ...connection, channel_id: "general" }),
    ).toEqual({
      ok: false,
      failure: {
        kind: "invalid",
        field: "channel_id",
        message: "channel_id must be a Slack channel id (C… or G…)",
      },
    });
    expect(await bridge.deleteConnection("conn-9")).toEqual({
      ok: false,
      failure: { kind: "not_found" },
    });
    expect(await client("wrong").refreshCards("PINC001")).toEqual({
      ok: false,
      failure: { kind: "unauthorized" },
    });
    expect(contractProblems()).toEqual([]);
    expect(answers.map((a) => a.status)).toEqual([400, 404, 401]);
  });

  it("the requests the client's types allow are the ones the bridge accepts", () => {
    const requests: IncidentChannelRequest[] = [
      { channel_id: "C0WAR" },
      { create: { private: true }, invite_user_ids: ["U0ALICE"] },
      { create: { private: false, name: "inc-42" } },
    ];
    for (const request of requests) {
      expect(v.safeParse(toValibot(IncidentChannelRequest), request).success)
        .toBe(true);
    }
    expect(v.safeParse(toValibot(ConnectionRequest), connection).success)
      .toBe(true);
  });

  it("notices an answer outside the contract", () => {
    answers = [
      {
        route: "GET /api/v1/connections?channel_id=C1",
        status: 200,
        body: { connections: [] },
      },
      {
        route: "POST /api/v1/incidents/P1/refresh",
        status: 200,
        body: { cards: 1 },
      },
    ];
    expect(contractProblems()).toEqual([
      "GET /api/v1/connections?channel_id=C1: is required",
      "POST /api/v1/incidents/P1/refresh answered 200, not in the contract",
    ]);
  });
});
