import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../db/open-database.ts";
import { createBridgeApp } from "../server.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../../test/simulators/slack/start-slack-simulator.ts";
import {
  createUsergroup,
  workspaceUsergroups,
} from "../../test/simulators/slack/usergroups-methods.ts";
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

function appWith(scopes: readonly string[], apiTokens = [TEST_API_TOKEN]) {
  const token = slack.createToken({ kind: "bot", appId: "ABRIDGE", scopes });
  return createBridgeApp({
    db: database.db,
    isReady: database.isReady,
    slack: createSlackClient({ token: token.token, slackApiUrl: slack.url }),
    metrics: testMetrics(),
    logger: silentLogger(),
    webhookSecrets: TEST_SECRETS,
    apiTokens,
  });
}

beforeEach(async () => {
  database = openDatabase(":memory:");
  await database.migrate();
  slack = await startSlackSimulator();
});
afterEach(async () => {
  await database.close();
  await slack.close();
});

const get = async (
  app: ReturnType<typeof createBridgeApp>,
  query = "",
  token = TEST_API_TOKEN,
) => {
  const res = await app.request(`/api/v1/usergroups${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return {
    status: res.status,
    body: await res.json() as Record<string, unknown>,
  };
};

describe("GET /api/v1/usergroups", () => {
  it("lists the workspace's enabled user groups by handle: id, handle, name", async () => {
    const web = createUsergroup(slack.workspace, {
      handle: "web-oncall",
      name: "Web on call",
      users: [...slack.workspace.users.keys()].slice(0, 1),
    });
    const checkout = createUsergroup(slack.workspace, {
      handle: "checkout-oncall",
      name: "Checkout on call",
    });
    const old = createUsergroup(slack.workspace, { handle: "retired" });
    workspaceUsergroups(slack.workspace).get(old.id)!.disabled = true;

    const answer = await get(appWith(SLACK_SCOPES_USED));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      usergroups: [
        {
          id: checkout.id,
          handle: "checkout-oncall",
          name: "Checkout on call",
        },
        { id: web.id, handle: "web-oncall", name: "Web on call" },
      ],
      unavailable: null,
    });
  });

  it("says why when Slack will not list them, instead of an empty choice", async () => {
    const answer = await get(appWith(["chat:write"]));
    expect(answer.status).toBe(200);
    expect(answer.body.usergroups).toEqual([]);
    expect(answer.body.unavailable).toContain("lacks usergroups:read");
  });

  it("answers 503 naming Slack's error when Slack is rate limiting or down", async () => {
    slack.injectFault({ method: "usergroups.list", kind: "http", status: 500 });
    const answer = await get(appWith(SLACK_SCOPES_USED));
    expect(answer.status).toBe(503);
    expect(answer.body.error).toMatch(/Slack did not list the user groups/);
  });

  it("refuses a token limited to another workspace", async () => {
    const app = appWith(SLACK_SCOPES_USED, ["T0OTHER:limited-token"]);
    const answer = await get(
      app,
      `?team_id=${slack.workspace.teamId}`,
      "limited-token",
    );
    expect(answer.status).toBe(403);
    expect(answer.body.field).toBe("team_id");
  });

  it("needs the API token", async () => {
    const res = await appWith(SLACK_SCOPES_USED).request("/api/v1/usergroups");
    expect(res.status).toBe(401);
  });
});
