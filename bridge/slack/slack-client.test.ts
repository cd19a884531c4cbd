import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../../test/simulators/slack/start-slack-simulator.ts";
import { createBridgeMetrics } from "../ops/bridge-metrics.ts";
import { createSlackClient, type SlackClient } from "./slack-client.ts";
import {
  documentedErrors,
  PLATFORM_ERRORS,
} from "../../test/simulators/slack/documented-errors.ts";
import { SLACK_ERROR_OUTCOMES, slackErrorOutcome } from "./slack-errors.ts";
import { SLACK_METHODS_USED } from "./slack-methods-used.ts";

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
      outcome: "channel_blocked",
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

  it("treats unknown error codes as permanent, and names the retryable and blocking ones", () => {
    expect(slackErrorOutcome("some_new_error")).toBe("permanent");
    expect(SLACK_ERROR_OUTCOMES.internal_error).toBe("retryable");
    // A person fixes these for the whole installation or channel: they are not facts about one message.
    for (
      const code of [
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "account_inactive",
        "missing_scope",
      ]
    ) {
      expect(slackErrorOutcome(code), code).toBe("workspace_blocked");
    }
    for (const code of ["channel_not_found", "not_in_channel", "is_archived"]) {
      expect(slackErrorOutcome(code), code).toBe("channel_blocked");
    }
    for (const code of ["msg_too_long", "invalid_blocks"]) {
      expect(slackErrorOutcome(code), code).toBe("permanent");
    }
  });

  it("maps only error codes Slack documents for a method the bridge calls", () => {
    const documented = new Set(
      [...documentedErrors().entries()].flatMap(([method, codes]) =>
        method in SLACK_METHODS_USED ? [...codes] : []
      ),
    );
    // Bridge-made codes are not Slack's (rate_limited is Slack's own spelling for some methods).
    for (const code of Object.keys(SLACK_ERROR_OUTCOMES)) {
      expect(
        documented.has(code) || PLATFORM_ERRORS.includes(code) ||
          ["rate_limited", "internal_error", "team_not_ready"].includes(code),
        code,
      ).toBe(true);
    }
  });
});
