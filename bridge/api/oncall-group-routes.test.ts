import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../db/open-database.ts";
import { createBridgeApp } from "../server.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../../test/simulators/slack/start-slack-simulator.ts";
import { createUsergroup } from "../../test/simulators/slack/usergroups-methods.ts";
import { createSlackClient } from "../slack/slack-client.ts";
import { SLACK_SCOPES_USED } from "../slack/slack-methods-used.ts";
import {
  silentLogger,
  TEST_API_TOKEN,
  TEST_SECRETS,
  testMetrics,
} from "../../test/support/bridge-test-support.ts";

let database: Database;
let slack: SlackSimulator;
let app: ReturnType<typeof createBridgeApp>;
let group: string;
let woken = 0;

function appWith(scopes: readonly string[]) {
  const token = slack.createToken({ kind: "bot", appId: "ABRIDGE", scopes });
  return createBridgeApp({
    db: database.db,
    isReady: database.isReady,
    slack: createSlackClient({ token: token.token, slackApiUrl: slack.url }),
    metrics: testMetrics(),
    logger: silentLogger(),
    webhookSecrets: TEST_SECRETS,
    apiTokens: [TEST_API_TOKEN],
    onOncallChanged: () => woken++,
  });
}

beforeEach(async () => {
  database = openDatabase(":memory:");
  await database.migrate();
  slack = await startSlackSimulator();
  group = createUsergroup(slack.workspace, { handle: "checkout-oncall" }).id;
  app = appWith(SLACK_SCOPES_USED);
  woken = 0;
});
afterEach(async () => {
  await database.close();
  await slack.close();
});

const put = (id: string, json: unknown, to = app) =>
  to.request(`/api/v1/oncall-groups/${id}`, {
    method: "PUT",
    body: JSON.stringify(json),
    headers: {
      Authorization: `Bearer ${TEST_API_TOKEN}`,
      "Content-Type": "application/json",
    },
  });

const policyGroup = () => ({
  usergroup_id: group,
  source_type: "escalation_policy",
  source_id: "PEP0001",
  escalation_level: 1,
});

describe("/api/v1/oncall-groups", () => {
  it("saves a group, lists it with its state, wakes the on-call loop, and deletes it", async () => {
    const saved = await put("checkout", policyGroup());
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      id: "checkout",
      usergroup_id: group,
      state: "pending",
      last_set: null,
      drift_members: null,
    });
    expect(woken).toBe(1);
    const listed = await app.request("/api/v1/oncall-groups", {
      headers: { Authorization: `Bearer ${TEST_API_TOKEN}` },
    });
    expect(
      ((await listed.json()) as { oncall_groups: unknown[] }).oncall_groups,
    )
      .toHaveLength(1);
    const deleted = await app.request("/api/v1/oncall-groups/checkout", {
      method: "DELETE",
      headers: { Authorization: `Bearer ${TEST_API_TOKEN}` },
    });
    expect(deleted.status).toBe(204);
  });

  it("refuses what it could not keep, naming the field", async () => {
    const noLevel = await put("a", {
      ...policyGroup(),
      escalation_level: null,
    });
    expect(noLevel.status).toBe(400);
    expect(JSON.stringify(await noLevel.json())).toContain("escalation_level");
    const badGroup = await put("a", {
      ...policyGroup(),
      usergroup_id: "C0NOPE",
    });
    expect(badGroup.status).toBe(400);
    expect(JSON.stringify(await badGroup.json())).toContain("usergroup_id");
    const unknown = await put("a", {
      ...policyGroup(),
      usergroup_id: "S0GONE",
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain(
      "names no Slack user group",
    );
    const withoutScopes = await put(
      "a",
      policyGroup(),
      appWith(["chat:write"]),
    );
    expect(JSON.stringify(await withoutScopes.json())).toContain(
      "usergroups:read",
    );
    expect(await database.db.selectFrom("oncall_groups").selectAll().execute())
      .toEqual([]);
  });

  it("lists one workspace's groups when asked with team_id (the hosted app's Connect form)", async () => {
    expect((await put("one", { ...policyGroup(), team_id: "T0ONE" })).status)
      .toBe(200);
    expect((await put("two", { ...policyGroup(), team_id: "T0TWO" })).status)
      .toBe(200);
    const ids = async (query: string) => {
      const listed = await app.request(`/api/v1/oncall-groups${query}`, {
        headers: { Authorization: `Bearer ${TEST_API_TOKEN}` },
      });
      return ((await listed.json()) as { oncall_groups: { id: string }[] })
        .oncall_groups.map((g) => g.id);
    };
    expect(await ids("?team_id=T0ONE")).toEqual(["one"]);
    expect(await ids("")).toEqual(["one", "two"]);
  });

  it("keeps one on-call group per user group", async () => {
    expect((await put("first", policyGroup())).status).toBe(200);
    const second = await put("second", { ...policyGroup(), source_id: "PEP2" });
    expect(second.status).toBe(409);
    expect((await put("first", { ...policyGroup(), source_id: "PEP2" })).status)
      .toBe(200);
  });

  it("takes handoffs only on service connections", async () => {
    const response = await app.request("/api/v1/connections/c1", {
      method: "PUT",
      body: JSON.stringify({
        channel_id: "C0INCIDENTS",
        source_type: "team",
        source_id: "PTEAM01",
        notification_type: "responder",
        events: [],
        thread_updates: true,
        handoffs: true,
      }),
      headers: {
        Authorization: `Bearer ${TEST_API_TOKEN}`,
        "Content-Type": "application/json",
      },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("handoffs");
  });
});
