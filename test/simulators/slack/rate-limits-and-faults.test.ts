import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { callSlack } from "./call-slack.ts";
import { type SeededWorkspace, seedWorkspace } from "./seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

let clock = 1_700_000_000_000;
const sims: SlackSimulator[] = [];
let sim: SlackSimulator;
let w: SeededWorkspace;

const post = (channel: string, text = "x") =>
  callSlack(sim.url, "chat.postMessage", { channel, text }, w.bridgeToken);

beforeEach(async () => {
  sim = await startSlackSimulator({
    now: () => clock,
    rateLimits: "realistic",
  });
  sims.push(sim);
  w = seedWorkspace(sim);
});

afterAll(async () => {
  for (const s of sims) await s.close();
});

describe("rate limits (realistic)", () => {
  it("allows a short burst per channel, then 429 with Retry-After until a second passes", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await post(w.incidents)).status).toBe(200);
    }
    const limited = await post(w.incidents);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.body).toEqual({ ok: false, error: "ratelimited" });
    // Other channels have their own budget.
    expect((await post(w.secretOps)).status).toBe(200);
    clock += 1000;
    expect((await post(w.incidents)).status).toBe(200);
    expect((await post(w.incidents)).status).toBe(429);
    // A refused call costs nothing: only accepted posts are in the channel.
    expect(sim.transcript(w.incidents)).toHaveLength(4);
  });

  it("limits other methods per workspace by tier (tier 2: 20 per minute)", async () => {
    const create = (n: number) =>
      callSlack(
        sim.url,
        "conversations.create",
        { name: `inc-${n}` },
        w.bridgeToken,
      );
    for (let i = 0; i < 20; i++) expect((await create(i)).body.ok).toBe(true);
    const limited = await create(20);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    clock += 3000;
    expect((await create(21)).body.ok).toBe(true);
  });

  it("can be switched off", async () => {
    sim.setRateLimitMode("off");
    for (let i = 0; i < 10; i++) {
      expect((await post(w.incidents)).status).toBe(200);
    }
  });
});

describe("injected faults", () => {
  beforeEach(() => sim.setRateLimitMode("off"));

  it("answers the next N calls with a 5xx, then serves normally", async () => {
    sim.injectFault({
      method: "chat.postMessage",
      kind: "http",
      status: 503,
      times: 2,
    });
    expect((await post(w.incidents)).status).toBe(503);
    expect((await post(w.incidents)).status).toBe(503);
    expect((await post(w.incidents)).status).toBe(200);
    expect(sim.transcript(w.incidents)).toHaveLength(1);
  });

  it("can fail after the method took effect, as a timeout or 5xx after Slack acted does", async () => {
    sim.injectFault({
      method: "chat.postMessage",
      kind: "http",
      status: 504,
      applied: true,
    });
    expect((await post(w.incidents, "lost answer")).status).toBe(504);
    expect(sim.transcript(w.incidents)).toHaveLength(1);
  });

  it("answers a 429 with the chosen Retry-After", async () => {
    sim.injectFault({
      method: "chat.update",
      kind: "ratelimited",
      retryAfter: 7,
    });
    const answer = await callSlack(sim.url, "chat.update", {
      channel: w.incidents,
      ts: "1.1",
      text: "x",
    }, w.bridgeToken);
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("7");
  });

  it("answers a documented {ok:false} error and refuses undocumented ones", async () => {
    sim.injectFault({
      method: "chat.postMessage",
      kind: "error",
      error: "fatal_error",
    });
    expect((await post(w.incidents)).body).toEqual({
      ok: false,
      error: "fatal_error",
    });
    expect(() =>
      sim.injectFault({
        method: "chat.postMessage",
        kind: "error",
        error: "no_such_error",
      })
    ).toThrow(/does not document/);
  });

  it("records every call in the log with args, status, result and time", async () => {
    sim.injectFault({ method: "chat.postMessage", kind: "http", status: 500 });
    await post(w.incidents, "first");
    clock += 5;
    await post(w.incidents, "second");
    const calls = sim.calls({ method: "chat.postMessage" });
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      method: "chat.postMessage",
      args: { channel: w.incidents, text: "first" },
      status: 500,
      fault: "http",
      time: clock - 5,
    });
    expect(calls[1]).toMatchObject({
      status: 200,
      result: { ok: true, channel: w.incidents },
      tokenKind: "bot",
      time: clock,
    });
    expect(calls[1]?.args).not.toHaveProperty("token");
  });
});
