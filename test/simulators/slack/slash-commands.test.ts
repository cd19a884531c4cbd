import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  RESPONSE_URL_MAX_USES,
  type SlashCommands,
  startSlashCommands,
} from "./slash-commands.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

const SECRET = "sim-signing-secret";
let clock = Date.UTC(2026, 11, 2, 12);
let sim: SlackSimulator;
let commands: SlashCommands;
let received: { headers: Record<string, string>; body: string }[];
let answer: () => Response;
let close: () => void;
let user: string;
let channel: string;

beforeEach(async () => {
  clock = Date.UTC(2026, 11, 2, 12);
  sim = await startSlackSimulator({ now: () => clock });
  commands = await startSlashCommands(sim);
  const bot = sim.createToken({ kind: "bot", appId: "A0BRIDGE", scopes: [] });
  user = sim.createUser({ name: "ana" }).id;
  channel = sim.createChannel({ name: "ops", members: [user, bot.userId] })
    .id;
  received = [];
  answer = () => Response.json({ text: "hi" });
  const app = new Hono();
  app.post("/slack/commands", async (c) => {
    received.push({
      headers: Object.fromEntries(c.req.raw.headers),
      body: await c.req.text(),
    });
    return answer();
  });
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((resolve) => server.once("listening", resolve));
  close = () => server.close();
  commands.register({
    command: "/pd",
    url: `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/slack/commands`,
    signingSecret: SECRET,
    appId: "A0BRIDGE",
  });
});
afterEach(async () => {
  close();
  await commands.close();
  await sim.close();
});

describe("slash commands", () => {
  it("sends Slack's form fields, signed over v0:timestamp:body", async () => {
    const outcome = await commands.send({
      command: "/pd",
      text: "oncall checkout",
      userId: user,
      channelId: channel,
    });
    expect(outcome.status).toBe(200);
    const [request] = received;
    const form = new URLSearchParams(request!.body);
    expect(Object.fromEntries(form)).toMatchObject({
      team_id: "T0SIMTEAM1",
      channel_id: channel,
      channel_name: "ops",
      user_id: user,
      user_name: "ana",
      command: "/pd",
      text: "oncall checkout",
      api_app_id: "A0BRIDGE",
      response_url: outcome.responseUrl,
    });
    expect(form.get("token")).toBeTruthy();
    expect(form.get("trigger_id")).toBeTruthy();
    expect(request!.headers["content-type"]).toBe(
      "application/x-www-form-urlencoded",
    );
    const timestamp = request!.headers["x-slack-request-timestamp"]!;
    expect(timestamp).toBe(String(clock / 1000));
    expect(request!.headers["x-slack-signature"]).toBe(
      `v0=${
        createHmac("sha256", SECRET).update(`v0:${timestamp}:${request!.body}`)
          .digest("hex")
      }`,
    );
  });

  it("shows the inline answer to the person alone, from the app's bot", async () => {
    const outcome = await commands.send({
      command: "/pd",
      userId: user,
      channelId: channel,
    });
    expect(outcome.answers().map((a) => a.text)).toEqual(["hi"]);
    expect(sim.ephemeralMessages({ userId: user }).map((m) => m.text))
      .toEqual(["hi"]);
  });

  it("takes five answers at the response_url, then refuses, and none after 30 minutes", async () => {
    answer = () => new Response(null, { status: 200 });
    const outcome = await commands.send({
      command: "/pd",
      userId: user,
      channelId: channel,
    });
    expect(outcome.answers()).toEqual([]);
    const post = (text: string, url = outcome.responseUrl) =>
      fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text }),
      }).then(async (r) => ({ status: r.status, text: await r.text() }));
    for (let i = 1; i <= RESPONSE_URL_MAX_USES; i++) {
      expect(await post(`answer ${i}`)).toEqual({ status: 200, text: "ok" });
    }
    expect(await post("one more")).toEqual({ status: 404, text: "used_url" });
    expect(outcome.answers()).toHaveLength(5);

    const later = await commands.send({
      command: "/pd",
      userId: user,
      channelId: channel,
    });
    clock += 30 * 60_000 + 1;
    expect(await post("late", later.responseUrl)).toEqual({
      status: 404,
      text: "expired_url",
    });
  });

  it("refuses workflow buttons of unknown triggers, and reports non-200 answers", async () => {
    answer = () =>
      Response.json({
        text: "x",
        blocks: [{
          type: "actions",
          elements: [{
            type: "workflow_button",
            text: { type: "plain_text", text: "Go" },
            workflow: {
              trigger: { url: "https://slack.com/shortcuts/Ft0NOPE/abc" },
            },
          }],
        }],
      });
    const refused = await commands.send({
      command: "/pd",
      userId: user,
      channelId: channel,
    });
    expect(refused.error).toBe("invalid_blocks");
    expect(refused.answers()).toEqual([]);

    answer = () => new Response("no", { status: 401 });
    const failed = await commands.send({
      command: "/pd",
      userId: user,
      channelId: channel,
    });
    expect(failed).toMatchObject({ status: 401, error: "http_401" });
  });
});
