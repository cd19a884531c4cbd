import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../../test/simulators/slack/start-slack-simulator.ts";
import { createBridgeMetrics } from "../ops/bridge-metrics.ts";
import { createSlackClient, type SlackClient } from "./slack-client.ts";
import { SLACK_ERROR_OUTCOMES, slackErrorOutcome } from "./slack-errors.ts";

let sim: SlackSimulator;
let client: SlackClient;
let channel: string;
const metrics = createBridgeMetrics();

beforeAll(async () => {
  sim = await startSlackSimulator();
  const token = sim.createToken({
    kind: "bot",
    appId: "ABRIDGE",
    scopes: ["chat:write"],
  });
  channel = sim.createChannel({ name: "c", members: [token.userId] }).id;
  client = createSlackClient({
    token: token.token,
    slackApiUrl: sim.url,
    metrics,
  });
});
afterAll(() => sim.close());

describe("createSlackClient", () => {
  it("returns the data of a successful call", async () => {
    const result = await client.call<{ ts: string }>("chat.postMessage", {
      channel,
      text: "hi",
    });
    expect(result.ok && result.data.ts).toMatch(/^\d+\.\d+$/);
    expect(
      metrics.slackCalls.get({ method: "chat.postMessage", outcome: "ok" }),
    ).toBe(1);
  });

  it("maps platform errors through the table", async () => {
    const result = await client.call("chat.postMessage", {
      channel: "CNOPE",
      text: "hi",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      method: "chat.postMessage",
      error: "channel_not_found",
      outcome: "permanent",
    });
  });

  it("reports 429 as rate_limited with Retry-After, without retrying itself", async () => {
    sim.injectFault({
      method: "chat.postMessage",
      kind: "ratelimited",
      retryAfter: 3,
    });
    const before = sim.calls({ method: "chat.postMessage" }).length;
    const result = await client.call("chat.postMessage", {
      channel,
      text: "hi",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      outcome: "rate_limited",
      retryAfterMs: 3000,
    });
    expect(sim.calls({ method: "chat.postMessage" }).length).toBe(before + 1);
  });

  it("reports 5xx and network failures as retryable", async () => {
    sim.injectFault({ method: "chat.update", kind: "http", status: 502 });
    const result = await client.call("chat.update", {
      channel,
      ts: "1.0",
      text: "x",
    });
    expect(!result.ok && result.error.outcome).toBe("retryable");
    const unreachable = createSlackClient({
      token: "xoxb-x",
      slackApiUrl: "http://127.0.0.1:1/api/",
    });
    const down = await unreachable.call("chat.postMessage", {
      channel,
      text: "x",
    });
    expect(!down.ok && down.error.outcome).toBe("retryable");
  });

  it("treats unknown error codes as permanent, and names the retryable ones", () => {
    expect(slackErrorOutcome("some_new_error")).toBe("permanent");
    expect(SLACK_ERROR_OUTCOMES.internal_error).toBe("retryable");
    for (
      const code of [
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "invalid_auth",
        "token_revoked",
      ]
    ) {
      expect(slackErrorOutcome(code)).toBe("permanent");
    }
  });
});
