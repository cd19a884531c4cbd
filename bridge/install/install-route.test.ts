// "Add to Slack" end to end over HTTP: the bridge's real routes (served on loopback) and the Slack simulator's
// authorize page, oauth.v2.access and Events API deliveries. A person's browser is played by fetch with a cookie
// jar of one cookie.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import pino from "pino";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../../test/simulators/slack/start-slack-simulator.ts";
import { testMetrics } from "../../test/support/bridge-test-support.ts";
import { createBridgeApp } from "../server.ts";
import { createSecretBox } from "../secrets/secret-box.ts";
import {
  createInstallationStore,
  type InstallationStore,
} from "./installation-store.ts";
import { STATE_LIFETIME_MS } from "./install-state.ts";

const KEY = "an-encryption-key-of-forty-characters!!";
const CLIENT_ID = "1111.2222";
const CLIENT_SECRET = "client-secret-do-not-log-0123456789";
const SIGNING_SECRET = "signing-secret-of-the-bridge-app";
const APP_ID = "A0BRIDGE01";
const manifest = JSON.parse(
  readFileSync(new URL("../slack-app-manifest.json", import.meta.url), "utf8"),
) as { oauth_config: { scopes: { bot: string[] } } };

const dialect = (await testDialects()).find((d) => d.dialect === "sqlite")!;

describe("Add to Slack", () => {
  let database!: TestDatabase;
  useTestDatabase(
    dialect.dialect,
    ["slack_installations"],
    (d) => (database = d),
  );
  let sim: SlackSimulator;
  let bridgeUrl: string;
  let close: () => Promise<void>;
  let logs: string[];
  let uninstalled: string[];
  let store: InstallationStore;
  let clock: number;

  const appSeed = () => ({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    appId: APP_ID,
    signingSecret: SIGNING_SECRET,
    redirectUrls: [`${bridgeUrl}/slack/oauth_redirect`],
    scopes: manifest.oauth_config.scopes.bot,
    eventsUrl: `${bridgeUrl}/slack/events`,
    botName: "PagerSlack",
  });
  const start = async (install: Record<string, unknown> = {}) => {
    logs = [];
    const logger = pino({ level: "debug" }, {
      write: (line: string) => void logs.push(line),
    });
    store = createInstallationStore(database.db, createSecretBox(KEY));
    const server = serve({
      fetch: (request) => app.fetch(request),
      hostname: "127.0.0.1",
      port: 0,
    });
    await new Promise<void>((r) =>
      server.listening ? r() : server.once("listening", () => r())
    );
    bridgeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const app = createBridgeApp({
      db: database.db,
      isReady: () => Promise.resolve(true),
      slack: {} as never,
      metrics: testMetrics(),
      logger,
      webhookSecrets: [],
      apiTokens: [],
      now: () => new Date(clock),
      install: {
        slackClientId: CLIENT_ID,
        slackClientSecret: CLIENT_SECRET,
        encryptionKey: KEY,
        publicUrl: bridgeUrl,
        slackApiUrl: sim.url,
        signingSecret: SIGNING_SECRET,
        installations: store,
        onUninstalled: (teamId) => void uninstalled.push(teamId),
        ...install,
      },
    });
    sim.registerOAuthApp(appSeed());
    close = () =>
      new Promise<void>((r) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => r());
      });
  };

  beforeEach(async () => {
    clock = Date.parse("2026-12-02T10:00:00Z");
    uninstalled = [];
    sim = await startSlackSimulator({ now: () => clock });
    sim.createUser({ id: "U0ADMIN", name: "alice", isAdmin: true });
    await start();
  });
  afterEach(async () => {
    await close();
    await sim.close();
  });

  /** A browser: GET /slack/install, keep the cookie, read the Add to Slack link. */
  const openInstallPage = async () => {
    const page = await fetch(`${bridgeUrl}/slack/install`);
    const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
    const html = await page.text();
    const authorize = html.match(/href="([^"]*oauth\/v2\/authorize[^"]*)"/)![1]!
      .replaceAll("&#38;", "&");
    return { page, html, cookie, authorize };
  };
  const followRedirect = async (redirectUrl: string, cookie?: string) => {
    const response = await fetch(redirectUrl, {
      headers: cookie ? { cookie } : {},
    });
    return { status: response.status, html: await response.text(), response };
  };
  const install = async () => {
    const { cookie, authorize } = await openInstallPage();
    const outcome = sim.authorizeApp({ url: authorize, decision: "allow" });
    if (!outcome.ok) throw new Error(outcome.error);
    return {
      ...(await followRedirect(outcome.redirectUrl, cookie)),
      redirect: outcome.redirectUrl,
      cookie,
    };
  };
  const allLogs = () => logs.join("\n");
  const tokensOf = () =>
    [...sim.workspace.tokens.values()].filter((t) => t.appId === APP_ID);

  it("shows what the bot may do and links to Slack's authorize page with the manifest's scopes and a browser-bound state", async () => {
    const { page, html, authorize } = await openInstallPage();
    expect(page.status).toBe(200);
    expect(html).toContain("Add to Slack");
    expect(html).toContain("create incident channels");
    const url = new URL(authorize);
    expect(url.origin + url.pathname).toBe(
      new URL(sim.url).origin + "/oauth/v2/authorize",
    );
    expect(new Set(url.searchParams.get("scope")!.split(","))).toEqual(
      new Set(manifest.oauth_config.scopes.bot),
    );
    expect(url.searchParams.get("redirect_uri")).toBe(
      `${bridgeUrl}/slack/oauth_redirect`,
    );
    const setCookie = page.headers.get("set-cookie")!;
    expect(setCookie).toContain(`=${url.searchParams.get("state")}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Max-Age=600/);
    // http public URL: no Secure (the browser would drop the cookie).
    expect(setCookie).not.toMatch(/Secure/);
    // The simulator's consent page accepts the link.
    const consent = await fetch(authorize);
    expect(consent.status).toBe(200);
    expect(await consent.text()).toContain("requesting permission");
  });

  it("installs: exchanges the code, stores the sealed token with the workspace, says what to do next", async () => {
    const { status, html, response } = await install();
    expect(status).toBe(200);
    expect(html).toContain("Installed in pagerslack-sim");
    expect(html).toContain("/invite @PagerSlack");
    // Installing is no admin login: the page links to the login form and sets no session.
    expect(html).toContain('href="/login"');
    expect(response.headers.get("set-cookie") ?? "").not.toContain(
      "pagerslack_admin",
    );
    const [token] = tokensOf();
    expect(token!.kind).toBe("bot");
    expect(new Set(token!.scopes)).toEqual(
      new Set(manifest.oauth_config.scopes.bot),
    );
    const saved = await store.find(sim.workspace.teamId);
    expect(saved).toMatchObject({
      teamId: sim.workspace.teamId,
      teamName: "pagerslack-sim",
      appId: APP_ID,
      botUserId: token!.userId,
      botToken: token!.token,
      installedBy: "U0ADMIN",
    });
    // The token works against the (simulated) Web API.
    expect(sim.call("auth.test", {}, saved!.botToken).ok).toBe(true);
    expect(allLogs()).toContain("Slack workspace installed");
    expect(allLogs()).not.toContain(token!.token);
    expect(html).not.toContain(token!.token);
  });

  it("plays the person through the simulator's HTML consent form too (POST → 302 back to the bridge)", async () => {
    const { cookie, authorize } = await openInstallPage();
    const form = new URL(authorize).searchParams;
    form.set("decision", "allow");
    form.set("user", "U0ADMIN");
    const answer = await fetch(new URL("/oauth/v2/authorize", sim.url), {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    expect(answer.status).toBe(302);
    const done = await followRedirect(answer.headers.get("location")!, cookie);
    expect(done.status).toBe(200);
    expect(await store.list()).toHaveLength(1);
  });

  it("refuses a forged state, a state from another browser, a reused one and an expired one, storing nothing", async () => {
    const { cookie, authorize } = await openInstallPage();
    const ok = sim.authorizeApp({ url: authorize, decision: "allow" });
    if (!ok.ok) throw new Error(ok.error);
    const redirect = new URL(ok.redirectUrl);

    const forged = new URL(redirect);
    forged.searchParams.set("state", "made.up.state");
    const a = await followRedirect(forged.toString(), cookie);
    expect(a.status).toBe(400);
    expect(a.html).toContain("not issued by this bridge");

    // Another browser: the right link, but no cookie (or someone else's).
    const b = await followRedirect(redirect.toString());
    expect(b.status).toBe(400);
    expect(b.html).toContain("browser that clicked Add to Slack");
    const other = await openInstallPage();
    const c = await followRedirect(redirect.toString(), other.cookie);
    expect(c.html).toContain("another install");
    expect(await store.list()).toEqual([]);

    // The real thing passes once; the same link again is refused.
    expect((await followRedirect(redirect.toString(), cookie)).status).toBe(
      200,
    );
    await store.delete(sim.workspace.teamId);
    const again = await followRedirect(redirect.toString(), cookie);
    expect(again.status).toBe(400);
    expect(again.html).toContain("already used");
    expect(await store.list()).toEqual([]);

    const late = await openInstallPage();
    const lateOk = sim.authorizeApp({ url: late.authorize, decision: "allow" });
    if (!lateOk.ok) throw new Error(lateOk.error);
    clock += STATE_LIFETIME_MS + 1000;
    const expired = await followRedirect(lateOk.redirectUrl, late.cookie);
    expect(expired.status).toBe(400);
    expect(expired.html).toContain("older than 10 minutes");
    expect(await store.list()).toEqual([]);
    expect(allLogs()).toContain("bad state");
  });

  it("says the install was cancelled when the person declines on Slack's page", async () => {
    const { cookie, authorize } = await openInstallPage();
    const denied = sim.authorizeApp({ url: authorize, decision: "deny" });
    if (!denied.ok) throw new Error(denied.error);
    expect(new URL(denied.redirectUrl).searchParams.get("error")).toBe(
      "access_denied",
    );
    const page = await followRedirect(denied.redirectUrl, cookie);
    expect(page.status).toBe(403);
    expect(page.html).toContain("Install cancelled");
    expect(await store.list()).toEqual([]);
    expect(tokensOf()).toEqual([]);
  });

  it("refuses a code exchanged twice (Slack: invalid_code) and names what to do", async () => {
    const { cookie, authorize } = await openInstallPage();
    const ok = sim.authorizeApp({ url: authorize, decision: "allow" });
    if (!ok.ok) throw new Error(ok.error);
    const code = new URL(ok.redirectUrl).searchParams.get("code")!;
    // Someone (a prefetching proxy, a second bridge) exchanged it first.
    const first = await fetch(`${sim.url}oauth.v2.access`, {
      method: "POST",
      body: new URLSearchParams({
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        code,
        redirect_uri: `${bridgeUrl}/slack/oauth_redirect`,
      }),
    });
    expect(((await first.json()) as { ok: boolean }).ok).toBe(true);
    const page = await followRedirect(ok.redirectUrl, cookie);
    expect(page.status).toBe(400);
    expect(page.html).toContain("invalid_code");
    expect(page.html).toContain("already used or is older than 10 minutes");
    expect(await store.list()).toEqual([]);
    expect(sim.undocumentedErrors()).toEqual([]);
  });

  it("shows Slack's outage as such when oauth.v2.access answers 5xx, storing nothing", async () => {
    sim.injectFault({ method: "oauth.v2.access", kind: "http", status: 503 });
    const { status, html } = await install();
    expect(status).toBe(502);
    expect(html).toContain("Slack is unavailable");
    expect(html).toContain("HTTP 503");
    expect(await store.list()).toEqual([]);
  });

  it("explains a redirect URL Slack does not accept (BRIDGE_PUBLIC_URL wrong)", async () => {
    // Authorized for the right URL, then exchanged by a bridge configured with another public URL.
    const { cookie, authorize } = await openInstallPage();
    const ok = sim.authorizeApp({ url: authorize, decision: "allow" });
    if (!ok.ok) throw new Error(ok.error);
    await close();
    const realUrl = bridgeUrl;
    await start({ publicUrl: "https://elsewhere.example.com" });
    const redirect = ok.redirectUrl.replace(realUrl, bridgeUrl);
    // The state was MACed with the same key, so it still checks; the exchange's redirect_uri does not.
    const page = await followRedirect(redirect, cookie);
    expect(page.html).toContain("bad_redirect_uri");
    expect(page.html).toContain("BRIDGE_PUBLIC_URL");
    expect(await store.list()).toEqual([]);
  });

  describe("Enterprise Grid", () => {
    const ORG = { id: "E0SIMORG1", name: "Starship" };
    const gridInstall = async (orgWide: boolean) => {
      const ws = sim.addWorkspace({
        teamId: "T0GRIDWS1",
        name: "Grid Ops",
        enterprise: ORG,
      });
      ws.createUser({ id: "W0ORGADMIN", name: "org-admin", isAdmin: true });
      if (orgWide) {
        // The app opted in to org-wide deployment (Org Level Apps), so Slack offers the org admin that choice.
        sim.registerOAuthApp({ ...appSeed(), orgDeployment: true });
      }
      const { cookie, authorize } = await openInstallPage();
      const outcome = ws.authorizeApp({
        url: authorize,
        decision: "allow",
        orgWide,
      });
      if (!outcome.ok) throw new Error(outcome.error);
      return await followRedirect(outcome.redirectUrl, cookie);
    };

    it("installs a workspace of a Grid org per workspace, keeping the org's id", async () => {
      const { status, html } = await gridInstall(false);
      expect(status).toBe(200);
      expect(html).toContain("Installed in grid-ops");
      expect(await store.find("T0GRIDWS1")).toMatchObject({
        teamId: "T0GRIDWS1",
        enterpriseId: "E0SIMORG1",
        installedBy: "W0ORGADMIN",
      });
    });

    it("refuses an org-wide install with a page saying what works, storing nothing", async () => {
      const { status, html } = await gridInstall(true);
      expect(status).toBe(400);
      expect(html).toContain("Org-wide installs are not supported");
      expect(html).toContain(
        "Enterprise Grid organization <strong>Starship</strong> (<code>E0SIMORG1</code>)",
      );
      expect(html).toContain("nothing was stored");
      expect(html).toMatch(
        /Install the app in each workspace of the organization, one at a time/,
      );
      expect(html).toContain('href="/slack/install"');
      expect(await store.list()).toEqual([]);
      expect(allLogs()).toContain(
        "Slack install refused: an org-wide Enterprise Grid install",
      );
      expect(allLogs()).toContain('"enterprise_id":"E0SIMORG1"');
      expect(allLogs()).not.toMatch(/xoxb-/);
    });
  });

  it("replaces the stored token on a reinstall after the old one was revoked", async () => {
    await install();
    const first = await store.find(sim.workspace.teamId);
    sim.revokeToken(first!.botToken);
    clock += 60_000;
    const again = await install();
    expect(again.html).toContain("Reinstalled");
    const second = await store.find(sim.workspace.teamId);
    expect(second!.botToken).not.toBe(first!.botToken);
    expect(second!.botUserId).toBe(first!.botUserId);
    expect(second!.updatedAt).not.toBe(first!.updatedAt);
    expect(await store.list()).toHaveLength(1);
    expect(allLogs()).toContain("Slack workspace reinstalled");
  });

  it("answers 404 when SLACK_CLIENT_ID/SECRET are not set and 503 without PAGERSLACK_ENCRYPTION_KEY", async () => {
    await close();
    await start({ slackClientId: null });
    const off = await fetch(`${bridgeUrl}/slack/install`);
    expect(off.status).toBe(404);
    expect(await off.text()).toContain(
      "set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET",
    );
    await close();
    await start({ encryptionKey: null, installations: null });
    const half = await fetch(
      `${bridgeUrl}/slack/oauth_redirect?code=x&state=y`,
    );
    expect(half.status).toBe(503);
    expect(await half.text()).toContain("PAGERSLACK_ENCRYPTION_KEY");
  });

  describe("POST /slack/events", () => {
    it("answers Slack's url_verification", async () => {
      const check = await sim.verifyEventsUrl(CLIENT_ID);
      expect(check.verified).toBe(true);
    });

    it("forgets the workspace on uninstall (tokens_revoked + app_uninstalled), calls the hook, logs the team without the token", async () => {
      await install();
      const { botToken } = (await store.find(sim.workspace.teamId))!;
      const deliveries = await sim.uninstallApp(CLIENT_ID);
      expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
      expect(await store.list()).toEqual([]);
      expect(uninstalled).toContain(sim.workspace.teamId);
      expect(sim.call("auth.test", {}, botToken).ok).toBe(false);
      expect(allLogs()).toContain(
        `Slack workspace ${sim.workspace.teamId} removed the app`,
      );
      expect(allLogs()).not.toContain(botToken);
    });

    it("keeps the installation when only a user token of the workspace is revoked, and ignores other events", async () => {
      await install();
      await sim.sendAppEvent(CLIENT_ID, {
        type: "tokens_revoked",
        tokens: { oauth: ["U0ADMIN"] },
      });
      const other = await sim.sendAppEvent(CLIENT_ID, { type: "app_mention" });
      expect(other.status).toBe(200);
      expect(await store.list()).toHaveLength(1);
      expect(uninstalled).toEqual([]);
    });

    it("refuses an unsigned or forged event with 401 and removes nothing", async () => {
      await install();
      const forged = await sim.sendAppEvent(CLIENT_ID, {
        type: "app_uninstalled",
      }, {
        signingSecret: "not-the-app-secret",
      });
      expect(forged.status).toBe(401);
      const unsigned = await fetch(`${bridgeUrl}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          type: "event_callback",
          team_id: sim.workspace.teamId,
          event: { type: "app_uninstalled" },
        }),
      });
      expect(unsigned.status).toBe(401);
      clock += 10 * 60_000;
      // Signed with the right secret, but 10 minutes old by the bridge's clock: a replay.
      const stale = await fetch(`${bridgeUrl}/slack/events`, {
        method: "POST",
        headers: (await import("../../test/simulators/slack/send-app-event.ts"))
          .signedEventHeaders("{}", SIGNING_SECRET, clock - 10 * 60_000),
        body: "{}",
      });
      expect(stale.status).toBe(401);
      expect(await store.list()).toHaveLength(1);
      expect(uninstalled).toEqual([]);
    });

    it("a late redelivery of an uninstall from before a reinstall keeps the new installation", async () => {
      const uninstalledAt = clock;
      await install();
      clock += 2 * 60_000;
      // Reinstalled two minutes later; then Slack redelivers the uninstall it sent before, with its event_time.
      await install();
      const late = await sim.sendAppEvent(CLIENT_ID, {
        type: "app_uninstalled",
      }, {
        eventTimeMs: uninstalledAt,
        retry: { num: 3, reason: "http_timeout" },
      });
      const revoked = await sim.sendAppEvent(CLIENT_ID, {
        type: "tokens_revoked",
        tokens: { bot: [(await store.list())[0]!.botUserId] },
      }, { eventTimeMs: uninstalledAt });
      expect([late.status, revoked.status]).toEqual([200, 200]);
      expect(await store.list()).toHaveLength(1);
      expect(uninstalled).toEqual([]);
      // A new uninstall (after the reinstall) still removes it.
      await sim.sendAppEvent(CLIENT_ID, { type: "app_uninstalled" });
      expect(await store.list()).toEqual([]);
    });

    it("takes a redelivered uninstall (X-Slack-Retry-Num) calmly", async () => {
      await install();
      const first = await sim.sendAppEvent(CLIENT_ID, {
        type: "app_uninstalled",
      });
      const retry = await sim.sendAppEvent(CLIENT_ID, {
        type: "app_uninstalled",
      }, {
        eventId: first.eventId!,
        retry: { num: 1, reason: "http_timeout" },
      });
      expect([first.status, retry.status]).toEqual([200, 200]);
      expect(await store.list()).toEqual([]);
    });
  });

  it("never logs the client secret or the one-time code", async () => {
    const { redirect } = await install();
    const code = new URL(redirect).searchParams.get("code")!;
    expect(allLogs()).not.toContain(CLIENT_SECRET);
    expect(allLogs()).not.toContain(code);
  });
});
