import { afterEach, describe, expect, it } from "vitest";
import { PAGERDUTY_ACCEPT } from "./create-pagerduty-app.ts";
import { createTestClient, type Json } from "./create-test-client.ts";
import { seedDemoAccount } from "./seed-demo-account.ts";
import {
  type PagerDutySimulator,
  type PagerDutySimulatorOptions,
  startPagerDutySimulator,
} from "./start-pagerduty-simulator.ts";

const sims: PagerDutySimulator[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

async function start(options: PagerDutySimulatorOptions = {}) {
  const sim = await startPagerDutySimulator(options);
  sims.push(sim);
  const demo = seedDemoAccount(sim);
  return {
    sim,
    demo,
    pd: createTestClient(sim.url, {
      apiKey: demo.apiKey,
      from: demo.users.admin.email,
    }),
  };
}

describe("authentication and headers", () => {
  it.each([
    ["no header", undefined],
    ["unknown key", "Token token=nope"],
    ["unknown bearer", "Bearer nope"],
    ["wrong scheme", "Basic dXNlcjpwYXNz"],
  ])("answers 401 code 2006 for %s", async (_name, authorization) => {
    const { sim } = await start();
    const response = await fetch(`${sim.url}/incidents`, {
      headers: {
        accept: PAGERDUTY_ACCEPT,
        ...(authorization ? { authorization } : {}),
      },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { message: "Authentication Failed", code: 2006 },
    });
  });

  it("requires the v2 Accept header when strict, and not otherwise", async () => {
    const { sim, demo } = await start();
    const bare = await fetch(`${sim.url}/services`, {
      headers: { authorization: `Token token=${demo.apiKey}` },
    });
    expect(bare.status).toBe(406);
    expect(((await bare.json()) as Json).error.code).toBe(2001);
    const spaced = await fetch(`${sim.url}/services`, {
      headers: {
        authorization: `Token token=${demo.apiKey}`,
        accept: "application/vnd.pagerduty+json; version=2",
      },
    });
    expect(spaced.status).toBe(200);
    const lenient = await start({ strictAccept: false });
    const ok = await fetch(`${lenient.sim.url}/services`, {
      headers: { authorization: `Token token=${lenient.demo.apiKey}` },
    });
    expect(ok.status).toBe(200);
  });

  it("rejects non-JSON bodies (415) and malformed JSON (400, 2001)", async () => {
    const { sim, demo } = await start();
    const headers = {
      authorization: `Token token=${demo.apiKey}`,
      accept: PAGERDUTY_ACCEPT,
      from: demo.users.admin.email,
    };
    const form = await fetch(`${sim.url}/incidents`, {
      method: "POST",
      headers: {
        ...headers,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "title=x",
    });
    expect(form.status).toBe(415);
    const broken = await fetch(`${sim.url}/incidents`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: "{",
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as Json).error.code).toBe(2001);
  });

  it("answers 404 with code 2100 for unknown paths", async () => {
    const { pd } = await start();
    const response = await pd.get("/v2/incidents");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: { message: "Not Found", code: 2100 },
    });
  });

  it("records every request, including rejected ones", async () => {
    const { sim, pd } = await start();
    await pd.get("/services?limit=1");
    await fetch(`${sim.url}/services`);
    expect(sim.requests().map((r) => [r.method, r.path, r.status])).toEqual([
      ["GET", "/services", 200],
      ["GET", "/services", 401],
    ]);
    expect(sim.requests()[0]!.query).toEqual({ limit: ["1"] });
  });
});

describe("rate limits", () => {
  it("counts per API key and per user for user tokens, with ratelimit-* headers and no Retry-After", async () => {
    let clock = Date.parse("2026-01-01T00:00:00Z");
    const { sim, demo, pd } = await start({
      rateLimit: { limit: 3 },
      now: () => new Date(clock),
    });
    const first = await pd.get("/abilities");
    expect([
      first.headers.get("ratelimit-limit"),
      first.headers.get("ratelimit-remaining"),
    ]).toEqual(["3", "2"]);
    expect(first.headers.get("ratelimit-reset")).toBe("60");
    await pd.get("/abilities");
    await pd.get("/abilities");
    clock += 15_000;
    const limited = await pd.get("/abilities");
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe(2020);
    expect(limited.headers.get("retry-after")).toBeNull();
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("ratelimit-reset")).toBe("45");
    // Two tokens of the same user share a bucket; another user does not.
    const second = sim.seed.userToken({ userId: demo.users.responder.id });
    const viaDemoToken = createTestClient(sim.url, {
      token: demo.tokens.responder,
    });
    const viaSecondToken = createTestClient(sim.url, { token: second.token });
    for (let i = 0; i < 3; i++) {
      expect((await viaDemoToken.get("/abilities")).status).toBe(200);
    }
    expect((await viaSecondToken.get("/abilities")).status).toBe(429);
    expect(
      (await createTestClient(sim.url, { token: demo.tokens.manager }).get(
        "/abilities",
      )).status,
    ).toBe(200);
    clock += 60_000;
    expect((await pd.get("/abilities")).status).toBe(200);
  });

  it("injects 429s with or without headers, for the next N matching requests", async () => {
    const { sim, pd } = await start();
    sim.faults.rateLimitNext(1, { withHeaders: false });
    sim.faults.rateLimitNext(1, {
      withHeaders: true,
      resetSeconds: 7,
      match: { path: "/services" },
    });
    const bare = await pd.get("/abilities");
    expect(bare.status).toBe(429);
    expect(bare.headers.get("ratelimit-reset")).toBeNull();
    expect((await pd.get("/abilities")).status).toBe(200);
    const withHeaders = await pd.get("/services");
    expect([withHeaders.status, withHeaders.headers.get("ratelimit-reset")])
      .toEqual([429, "7"]);
    expect((await pd.get("/services")).status).toBe(200);
  });

  it("injects 5xx, with PagerDuty's body or a raw one", async () => {
    const { sim, pd } = await start();
    sim.faults.failNext(2, {
      status: 503,
      match: { method: "GET", path: /^\/incidents/ },
    });
    sim.faults.failNext(1, { status: 502, body: "<html>Bad Gateway</html>" });
    expect((await pd.get("/incidents")).status).toBe(503);
    expect((await pd.get("/incidents/123")).status).toBe(503);
    const raw = await fetch(`${sim.url}/abilities`);
    expect([raw.status, await raw.text()]).toEqual([
      502,
      "<html>Bad Gateway</html>",
    ]);
    expect((await pd.get("/incidents")).status).toBe(200);
  });
});

describe("offset pagination", () => {
  it("pages with limit (default 25, at most 100), offset, more and total only on request", async () => {
    const { sim, demo, pd } = await start();
    for (let i = 0; i < 130; i++) {
      sim.triggerIncident({ serviceId: demo.services.api, title: `#${i}` });
    }
    const first = await pd.get("/incidents");
    expect(first.body).toMatchObject({
      limit: 25,
      offset: 0,
      more: true,
      total: null,
    });
    expect(first.body.incidents).toHaveLength(25);
    const capped = await pd.get("/incidents?limit=500&total=true");
    expect(capped.body).toMatchObject({ limit: 100, more: true, total: 130 });
    const last = await pd.get("/incidents?limit=100&offset=100");
    expect(last.body.incidents.map((i: Json) => i.title)).toEqual(
      Array.from({ length: 30 }, (_, i) => `#${i + 100}`),
    );
    expect(last.body.more).toBe(false);
    const tooDeep = await pd.get("/incidents?offset=9990&limit=25");
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.error.errors[0]).toMatch(
      /Offset\+limit exceeds maximum allowed value of 10000/,
    );
    expect((await pd.get("/incidents?limit=abc")).status).toBe(400);
  });
});

describe("directory", () => {
  it("reports on-calls per level, with schedule shifts and earliest", async () => {
    const { sim, demo, pd } = await start();
    const oncalls = await pd.get(
      `/oncalls?escalation_policy_ids[]=${demo.escalationPolicies.checkout}`,
    );
    expect(
      oncalls.body.oncalls.map((
        o: Json,
      ) => [o.escalation_level, o.user.id, o.schedule?.id ?? null]),
    ).toEqual([
      [1, demo.users.responder.id, demo.schedules.payments],
      [2, demo.users.manager.id, null],
    ]);
    const byUser = await pd.get(
      `/oncalls?user_ids[]=${demo.users.responder2.id}&earliest=true`,
    );
    expect(byUser.body.oncalls.map((o: Json) => o.escalation_policy.id))
      .toEqual([demo.escalationPolicies.platform]);
    const withUsers = await pd.get(
      `/oncalls?schedule_ids[]=${demo.schedules.payments}&include[]=users`,
    );
    expect(withUsers.body.oncalls.map((o: Json) => [o.user.type, o.user.email]))
      .toEqual([
        ["user", demo.users.responder.email],
      ]);
    expect((await pd.get("/oncalls?include[]=teams")).status).toBe(400);
    sim.seed.priorities(null);
    const priorities = await pd.get("/priorities");
    expect(priorities.status).toBe(402);
  });

  it("finds users by query and adds users as an admin", async () => {
    const { demo, pd } = await start();
    const found = await pd.get("/users?query=rosa");
    expect(found.body.users.map((u: Json) => u.id)).toEqual([
      demo.users.responder2.id,
    ]);
    const created = await pd.post("/users", {
      user: { type: "user", name: "New Person", email: "new@example.com" },
    });
    expect(created.status).toBe(201);
    const duplicate = await pd.post("/users", {
      user: { type: "user", name: "Again", email: "NEW@example.com" },
    });
    expect(duplicate.status).toBe(400);
    const badRole = await pd.post("/users", {
      user: { type: "user", name: "X", email: "x@example.com", role: "god" },
    });
    expect(badRole.body.error.code).toBe(2001);
  });
});
