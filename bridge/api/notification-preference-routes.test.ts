import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../db/open-database.ts";
import { createBridgeApp } from "../server.ts";
import { dmRecipientsFor } from "../dms/notification-preference-store.ts";
import {
  jsonOf,
  noSlack,
  silentLogger,
  TEST_API_TOKEN,
  TEST_SECRETS,
  testMetrics,
} from "../../test/support/bridge-test-support.ts";

let database: Database;
let app: ReturnType<typeof createBridgeApp>;

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
    apiTokens: [TEST_API_TOKEN, "T0OTHER:team-token"],
  });
});
afterEach(() => database.close());

const api = (
  path: string,
  init: RequestInit & { json?: unknown } = {},
  token = TEST_API_TOKEN,
) =>
  app.request(path, {
    ...init,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    headers: {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
    },
  });

const PATH = "/api/v1/notification-preferences/U0ALICE";

describe("/api/v1/notification-preferences", () => {
  it("answers off for someone who never chose", async () => {
    const res = await api(`${PATH}?team_id=T0TEAM1`);
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toEqual({
      team_id: "T0TEAM1",
      slack_user_id: "U0ALICE",
      pagerduty_user_id: null,
      incident_dms: "off",
      dm_refused: null,
    });
  });

  it("keeps a choice per workspace and person, and the worker finds them by their PagerDuty user", async () => {
    const put = await api(PATH, {
      method: "PUT",
      json: {
        team_id: "T0TEAM1",
        pagerduty_user_id: "PALICE1",
        incident_dms: "high_urgency",
      },
    });
    expect(put.status).toBe(200);
    expect(await jsonOf(put)).toMatchObject({ incident_dms: "high_urgency" });
    expect(await jsonOf(await api(`${PATH}?team_id=T0TEAM1`))).toMatchObject({
      pagerduty_user_id: "PALICE1",
      incident_dms: "high_urgency",
    });
    // Another workspace's Alice has chosen nothing.
    expect(await jsonOf(await api(`${PATH}?team_id=T0TEAM2`))).toMatchObject({
      incident_dms: "off",
    });
    expect(await dmRecipientsFor(database.db, ["PALICE1"])).toEqual([{
      teamId: "T0TEAM1",
      slackUserId: "U0ALICE",
      pagerDutyUserId: "PALICE1",
      mode: "high_urgency",
    }]);

    await api(PATH, {
      method: "PUT",
      json: {
        team_id: "T0TEAM1",
        pagerduty_user_id: "PALICE1",
        incident_dms: "off",
      },
    });
    expect(await dmRecipientsFor(database.db, ["PALICE1"])).toEqual([]);
  });

  it("refuses turning DMs on without a linked PagerDuty account, naming the field", async () => {
    const res = await api(PATH, {
      method: "PUT",
      json: { team_id: "T0TEAM1", incident_dms: "all" },
    });
    expect(res.status).toBe(400);
    const body = await jsonOf(res) as { field: string; error: string };
    expect(body.field).toBe("pagerduty_user_id");
    expect(body.error).toMatch(/link your PagerDuty account/);
  });

  it("refuses an unknown mode and a path that is no Slack user id, and stores nothing", async () => {
    const mode = await api(PATH, {
      method: "PUT",
      json: {
        team_id: "T0TEAM1",
        pagerduty_user_id: "P1",
        incident_dms: "loud",
      },
    });
    expect(mode.status).toBe(400);
    expect(await jsonOf(mode)).toMatchObject({ field: "incident_dms" });
    const user = await api("/api/v1/notification-preferences/C0CHANNEL", {
      method: "PUT",
      json: {
        team_id: "T0TEAM1",
        pagerduty_user_id: "P1",
        incident_dms: "all",
      },
    });
    expect(user.status).toBe(400);
    expect(await jsonOf(user)).toMatchObject({ field: "slack_user_id" });
    expect(await dmRecipientsFor(database.db, ["P1"])).toEqual([]);
  });

  it("keeps a workspace's token to its own people (403), and needs a token (401)", async () => {
    const other = await api(PATH, {
      method: "PUT",
      json: {
        team_id: "T0TEAM1",
        pagerduty_user_id: "P1",
        incident_dms: "all",
      },
    }, "team-token");
    expect(other.status).toBe(403);
    const none = await api(PATH, {}, "wrong-token");
    expect(none.status).toBe(401);
  });
});
