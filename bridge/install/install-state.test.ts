import { describe, expect, it } from "vitest";
import {
  createInstallStates,
  readStateCookie,
  STATE_LIFETIME_MS,
  stateCookie,
} from "./install-state.ts";
import { slackAuthorizeUrl } from "./slack-authorize-url.ts";

const KEY = "an-encryption-key-of-forty-characters!!";
const T = 1_800_000_000_000;

describe("install state", () => {
  it("passes once for the browser holding it, then is reused", () => {
    const states = createInstallStates(KEY);
    const { state } = states.issue(T);
    expect(states.consume(state, state, T + 1000)).toEqual({ ok: true });
    expect(states.consume(state, state, T + 2000)).toEqual({
      ok: false,
      reason: "reused",
    });
  });

  it("names why a state is refused", () => {
    const states = createInstallStates(KEY);
    const { state } = states.issue(T);
    const other = states.issue(T).state;
    const elsewhere =
      createInstallStates("another-key-of-at-least-32-characters!")
        .issue(T).state;
    expect(states.consume(undefined, state, T)).toMatchObject({
      reason: "missing",
    });
    expect(states.consume(elsewhere, elsewhere, T)).toMatchObject({
      reason: "forged",
    });
    expect(states.consume(`${state}x`, `${state}x`, T)).toMatchObject({
      reason: "forged",
    });
    expect(states.consume(state, undefined, T)).toMatchObject({
      reason: "no_cookie",
    });
    expect(states.consume(state, other, T)).toMatchObject({
      reason: "mismatch",
    });
    expect(states.consume(state, state, T + STATE_LIFETIME_MS + 1))
      .toMatchObject({ reason: "expired" });
  });

  it("makes an HttpOnly, SameSite=Lax cookie, Secure only for https, and reads it back", () => {
    const https = stateCookie("abc.1.x", { secure: true, maxAgeS: 600 });
    expect(https).toBe(
      "pagerslack_install_state=abc.1.x; Path=/slack; Max-Age=600; HttpOnly; SameSite=Lax; Secure",
    );
    expect(stateCookie("abc", { secure: false, maxAgeS: 600 })).not.toContain(
      "Secure",
    );
    expect(readStateCookie("a=1; pagerslack_install_state=abc.1.x; b=2")).toBe(
      "abc.1.x",
    );
    expect(readStateCookie("a=1")).toBeUndefined();
  });
});

describe("Slack's authorize URL", () => {
  it("is slack.com's for Slack's API and the simulator's beside its API", () => {
    const params = {
      clientId: "1.2",
      scopes: ["chat:write", "commands"],
      redirectUri: "https://bridge.example.com/slack/oauth_redirect",
      state: "s",
    };
    const real = new URL(slackAuthorizeUrl("https://slack.com/api/", params));
    expect(real.origin + real.pathname).toBe(
      "https://slack.com/oauth/v2/authorize",
    );
    expect(real.searchParams.get("scope")).toBe("chat:write,commands");
    const sim = new URL(
      slackAuthorizeUrl("http://127.0.0.1:4000/api/", params),
    );
    expect(sim.origin + sim.pathname).toBe(
      "http://127.0.0.1:4000/oauth/v2/authorize",
    );
  });
});
