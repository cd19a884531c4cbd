import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient, type Json } from "./create-test-client.ts";
import type { SimOAuthClient } from "./oauth-grants.ts";
import { seedDemoAccount } from "./seed-demo-account.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "./start-pagerduty-simulator.ts";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let clock = Date.parse("2026-03-01T09:00:00Z");
let sim: PagerDutySimulator;
let client: SimOAuthClient;
let userId: string;

beforeAll(async () => {
  sim = await startPagerDutySimulator({ now: () => new Date(clock) });
  const demo = seedDemoAccount(sim);
  userId = demo.users.manager.id;
  client = sim.oauth.registerClient({ name: "pagerslack" });
});
afterAll(() => sim.close());

/** The token endpoint's answer: status and parsed JSON. */
async function post(
  init: RequestInit,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${sim.url}/oauth/token`, {
    method: "POST",
    ...init,
  });
  return { status: response.status, body: await response.json() };
}

function refresh(refreshToken: string, secret = client.clientSecret) {
  return post({
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      client_id: client.clientId,
      client_secret: secret,
      refresh_token: refreshToken,
    }),
  });
}

function me(token: string) {
  return createTestClient(sim.url, { token }).get("/users/me");
}

describe("Scoped OAuth token lifetimes", () => {
  it("answers 401 (2006) once an access token is a day old, and the refresh token gets a new pair", async () => {
    const granted = sim.oauth.authorize({ clientId: client.clientId, userId });
    expect(granted.expires_in).toBe(86400);
    expect((await me(granted.access_token)).status).toBe(200);

    clock += DAY - 1000;
    expect((await me(granted.access_token)).status).toBe(200);
    clock += 1000;
    const expired = await me(granted.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe(2006);

    const answer = await refresh(granted.refresh_token);
    expect(answer.status).toBe(200);
    const fresh = answer.body;
    expect(fresh).toMatchObject({ token_type: "bearer", expires_in: 86400 });
    expect(fresh.access_token).not.toBe(granted.access_token);
    expect(fresh.refresh_token).not.toBe(granted.refresh_token);
    expect((await me(fresh.access_token)).body.user.id).toBe(userId);

    // Each refresh answers a new refresh token: the old one is spent.
    const again = await refresh(granted.refresh_token);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe("invalid_grant");
  });

  it("refuses a refresh token 30 days old with invalid_grant", async () => {
    const granted = sim.oauth.authorize({ clientId: client.clientId, userId });
    clock += 30 * DAY;
    const answer = await refresh(granted.refresh_token);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: "invalid_grant" });
  });

  it("keeps refreshing within the rolling year, and not past it", async () => {
    const granted = sim.oauth.authorize({ clientId: client.clientId, userId });
    let refreshToken = granted.refresh_token;
    const statuses: number[] = [];
    // Every 29 days: days 29 … 348 are inside the year, day 377 is not.
    for (let i = 0; i < 13; i++) {
      clock += 29 * DAY;
      const answer = await refresh(refreshToken);
      statuses.push(answer.status);
      if (answer.status === 200) {
        refreshToken = answer.body.refresh_token;
      }
    }
    expect(statuses).toEqual([...Array(12).fill(200), 400]);
  });

  it("refuses a wrong client secret with invalid_client (401)", async () => {
    const granted = sim.oauth.authorize({ clientId: client.clientId, userId });
    const answer = await refresh(granted.refresh_token, "not-the-secret");
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe("invalid_client");
  });

  it("takes only form bodies and the refresh_token grant", async () => {
    const json = await post({
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "refresh_token" }),
    });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe("invalid_request");
    const password = await post({
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=password",
    });
    expect(password.body.error).toBe("unsupported_grant_type");
  });

  it("leaves seeded user tokens without an expiry", async () => {
    const seeded = sim.seed.userToken({ userId });
    clock += 400 * DAY;
    expect((await me(seeded.token)).status).toBe(200);
  });
});
