import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SimOAuthClient } from "../pagerduty/oauth-grants.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../pagerduty/start-pagerduty-simulator.ts";
import { callSlack } from "./call-slack.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

const DAY = 24 * 60 * 60 * 1000;
const APP_ID = "A0HOSTED";

// One clock for both simulators, as in the world: a day passes for Slack and PagerDuty alike.
let clock = Date.parse("2026-03-01T09:00:00Z");
let slack: SlackSimulator;
let pd: PagerDutySimulator;
let client: SimOAuthClient;
let hostedToken: string;
let userId: string;
let slackUser: string;

beforeAll(async () => {
  pd = await startPagerDutySimulator({ now: () => new Date(clock) });
  userId = pd.seed.user({ name: "Maya", email: "maya@example.com" }).id;
  client = pd.oauth.registerClient({ name: "pagerslack" });
  slack = await startSlackSimulator({ now: () => clock });
  slack.createHostedApp({ appId: APP_ID });
  hostedToken = slack.createToken({
    kind: "hosted_app",
    appId: APP_ID,
    scopes: [],
  }).token;
  slackUser = slack.createUser({ name: "maya" }).id;
  slack.registerOAuth2Provider({
    provider_key: "pagerduty",
    token_url: `${pd.url}/oauth/token`,
    client_id: client.clientId,
    client_secret: client.clientSecret,
  });
});
afterAll(async () => {
  await slack.close();
  await pd.close();
});

/** What the OAuth flow leaves in Slack's store; `knowsExpiry: false` when Slack kept no expiry. */
function connect(id: string, knowsExpiry = true) {
  const granted = pd.oauth.authorize({ clientId: client.clientId, userId });
  slack.seedExternalToken({
    external_token_id: id,
    user_id: slackUser,
    provider_key: "pagerduty",
    token: granted.access_token,
    refresh_token: granted.refresh_token,
    ...(knowsExpiry ? { expires_at: clock + granted.expires_in * 1000 } : {}),
  });
  return granted;
}

function get(id: string, extra: Record<string, unknown> = {}) {
  return callSlack(slack.url, "apps.auth.external.get", {
    external_token_id: id,
    ...extra,
  }, hostedToken).then((answer) => answer.body);
}

function tokenEndpointCalls() {
  return pd.requests().filter((r) => r.path === "/oauth/token");
}

beforeEach(() => pd.clearRequests());

describe("apps.auth.external.get refreshes as Slack's external auth does", () => {
  it("hands over the stored token while it is valid, without calling the provider", async () => {
    const granted = connect("Et0VALID");
    expect(await get("Et0VALID")).toEqual({
      ok: true,
      external_token: granted.access_token,
    });
    expect(tokenEndpointCalls()).toHaveLength(0);
  });

  it("refreshes an expired token through the provider's token endpoint", async () => {
    const granted = connect("Et0EXPIRED");
    clock += DAY;
    const answer = await get("Et0EXPIRED");
    expect(answer.ok).toBe(true);
    expect(answer.external_token).not.toBe(granted.access_token);
    const me = await fetch(`${pd.url}/users/me`, {
      headers: {
        authorization: `Bearer ${answer.external_token}`,
        accept: "application/vnd.pagerduty+json;version=2",
      },
    });
    expect(me.status).toBe(200);
    expect(tokenEndpointCalls()).toHaveLength(1);
    // The new token is good for another day: no second refresh.
    expect((await get("Et0EXPIRED")).external_token).toBe(
      answer.external_token,
    );
    expect(tokenEndpointCalls()).toHaveLength(1);
  });

  it("refreshes a token it believes valid when asked with force_refresh", async () => {
    const granted = connect("Et0FORCE", false);
    const answer = await get("Et0FORCE", { force_refresh: true });
    expect(answer.ok).toBe(true);
    expect(answer.external_token).not.toBe(granted.access_token);
    expect(tokenEndpointCalls()).toHaveLength(1);
    expect(slack.externalTokenRefreshes().at(-1)).toMatchObject({
      external_token_id: "Et0FORCE",
      status: 200,
      ok: true,
    });
  });

  it("answers access_token_exchange_failed once the refresh token is dead, and stops asking the provider", async () => {
    connect("Et0DEAD");
    clock += 31 * DAY;
    expect(await get("Et0DEAD")).toEqual({
      ok: false,
      error: "access_token_exchange_failed",
    });
    expect(await get("Et0DEAD", { force_refresh: true })).toEqual({
      ok: false,
      error: "access_token_exchange_failed",
    });
    expect(tokenEndpointCalls().map((r) => r.status)).toEqual([400]);
  });

  it("answers no_refresh_token when there is nothing to refresh with", async () => {
    slack.seedExternalToken({
      external_token_id: "Et0NOREFRESH",
      user_id: slackUser,
      provider_key: "pagerduty",
      token: "pd-token",
    });
    expect(await get("Et0NOREFRESH", { force_refresh: "true" })).toEqual({
      ok: false,
      error: "no_refresh_token",
    });
    expect(await get("Et0NOREFRESH")).toEqual({
      ok: true,
      external_token: "pd-token",
    });
    expect(slack.undocumentedErrors()).toEqual([]);
  });
});
