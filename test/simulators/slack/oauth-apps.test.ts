import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OAUTH_CODE_LIFETIME_MS } from "./oauth-apps.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

const APP = {
  clientId: "9.9",
  clientSecret: "shh",
  appId: "A0APP1",
  signingSecret: "sign",
  redirectUrls: ["https://bridge.example.com/slack"],
  scopes: ["chat:write", "commands"],
};
const REDIRECT = "https://bridge.example.com/slack/oauth_redirect";

describe("simulated OAuth v2 install", () => {
  let sim: SlackSimulator;
  let clock = 1_000_000;
  beforeEach(async () => {
    clock = 1_000_000;
    sim = await startSlackSimulator({ now: () => clock });
    sim.createUser({ id: "U0PERSON", name: "alice" });
    sim.registerOAuthApp(APP);
  });
  afterEach(() => sim.close());

  const authorize = (over: Record<string, string> = {}) => {
    const outcome = sim.authorizeApp({
      url: {
        client_id: APP.clientId,
        scope: "chat:write,commands",
        redirect_uri: REDIRECT,
        state: "st",
        ...over,
      },
      decision: "allow",
    });
    if (!outcome.ok) throw new Error(outcome.error);
    return new URL(outcome.redirectUrl);
  };
  const access = async (
    body: Record<string, string>,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${sim.url}oauth.v2.access`, {
      method: "POST",
      headers,
      body: new URLSearchParams(body),
    });
    return await response.json() as Record<string, unknown>;
  };
  const basic = {
    authorization: `Basic ${btoa(`${APP.clientId}:${APP.clientSecret}`)}`,
  };

  it("issues a code for the redirect (beneath a Redirect URL) and exchanges it once for a bot token, with HTTP Basic", async () => {
    const back = authorize();
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get("state")).toBe("st");
    const code = back.searchParams.get("code")!;
    const granted = await access({ code, redirect_uri: REDIRECT }, basic);
    expect(granted).toMatchObject({
      ok: true,
      token_type: "bot",
      scope: "chat:write,commands",
      app_id: APP.appId,
      team: { id: sim.workspace.teamId, name: sim.workspace.teamDomain },
      enterprise: null,
      authed_user: { id: "U0PERSON" },
      is_enterprise_install: false,
    });
    const token = sim.workspace.tokens.get(granted.access_token as string)!;
    expect(token).toMatchObject({ kind: "bot", userId: granted.bot_user_id });
    expect(await access({ code, redirect_uri: REDIRECT }, basic)).toEqual({
      ok: false,
      error: "invalid_code",
    });
  });

  it("accepts form credentials and refuses wrong ones, a wrong redirect_uri and an expired code with documented codes", async () => {
    const code = authorize().searchParams.get("code")!;
    expect(await access({ client_id: "nope", client_secret: "x", code }))
      .toMatchObject({ error: "invalid_client_id" });
    expect(
      await access({ client_id: APP.clientId, client_secret: "x", code }),
    ).toMatchObject({ error: "bad_client_secret" });
    expect(
      await access({
        client_id: APP.clientId,
        client_secret: APP.clientSecret,
        code,
        redirect_uri: "https://bridge.example.com/slack/other",
      }),
    ).toMatchObject({ error: "bad_redirect_uri" });
    clock += OAUTH_CODE_LIFETIME_MS + 1;
    expect(
      await access({
        client_id: APP.clientId,
        client_secret: APP.clientSecret,
        code,
        redirect_uri: REDIRECT,
      }),
    ).toMatchObject({ error: "invalid_code" });
    expect(sim.undocumentedErrors()).toEqual([]);
    // The call log never keeps the client secret.
    expect(JSON.stringify(sim.calls({ method: "oauth.v2.access" })))
      .not.toContain(APP.clientSecret);
  });

  it("shows an error page instead of redirecting for an unknown client or a redirect_uri outside the app's", async () => {
    const page = await fetch(
      new URL(
        `/oauth/v2/authorize?client_id=${APP.clientId}&scope=chat:write&redirect_uri=${
          encodeURIComponent("https://evil.example.com/slack/oauth_redirect")
        }&state=s`,
        sim.url,
      ),
    );
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("bad_redirect_uri");
    expect(
      sim.authorizeApp({
        url: { client_id: "unknown", redirect_uri: REDIRECT },
        decision: "allow",
      }),
    ).toMatchObject({ ok: false, error: "invalid_client_id" });
  });

  it("declining redirects with error=access_denied and the state, issuing nothing", () => {
    const outcome = sim.authorizeApp({
      url: { client_id: APP.clientId, redirect_uri: REDIRECT, state: "st" },
      decision: "deny",
    });
    expect(outcome.ok && new URL(outcome.redirectUrl).search).toBe(
      "?state=st&error=access_denied",
    );
    expect([...sim.workspace.tokens.values()]).toEqual([]);
  });

  it("keeps the bot user across reinstalls and the live token, adding newly granted scopes", async () => {
    const exchange = async (scope: string) =>
      await access({
        code: authorize({ scope }).searchParams.get("code")!,
        redirect_uri: REDIRECT,
      }, basic);
    const first = await exchange("chat:write");
    const second = await exchange("commands");
    expect(second.bot_user_id).toBe(first.bot_user_id);
    expect(second.access_token).toBe(first.access_token);
    expect(second.scope).toBe("chat:write,commands");
  });

  describe("Enterprise Grid (api.slack.com/enterprise/apps/reference)", () => {
    const ORG = { id: "E0SIMORG1", name: "Starship" };
    const gridWorkspace = () => {
      const ws = sim.addWorkspace({
        teamId: "T0GRIDWS1",
        name: "Grid Ops",
        enterprise: ORG,
      });
      ws.createUser({ id: "W0ADMIN", name: "org-admin" });
      return ws;
    };
    const exchangeIn = async (
      ws: ReturnType<typeof gridWorkspace>,
      orgWide?: boolean,
    ) => {
      const outcome = ws.authorizeApp({
        url: {
          client_id: APP.clientId,
          redirect_uri: REDIRECT,
          state: "st",
        },
        decision: "allow",
        ...(orgWide === undefined ? {} : { orgWide }),
      });
      if (!outcome.ok) throw new Error(outcome.error);
      return await access({
        code: new URL(outcome.redirectUrl).searchParams.get("code")!,
        redirect_uri: REDIRECT,
      }, basic);
    };

    it("a workspace of an org installs like any other, its answer naming the org next to the team", async () => {
      const answer = await exchangeIn(gridWorkspace());
      expect(answer).toMatchObject({
        ok: true,
        token_type: "bot",
        team: { id: "T0GRIDWS1" },
        enterprise: ORG,
        is_enterprise_install: false,
      });
    });

    it("an org-wide install answers team null, the org and is_enterprise_install true", async () => {
      sim.registerOAuthApp({ ...APP, orgDeployment: true });
      const answer = await exchangeIn(gridWorkspace(), true);
      expect(answer).toMatchObject({
        ok: true,
        token_type: "bot",
        team: null,
        enterprise: ORG,
        is_enterprise_install: true,
        app_id: APP.appId,
      });
      expect(answer.access_token).toMatch(/^xoxb-/);
    });

    it("offers no org-wide install to an app that did not opt in, nor outside an org", () => {
      const ws = gridWorkspace();
      const orgWide = (w: typeof ws | SlackSimulator) => () =>
        w.authorizeApp({
          url: { client_id: APP.clientId, redirect_uri: REDIRECT },
          decision: "allow",
          orgWide: true,
        });
      expect(orgWide(ws)).toThrow(/not opted in to org-wide deployment/);
      sim.registerOAuthApp({ ...APP, orgDeployment: true });
      expect(orgWide(sim)).toThrow(
        /needs a workspace of an Enterprise Grid org/,
      );
    });
  });
});
