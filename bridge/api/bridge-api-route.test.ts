import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../db/open-database.ts";
import {
  parkDelivery,
  readDeliveryBlocks,
  tokenFingerprint,
} from "../outbox/delivery-blocks.ts";
import { createBridgeApp } from "../server.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../../test/simulators/slack/start-slack-simulator.ts";
import { createSlackClient } from "../slack/slack-client.ts";
import { SLACK_SCOPES_USED } from "../slack/slack-methods-used.ts";
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
    apiTokens: ["other-token", TEST_API_TOKEN],
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
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      "Content-Type": "application/json",
    },
  });

const connection = {
  channel_id: "C0INCIDENTS",
  source_type: "service",
  source_id: "PSVC001",
  notification_type: "responder",
  events: ["incident.acknowledged", "incident.resolved"],
  urgency: null,
  priorities: null,
  thread_updates: true,
};

describe("bridge API auth", () => {
  it.each([
    ["no header", ""],
    ["a wrong token", "nope"],
    ["a token prefix", TEST_API_TOKEN.slice(0, 5)],
  ])("401 with %s", async (_name, token) => {
    for (
      const [path, method] of [
        ["/api/v1/connections", "GET"],
        ["/api/v1/connections/x", "PUT"],
        ["/api/v1/connections/x", "DELETE"],
        ["/api/v1/incidents/P1/channels", "POST"],
        ["/api/v1/incidents/P1/refresh", "POST"],
      ] as const
    ) {
      const response = await api(
        path,
        { method, ...(method === "GET" ? {} : { json: connection }) },
        token,
      );
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });

  it("accepts every configured token", async () => {
    expect((await api("/api/v1/connections", {}, "other-token")).status).toBe(
      200,
    );
    expect((await api("/api/v1/connections")).status).toBe(200);
  });
});

describe("connections", () => {
  it("creates, lists (optionally by channel), replaces and deletes", async () => {
    const put = await api("/api/v1/connections/conn-1", {
      method: "PUT",
      json: connection,
    });
    expect(put.status).toBe(200);
    expect(await jsonOf(put)).toEqual({ id: "conn-1", ...connection });
    await api("/api/v1/connections/conn-2", {
      method: "PUT",
      json: {
        ...connection,
        channel_id: "C0OTHER",
        source_type: "team",
        notification_type: "stakeholder",
        urgency: "high",
        priorities: ["PPRIO01", "no_priority"],
      },
    });
    const all = await jsonOf(await api("/api/v1/connections"));
    expect(all.connections.map((c: { id: string }) => c.id)).toEqual([
      "conn-1",
      "conn-2",
    ]);
    const filtered = await jsonOf(
      await api("/api/v1/connections?channel_id=C0OTHER"),
    );
    expect(filtered).toEqual({
      connections: [{
        id: "conn-2",
        ...connection,
        channel_id: "C0OTHER",
        source_type: "team",
        notification_type: "stakeholder",
        urgency: "high",
        priorities: ["PPRIO01", "no_priority"],
      }],
      // Asked for one channel: whether something keeps cards out of it.
      delivery_problem: null,
    });

    await api("/api/v1/connections/conn-1", {
      method: "PUT",
      json: { ...connection, thread_updates: false, events: [] },
    });
    const replaced = await jsonOf(
      await api("/api/v1/connections?channel_id=C0INCIDENTS"),
    );
    expect(replaced.connections[0]).toMatchObject({
      thread_updates: false,
      events: [],
    });

    expect(
      (await api("/api/v1/connections/conn-1", { method: "DELETE" })).status,
    ).toBe(204);
    expect(
      (await api("/api/v1/connections/conn-1", { method: "DELETE" })).status,
    ).toBe(404);
    const left = await jsonOf(await api("/api/v1/connections"));
    expect(left.connections).toHaveLength(1);
  });

  it.each([
    ["channel_id", { channel_id: "general" }],
    ["source_type", { source_type: "user" }],
    ["source_id", { source_id: "" }],
    ["notification_type", { notification_type: "everyone" }],
    ["events", { events: "incident.resolved" }],
    ["events[1]", { events: ["incident.resolved", "acknowledged"] }],
    ["urgency", { urgency: "medium" }],
    ["priorities", { priorities: "P1" }],
    ["priorities[0]", { priorities: [7] }],
    ["thread_updates", { thread_updates: "yes" }],
    ["id", { id: "someone-else" }],
  ])("400 naming %s", async (field, change) => {
    const response = await api("/api/v1/connections/conn-1", {
      method: "PUT",
      json: { ...connection, ...change },
    });
    expect(response.status).toBe(400);
    const body = await jsonOf(response);
    expect(body.field).toBe(field);
    expect(body.error).toContain(field);
    expect((await jsonOf(await api("/api/v1/connections"))).connections)
      .toEqual([]);
  });

  it("400 lists every problem at once, the first one as the field", async () => {
    const response = await api("/api/v1/connections/conn-1", {
      method: "PUT",
      json: {
        ...connection,
        channel_id: "general",
        events: ["incident.resolved", "acknowledged"],
        thread_updates: "yes",
      },
    });
    expect(response.status).toBe(400);
    const body = await jsonOf(response);
    expect(body.problems).toEqual([
      {
        field: "channel_id",
        problem: "must be a Slack channel id (C… or G…)",
      },
      {
        field: "events[1]",
        problem: expect.stringMatching(/^must be one of incident\.triggered, /),
      },
      { field: "thread_updates", problem: "must be a boolean" },
    ]);
    expect(body.field).toBe("channel_id");
    expect(body.error).toMatch(
      /^channel_id must be a Slack channel id .*; events\[1\] must be one of .*; thread_updates must be a boolean$/,
    );
  });

  it("saves repeated events and priorities once, and a missing urgency as any", async () => {
    const { urgency: _urgency, ...withoutUrgency } = connection;
    const put = await api("/api/v1/connections/conn-1", {
      method: "PUT",
      json: {
        ...withoutUrgency,
        events: ["incident.resolved", "incident.resolved"],
        priorities: ["P1", "P1", "no_priority"],
      },
    });
    expect(put.status).toBe(200);
    expect(await jsonOf(put)).toMatchObject({
      events: ["incident.resolved"],
      priorities: ["P1", "no_priority"],
      urgency: null,
    });
  });

  it("400 for a body that is not JSON", async () => {
    const response = await app.request("/api/v1/connections/c", {
      method: "PUT",
      body: "{",
      headers: {
        Authorization: `Bearer ${TEST_API_TOKEN}`,
        "Content-Type": "application/json",
      },
    });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).field).toBe("body");
  });
});

describe("incident channels validation", () => {
  it.each([
    ["channel_id", { channel_id: "#general" }],
    ["create.private", { create: { name: "inc-1" } }],
    ["create.name", { create: { name: "Has Spaces", private: false } }],
    ["invite_user_ids[0]", { channel_id: "C0AAA", invite_user_ids: ["bob"] }],
    ["invite_user_ids", { channel_id: "C0AAA", invite_user_ids: "U0BOB" }],
    ["channel_id", {}],
    ["create", { channel_id: "C0AAA", create: { private: true } }],
  ])("400 naming %s", async (field, json) => {
    const response = await api("/api/v1/incidents/PINC001/channels", {
      method: "POST",
      json,
    });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).field).toBe(field);
  });
});

describe("connections need the bot in the channel", () => {
  let slack: SlackSimulator;
  beforeEach(async () => {
    slack = await startSlackSimulator();
  });
  afterEach(() => slack.close());

  it("joins a public channel the bot is not in, refuses a private one saying what to do, and saves one it is in", async () => {
    const bot = slack.createToken({
      kind: "bot",
      appId: "ABRIDGE",
      scopes: [...SLACK_SCOPES_USED],
    });
    const member = slack.createChannel({
      name: "incidents",
      members: [bot.userId],
    }).id;
    const publicOutside = slack.createChannel({ name: "general" }).id;
    const privateOutside = slack.createChannel({
      name: "secret",
      isPrivate: true,
    }).id;
    app = createBridgeApp({
      db: database.db,
      isReady: database.isReady,
      slack: createSlackClient({
        token: bot.token,
        slackApiUrl: slack.url,
        metrics: testMetrics(),
      }),
      metrics: testMetrics(),
      logger: silentLogger(),
      webhookSecrets: TEST_SECRETS,
      apiTokens: [TEST_API_TOKEN],
    });
    const put = (channel_id: string) =>
      api(`/api/v1/connections/${channel_id}`, {
        method: "PUT",
        json: { ...connection, channel_id },
      });

    const refused = await put(privateOutside);
    expect(refused.status).toBe(400);
    expect(await jsonOf(refused)).toMatchObject({
      field: "channel_id",
      error: expect.stringMatching(
        /private channel .*bot is not in.*invite it/,
      ),
    });
    expect(slack.calls({ method: "conversations.join" }).at(-1)?.result)
      .toMatchObject({ ok: false });
    // Public: the bridge joins it (channels:join), as an admin's /invite would, and the card can be posted.
    expect((await put(publicOutside)).status).toBe(200);
    expect(slack.workspace.channels.get(publicOutside)?.members.has(bot.userId))
      .toBe(true);
    expect((await put(member)).status).toBe(200);
    const saved = await jsonOf(await api("/api/v1/connections"));
    expect(
      saved.connections.map((c: { channel_id: string }) => c.channel_id).sort(),
    ).toEqual([member, publicOutside].sort());
  });
});

describe("channels whose deliveries are parked", () => {
  let slack: SlackSimulator;
  beforeEach(async () => {
    slack = await startSlackSimulator();
  });
  afterEach(() => slack.close());

  it("tells the Connect workflow what keeps cards out, and saving the connection again lifts it", async () => {
    const bot = slack.createToken({
      kind: "bot",
      appId: "ABRIDGE",
      scopes: [...SLACK_SCOPES_USED],
    });
    const channel = slack.createChannel({
      name: "incidents",
      members: [bot.userId],
    }).id;
    let wakes = 0;
    app = createBridgeApp({
      db: database.db,
      isReady: database.isReady,
      slack: createSlackClient({ token: bot.token, slackApiUrl: slack.url }),
      metrics: testMetrics(),
      logger: silentLogger(),
      webhookSecrets: TEST_SECRETS,
      apiTokens: [TEST_API_TOKEN],
      onEnqueued: () => (wakes += 1),
    });
    const list = async () =>
      await jsonOf(await api(`/api/v1/connections?channel_id=${channel}`));
    const put = () =>
      api(`/api/v1/connections/conn-1`, {
        method: "PUT",
        json: { ...connection, channel_id: channel },
      });

    expect((await put()).status).toBe(200);
    expect((await list()).delivery_problem).toBeNull();
    expect(wakes).toBe(0);

    // The sender found the bot removed from the channel while two cards were waiting.
    const since = new Date("2026-11-29T12:00:00.000Z");
    await parkDelivery(database.db, {
      scope: "channel",
      key: channel,
      error: "not_in_channel",
      token_fingerprint: tokenFingerprint(bot.token),
      retry_at: since.toISOString(),
      now: since,
    });
    for (const key of ["card:P1", "card:P2"]) {
      await database.db.insertInto("outbox").values({
        kind: "card",
        dedupe_key: key,
        incident_id: key.slice(5),
        channel_id: channel,
        payload: "{}",
        status: "pending",
        version: 1,
        attempts: 0,
        available_at: since.toISOString(),
        last_error: "not_in_channel",
        enqueued_at: since.toISOString(),
        created_at: since.toISOString(),
      }).execute();
    }
    expect((await list()).delivery_problem).toEqual({
      scope: "channel",
      error: "not_in_channel",
      since: since.toISOString(),
      parked_jobs: 2,
    });

    // The admin invited the bot back and saves the connection: the channel's work goes out at once.
    expect((await put()).status).toBe(200);
    expect(wakes).toBe(1);
    expect((await list()).delivery_problem).toBeNull();
    expect((await readDeliveryBlocks(database.db)).channels.size).toBe(0);
  });
});
