// Scoped OAuth as PagerDuty documents it: a token holds exactly the scopes the authorization asked for when the
// OAuth app was granted them all, and only `openid` when it asked for one the app lacks
// (PagerDuty/developer-docs docs/app-integration-development/09-User-OAuth-Token.md, "Troubleshooting: API Call
// results in 403"); every operation then answers PagerDuty's missing-scope 403.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClient } from "./create-test-client.ts";
import { scopesOfAuthorization } from "./oauth-grants.ts";
import { type DemoAccount, seedDemoAccount } from "./seed-demo-account.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "./start-pagerduty-simulator.ts";

let sim: PagerDutySimulator;
let demo: DemoAccount;
beforeAll(async () => {
  sim = await startPagerDutySimulator();
  demo = seedDemoAccount(sim);
});
afterAll(() => sim.close());

const APP_SCOPES = ["incidents.read", "incidents.write", "services.read"];

function authorizeAs(granted: string[], requested: string[]) {
  const client = sim.oauth.registerClient({
    name: "pagerslack",
    scopes: granted,
  });
  const answer = sim.oauth.authorize({
    clientId: client.clientId,
    userId: demo.users.responder.id,
    scopes: requested,
  });
  return {
    answer,
    api: createTestClient(sim.url, {
      token: answer.access_token,
      from: demo.users.responder.email,
    }),
  };
}

describe("Scoped OAuth authorizations", () => {
  it("asking for granted scopes: the token holds those, and only those", async () => {
    const { answer, api } = authorizeAs(APP_SCOPES, [
      "incidents.read",
      "services.read",
    ]);
    expect(answer.scope).toBe("openid incidents.read services.read");
    expect((await api.get("/incidents")).status).toBe(200);
    expect((await api.get("/services")).status).toBe(200);
    const write = await api.post("/incidents", {
      incident: {
        type: "incident",
        title: "x",
        service: { id: demo.services.checkout, type: "service_reference" },
      },
    });
    expect(write.status).toBe(403);
    expect(write.body).toEqual({
      message: "Token missing required scopes",
      required_scopes: "incidents.write",
    });
  });

  it("asking for one scope the app was not granted: no error, a token with only openid", async () => {
    const { answer, api } = authorizeAs(APP_SCOPES, [
      ...APP_SCOPES,
      "teams.read",
    ]);
    expect(answer.scope).toBe("openid");
    expect((await api.get("/incidents")).body).toEqual({
      message: "Token missing required scopes",
      required_scopes: "incidents.read",
    });
    expect((await api.get("/teams")).status).toBe(403);
    // GET /users/me requires no scope: the link itself still works.
    expect((await api.get("/users/me")).body.user.email).toBe(
      demo.users.responder.email,
    );
  });

  it("keeps the granted scopes through a refresh", () => {
    const client = sim.oauth.registerClient({ scopes: APP_SCOPES });
    const first = sim.oauth.authorize({
      clientId: client.clientId,
      userId: demo.users.responder.id,
      scopes: ["incidents.read"],
    });
    const refreshed = sim.oauth.refresh({
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      refreshToken: first.refresh_token,
    });
    expect(refreshed.ok && refreshed.answer.scope).toBe(
      "openid incidents.read",
    );
  });

  it("scopesOfAuthorization: all requested, or openid alone", () => {
    expect(scopesOfAuthorization(["a.read", "b.read"], ["a.read"])).toEqual([
      "a.read",
    ]);
    expect(scopesOfAuthorization(["a.read"], ["a.read", "b.read"])).toEqual([
      "openid",
    ]);
    expect(scopesOfAuthorization(["a.read"], undefined)).toEqual(["a.read"]);
    expect(scopesOfAuthorization(null, undefined)).toBeNull();
  });
});
