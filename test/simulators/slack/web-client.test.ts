import {
  ErrorCode,
  LogLevel,
  type WebAPIPlatformError,
  WebClient,
} from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededWorkspace, seedWorkspace } from "./seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

let sim: SlackSimulator;
let w: SeededWorkspace;

function client(options: { rejectRateLimitedCalls?: boolean } = {}) {
  return new WebClient(w.bridgeToken, {
    slackApiUrl: sim.url,
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 2, factor: 1, minTimeout: 5, maxTimeout: 5 },
    ...options,
  });
}

beforeAll(async () => {
  sim = await startSlackSimulator();
  w = seedWorkspace(sim);
});

afterAll(async () => {
  await sim.close();
});

describe("@slack/web-api WebClient against the simulator", () => {
  it("posts and updates a message with blocks and metadata", async () => {
    const web = client();
    const posted = await web.chat.postMessage({
      channel: w.incidents,
      text: "Incident #1 triggered",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*#1*" } }],
      metadata: {
        event_type: "pagerslack_incident_card",
        event_payload: { incident_id: "P1" },
      },
    });
    expect(posted.ok).toBe(true);
    await web.chat.update({
      channel: w.incidents,
      ts: posted.ts!,
      text: "Incident #1 acknowledged",
    });
    const history = await web.conversations.history({
      channel: w.incidents,
      include_all_metadata: true,
    });
    expect(history.messages?.[0]).toMatchObject({
      text: "Incident #1 acknowledged",
      metadata: { event_payload: { incident_id: "P1" } },
    });
  });

  it("waits out a 429 for Retry-After seconds and retries", async () => {
    sim.injectFault({
      method: "chat.postMessage",
      kind: "ratelimited",
      retryAfter: 1,
    });
    const before = sim.calls({ method: "chat.postMessage" }).length;
    const posted = await client().chat.postMessage({
      channel: w.secretOps,
      text: "after the limit",
    });
    expect(posted.ok).toBe(true);
    const calls = sim.calls({ method: "chat.postMessage" }).slice(before);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(sim.transcript(w.secretOps).map((m) => m.text)).toEqual([
      "after the limit",
    ]);
  });

  it("throws a rate-limited error carrying Retry-After when asked to reject", async () => {
    sim.injectFault({
      method: "chat.postMessage",
      kind: "ratelimited",
      retryAfter: 30,
    });
    await expect(
      client({ rejectRateLimitedCalls: true }).chat.postMessage({
        channel: w.incidents,
        text: "x",
      }),
    ).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 30,
    });
  });

  it("surfaces {ok:false} as a platform error with Slack's code", async () => {
    const error = await client().chat.postMessage({ channel: w.hr, text: "x" })
      .catch((e: unknown) => e as WebAPIPlatformError);
    expect(error).toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: "channel_not_found" },
    });
  });
});
