/**
 * Slack's OAuth v2 install flow for distributed (classic) apps, as documented at
 * https://docs.slack.dev/authentication/installing-with-oauth:
 * 1. the app sends the person to `/oauth/v2/authorize?client_id&scope&redirect_uri&state[&team]` (on slack.com;
 *    here on the simulator's host);
 * 2. Slack shows what the app asks for; approving redirects to `redirect_uri?code=…&state=…`, declining to
 *    `redirect_uri?error=access_denied&state=…`;
 * 3. the app exchanges the code with `oauth.v2.access` (client id and secret as HTTP Basic or form fields), once:
 *    the code is temporary (ten minutes) and single use, and `redirect_uri` must match the one authorized.
 * The authorize step refuses (an error page, no redirect) an unknown client_id or a redirect_uri that is neither
 * one of the app's Redirect URLs nor beneath one, as Slack does ("redirect_uri did not match any configured URIs").
 *
 * Enterprise Grid (api.slack.com/enterprise/apps/reference, "oauth.v2.access response with organization-wide
 * apps"): a workspace of an org installs like any other, its answer naming the org in `enterprise{id,name}` next
 * to `team{id,name}`; an org admin may instead install an app that opted in to org-wide deployment on the whole
 * org: then `team` is null, `enterprise` names the org and `is_enterprise_install` is true, and the app is in no
 * workspace yet (the admin adds it to workspaces later). The org-level token is kept in the approving workspace
 * here (the simulator has no org-wide token store): only the exchange's answer is modelled as documented.
 */
import { randomBytes } from "node:crypto";
import { SlackMethodError } from "./slack-method-error.ts";
import type { SlackWorkspace } from "./slack-workspace.ts";

/** "temporary authorization code that expires after 10 minutes" (docs.slack.dev, installing-with-oauth). */
export const OAUTH_CODE_LIFETIME_MS = 10 * 60_000;

export const OAUTH_V2_ACCESS = "oauth.v2.access";

/** A distributed app as its settings pages on api.slack.com define it. */
export interface OAuthAppSeed {
  clientId: string;
  clientSecret: string;
  appId: string;
  /** Basic Information → Signing Secret: the Events API requests to the app are signed with it. */
  signingSecret: string;
  /** OAuth & Permissions → Redirect URLs. */
  redirectUrls: readonly string[];
  /** The bot scopes the app's settings ask for (used when the authorize URL names none). */
  scopes: readonly string[];
  /** Event Subscriptions → Request URL, if the app subscribes to events. */
  eventsUrl?: string;
  /** The bot user's name in each workspace that installs the app. */
  botName?: string;
  /** Org Level Apps → opted in to org-wide deployment: an org admin may install it on a whole Enterprise Grid org. */
  orgDeployment?: boolean;
}

export interface AuthorizeRequest {
  client_id?: string | undefined;
  scope?: string | undefined;
  redirect_uri?: string | undefined;
  state?: string | undefined;
  team?: string | undefined;
}

/** What Slack's authorize page does: redirect back to the app, or show an error without redirecting. */
export type AuthorizeOutcome =
  | { ok: true; redirectUrl: string }
  | { ok: false; status: 400; error: string };

interface PendingCode {
  clientId: string;
  redirectUri: string | undefined;
  scopes: string[];
  workspace: SlackWorkspace;
  installerId: string;
  expiresAt: number;
  used: boolean;
  /** Installed on the workspace's whole Enterprise Grid org. */
  orgWide: boolean;
}

export interface OAuthAccessRequest {
  args: Record<string, unknown>;
  /** The `Authorization` header, if any (`Basic base64(client_id:client_secret)`). */
  authorization?: string | undefined;
}

export class OAuthApps {
  readonly #apps = new Map<string, OAuthAppSeed>();
  readonly #codes = new Map<string, PendingCode>();
  /** The bot user each app has in each workspace (`${teamId}/${appId}`): Slack keeps it across reinstalls. */
  readonly #botUsers = new Map<string, string>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  register(seed: OAuthAppSeed): void {
    this.#apps.set(seed.clientId, { ...seed });
  }

  app(clientId: string): OAuthAppSeed | undefined {
    return this.#apps.get(clientId);
  }

  appById(appId: string): OAuthAppSeed | undefined {
    return [...this.#apps.values()].find((a) => a.appId === appId);
  }

  botUserId(workspace: SlackWorkspace, appId: string): string | undefined {
    return this.#botUsers.get(`${workspace.teamId}/${appId}`);
  }

  /** Checks an authorize URL's parameters as Slack's page does before showing the consent screen. */
  check(
    request: AuthorizeRequest,
  ): { ok: true; app: OAuthAppSeed; scopes: string[] } | {
    ok: false;
    status: 400;
    error: string;
  } {
    const app = request.client_id ? this.#apps.get(request.client_id) : null;
    if (!app) {
      return { ok: false, status: 400, error: "invalid_client_id" };
    }
    const redirect = request.redirect_uri;
    if (redirect !== undefined && !redirectAllowed(redirect, app)) {
      return { ok: false, status: 400, error: "bad_redirect_uri" };
    }
    if (redirect === undefined && app.redirectUrls.length === 0) {
      return { ok: false, status: 400, error: "bad_redirect_uri" };
    }
    const scopes = request.scope === undefined
      ? [...app.scopes]
      : request.scope.split(/[ ,]+/).filter(Boolean);
    if (scopes.length === 0) {
      return { ok: false, status: 400, error: "no_scopes" };
    }
    return { ok: true, app, scopes };
  }

  /**
   * The person's answer on the consent screen. Approving issues a single-use code for `workspace`; declining
   * redirects with `error=access_denied`. Both carry `state` back unchanged.
   */
  decide(
    request: AuthorizeRequest,
    decision: "allow" | "deny",
    workspace: SlackWorkspace,
    installerId: string,
    orgWide = false,
  ): AuthorizeOutcome {
    const checked = this.check(request);
    if (!checked.ok) return checked;
    // Slack offers the org-wide choice only in these cases: asking for it otherwise is a test's mistake.
    if (orgWide && !workspace.enterprise) {
      throw new Error(
        "authorizeApp: an org-wide install needs a workspace of an Enterprise Grid org (addWorkspace({enterprise}))",
      );
    }
    if (orgWide && !checked.app.orgDeployment) {
      throw new Error(
        "authorizeApp: the app has not opted in to org-wide deployment (orgDeployment)",
      );
    }
    const target = new URL(
      request.redirect_uri ?? checked.app.redirectUrls[0]!,
    );
    if (request.state !== undefined) {
      target.searchParams.set("state", request.state);
    }
    if (decision === "deny") {
      target.searchParams.set("error", "access_denied");
      return { ok: true, redirectUrl: target.toString() };
    }
    const code = `${workspace.teamId}.${this.#now()}.${
      randomBytes(24).toString("hex")
    }`;
    this.#codes.set(code, {
      clientId: checked.app.clientId,
      redirectUri: request.redirect_uri,
      scopes: checked.scopes,
      workspace,
      installerId,
      expiresAt: this.#now() + OAUTH_CODE_LIFETIME_MS,
      used: false,
      orgWide,
    });
    target.searchParams.set("code", code);
    return { ok: true, redirectUrl: target.toString() };
  }

  /** `oauth.v2.access`: the answer body, or a SlackMethodError with one of the method's documented codes. */
  exchange(request: OAuthAccessRequest): Record<string, unknown> {
    const { clientId, clientSecret } = clientCredentials(request);
    const app = clientId ? this.#apps.get(clientId) : undefined;
    if (!app) throw new SlackMethodError("invalid_client_id");
    if (clientSecret !== app.clientSecret) {
      throw new SlackMethodError("bad_client_secret");
    }
    const grantType = request.args.grant_type;
    if (grantType !== undefined && grantType !== "authorization_code") {
      throw new SlackMethodError("invalid_grant_type");
    }
    const codeText = request.args.code;
    const pending = typeof codeText === "string"
      ? this.#codes.get(codeText)
      : undefined;
    // Slack answers invalid_code for an unknown, expired or already exchanged code alike: its page documents no
    // other code for those cases (no `code_already_used`, no `code_expired`).
    if (
      !pending || pending.clientId !== app.clientId || pending.used ||
      this.#now() > pending.expiresAt
    ) {
      throw new SlackMethodError("invalid_code");
    }
    const redirectUri = request.args.redirect_uri;
    if (
      pending.redirectUri !== undefined && redirectUri !== pending.redirectUri
    ) {
      throw new SlackMethodError("bad_redirect_uri");
    }
    pending.used = true;
    return this.#install(app, pending);
  }

  #install(app: OAuthAppSeed, pending: PendingCode): Record<string, unknown> {
    const ws = pending.workspace;
    const key = `${ws.teamId}/${app.appId}`;
    let botUserId = this.#botUsers.get(key);
    if (!botUserId || !ws.users.has(botUserId)) {
      botUserId = ws.nextId("U");
      ws.users.set(botUserId, {
        id: botUserId,
        name: app.botName ?? `bot-${app.appId.toLowerCase()}`,
        isAdmin: false,
        isBot: true,
      });
      this.#botUsers.set(key, botUserId);
    }
    // A reinstall adds the newly granted scopes to the bot's live token rather than issuing another one; a new
    // token comes only after the old one was revoked.
    const existing = [...ws.tokens.values()].find((t) =>
      t.kind === "bot" && t.appId === app.appId && t.userId === botUserId
    );
    const scopes = [
      ...new Set([...(existing?.scopes ?? []), ...pending.scopes]),
    ];
    const token = existing?.token ??
      `xoxb-${ws.teamId}-${randomBytes(12).toString("hex")}`;
    ws.tokens.set(token, {
      token,
      kind: "bot",
      userId: botUserId,
      scopes,
      appId: app.appId,
    });
    return {
      ok: true,
      access_token: token,
      token_type: "bot",
      scope: scopes.join(","),
      bot_user_id: botUserId,
      app_id: app.appId,
      // An org-wide install is on no workspace: "team": null (the enterprise reference page's example).
      team: pending.orgWide ? null : { name: ws.teamDomain, id: ws.teamId },
      enterprise: ws.enterprise
        ? { id: ws.enterprise.id, name: ws.enterprise.name }
        : null,
      authed_user: { id: pending.installerId },
      is_enterprise_install: pending.orgWide,
    };
  }
}

function redirectAllowed(redirect: string, app: OAuthAppSeed): boolean {
  let url: URL;
  try {
    url = new URL(redirect);
  } catch {
    return false;
  }
  // "must match or be a subdirectory of a Redirect URL" (installing-with-oauth, "Using the redirect_uri").
  return app.redirectUrls.some((allowed) => {
    const base = new URL(allowed);
    if (base.origin !== url.origin) return false;
    const basePath = base.pathname.replace(/\/$/, "");
    return url.pathname === base.pathname ||
      url.pathname.startsWith(`${basePath}/`);
  });
}

function clientCredentials(
  request: OAuthAccessRequest,
): { clientId?: string; clientSecret?: string } {
  const basic = request.authorization?.match(/^Basic\s+(.+)$/i)?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      return {
        clientId: decoded.slice(0, colon),
        clientSecret: decoded.slice(colon + 1),
      };
    }
  }
  const id = request.args.client_id;
  const secret = request.args.client_secret;
  return {
    ...(typeof id === "string" ? { clientId: id } : {}),
    ...(typeof secret === "string" ? { clientSecret: secret } : {}),
  };
}
