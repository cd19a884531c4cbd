import { afterEach, describe, expect, it } from "vitest";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import {
  type DemoAccount,
  seedDemoAccount,
} from "../../test/simulators/pagerduty/seed-demo-account.ts";
import { PagerDutyApiError } from "./pagerduty-api-error.ts";
import {
  createPagerDutyClient,
  HOLD_WITHOUT_RESET_MS,
} from "./pagerduty-client.ts";

let sim: PagerDutySimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Simulator and client on one manual clock; the client's waits advance it. */
async function start(rateLimit?: { limit: number }) {
  let clock = Date.parse("2026-08-20T10:00:00Z");
  sim = await startPagerDutySimulator({
    now: () => new Date(clock),
    ...(rateLimit ? { rateLimit } : {}),
  });
  const demo: DemoAccount = seedDemoAccount(sim);
  const waits: number[] = [];
  const client = (options: { maxWaitMs?: number } = {}) =>
    createPagerDutyClient({
      apiUrl: sim!.url,
      token: demo.apiKey,
      now: () => clock,
      sleep: (ms) => {
        waits.push(ms);
        clock += ms;
        return Promise.resolve();
      },
      ...options,
    });
  return {
    sim,
    demo,
    client,
    waits,
    advance: (ms: number) => (clock += ms),
    sent: () => sim!.requests().length,
  };
}

async function failure(promise: Promise<unknown>): Promise<PagerDutyApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PagerDutyApiError) return error;
    throw error;
  }
  throw new Error("expected a PagerDutyApiError");
}

describe("PagerDuty client errors", () => {
  it("leads with PagerDuty's error details, and redacts what looks like a credential", async () => {
    const { sim, client } = await start();
    sim.faults.failNext(1, {
      status: 400,
      body: JSON.stringify({
        error: {
          message: "Invalid Input Provided",
          code: 2001,
          errors: [
            "Service PNOPE00 not found",
            "Token token=y_NbAkKc66ryYTWUXYEu is not allowed here",
          ],
        },
      }),
    });
    const error = await failure(client().get("/services/PNOPE00"));
    expect(error.message).toBe(
      "PagerDuty /services/PNOPE00: Service PNOPE00 not found; Token token=[redacted] is not allowed here (400 Invalid Input Provided, code 2001)",
    );
    expect([error.status, error.code, error.errors]).toEqual([400, 2001, [
      "Service PNOPE00 not found",
      "Token token=[redacted] is not allowed here",
    ]]);
  });

  it("falls back to the HTTP status text when the body is not PagerDuty's", async () => {
    const { sim, client } = await start();
    sim.faults.failNext(1, { status: 502, body: "<html>bad gateway</html>" });
    const error = await failure(client().get("/abilities"));
    expect(error.message).toBe("PagerDuty /abilities: 502 Bad Gateway");
    expect(error.code).toBeNull();
  });
});

describe("PagerDuty client rate limit", () => {
  it("holds calls once ratelimit-remaining reaches 0, until ratelimit-reset", async () => {
    const { client, advance, sent } = await start({ limit: 3 });
    const pd = client();
    for (let i = 0; i < 3; i++) await pd.get("/abilities");
    advance(15_000);
    const held = await failure(pd.get("/abilities"));
    expect([held.status, held.code, held.sent]).toEqual([429, 2020, false]);
    expect(held.message).toContain("calls resume in 45 s");
    expect(sent()).toBe(3);
    advance(45_000);
    await pd.get("/abilities");
    expect(sent()).toBe(4);
  });

  it("leaves `reserve` calls of the window to others", async () => {
    const { client, sent } = await start({ limit: 3 });
    const pd = client();
    await pd.get("/abilities", { reserve: 1 });
    await pd.get("/abilities", { reserve: 1 });
    const held = await failure(pd.get("/abilities", { reserve: 1 }));
    expect(held.sent).toBe(false);
    // Calls without a reserve still get the last one.
    await pd.get("/abilities");
    expect(sent()).toBe(3);
  });

  it("after a 429 without rate-limit headers, sends nothing for a whole window", async () => {
    const { sim, client, advance, sent } = await start();
    const pd = client();
    sim.faults.rateLimitNext(1, { withHeaders: false });
    const limited = await failure(pd.get("/abilities"));
    expect([limited.status, limited.sent]).toEqual([429, true]);
    advance(HOLD_WITHOUT_RESET_MS - 1000);
    expect((await failure(pd.get("/incidents"))).sent).toBe(false);
    expect(sent()).toBe(1);
    advance(1000);
    await pd.get("/incidents");
    expect(sent()).toBe(2);
  });

  it("waits for ratelimit-reset when the caller allows it, then sends", async () => {
    const { sim, client, waits, sent } = await start();
    sim.faults.rateLimitNext(1, { withHeaders: true, resetSeconds: 7 });
    const result = await client({ maxWaitMs: 10_000 }).get<
      { abilities: string[] }
    >("/abilities");
    expect(result.abilities.length).toBeGreaterThan(0);
    expect(waits).toEqual([7000]);
    expect(sent()).toBe(2);
  });
});
