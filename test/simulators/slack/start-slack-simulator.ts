import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import {
  dispatchSlackCall,
  type DispatchState,
  type SlackCall,
  type SlackFault,
} from "./dispatch-slack-call.ts";
import { isDocumentedError } from "./documented-errors.ts";
import {
  type AuthorizeOutcome,
  type AuthorizeRequest,
  OAuthApps,
  type OAuthAppSeed,
} from "./oauth-apps.ts";
import { renderAuthorizePage } from "./render-authorize-page.ts";
import {
  type AppEventDelivery,
  sendAppEvent,
  type SendEventOptions,
  verifyEventsUrl,
} from "./send-app-event.ts";
import {
  EXTERNAL_TOKEN_GET,
  oauth2ProviderKey,
  refreshExternalTokenIfDue,
} from "./external-token-refresh.ts";
import type {
  LinkTrigger,
  RegisterLinkTriggerOptions,
  TriggeredWorkflow,
} from "./link-triggers.ts";
import {
  RateLimiter,
  type RateLimitMode,
  type RateLimitSettings,
} from "./rate-limiter.ts";
import {
  renderTranscript,
  transcript,
  type TranscriptMessage,
} from "./render-transcript.ts";
import { renderDemoPage, renderWorkspaceFragment } from "./render-html.ts";
import {
  runWorkflow,
  type RunWorkflowOptions,
  type WorkflowRun,
} from "./run-workflow.ts";
import {
  type DatastoreDefinition,
  DEFAULT_TEAM,
  type EphemeralMessage,
  type ExternalTokenRefresh,
  type ExternalTokenSeed,
  IdSource,
  type OAuth2ProviderSeed,
  type SimChannel,
  type SimToken,
  type SimUser,
  SlackWorkspace,
  type TokenKind,
} from "./slack-workspace.ts";

export interface SlackSimulatorOptions {
  /** Clock in ms; tests pass a manual clock to move time without sleeping. Default Date.now. */
  now?: () => number;
  /**
   * Default "off". Settings replace some methods' budgets (a test's tight limits), e.g.
   * `{ mode: "realistic", perMinute: { "chat.getPermalink": 1 } }`.
   */
  rateLimits?: RateLimitMode | RateLimitSettings;
  /**
   * Answer `invalid_blocks` when a classic app's bot (token kind `bot`) posts or edits a message carrying a
   * `workflow_button`. Slack documents neither that it accepts such a button from a classic app nor that it
   * refuses it (see chat-methods.ts), so the bridge must cope with both. Default false (accepted); tests may
   * flip `workspace.refuseWorkflowButtonsFromClassicApps` later.
   */
  refuseWorkflowButtonsFromClassicApps?: boolean;
}

export interface CreateTokenOptions {
  token?: string;
  kind: TokenKind;
  /** Bot and hosted_app tokens get a bot user when omitted; user tokens must name their person. */
  userId?: string;
  scopes: readonly string[];
  appId: string;
  /** Name of the bot user created for bot and hosted_app tokens (shown in transcripts). */
  botName?: string;
}

export type { SlackCall, SlackFault };
export type { AppEventDelivery, AuthorizeOutcome, OAuthAppSeed };

/** The consent screen's answer (`authorizeApp`), as a person in `workspace` (default: the control's own). */
export interface AuthorizeAppOptions {
  /** The authorize URL (or its query parameters) the app sent the browser to. */
  url: string | AuthorizeRequest;
  decision: "allow" | "deny";
  /** The person approving; default the workspace's first non-bot user. */
  userId?: string;
  workspace?: SlackWorkspace;
  /**
   * An org admin installs the app on the whole Enterprise Grid organization rather than on one workspace
   * (docs.slack.dev "org-ready apps"): only for a workspace of an org and an app that opted in (`orgDeployment`).
   */
  orgWide?: boolean;
}

/**
 * The control API bound to one workspace. The simulator itself is the first workspace's (`T0SIMTEAM1`);
 * `addWorkspace` returns one for each further workspace.
 */
export interface SlackWorkspaceControl {
  /** Web API base, ending in `/api/`: `${url}chat.postMessage`. */
  readonly url: string;
  readonly workspace: SlackWorkspace;
  readonly teamId: string;
  createUser(
    user: {
      id?: string;
      name: string;
      email?: string;
      isAdmin?: boolean;
      isBot?: boolean;
      /** Deactivated (conversations.open: `user_disabled`). */
      deleted?: boolean;
    },
  ): SimUser;
  createChannel(
    channel: {
      id?: string;
      name: string;
      isPrivate?: boolean;
      members?: readonly string[];
      isArchived?: boolean;
    },
  ): SimChannel;
  archiveChannel(channelId: string): void;
  createToken(options: CreateTokenOptions): SimToken;
  revokeToken(token: string): void;
  /** Declares a Slack-hosted app and its datastores (the manifest's `datastores`). */
  createHostedApp(
    options: {
      appId: string;
      datastores?: readonly DatastoreDefinition[];
      workflows?: readonly TriggeredWorkflow[];
    },
  ): void;
  datastoreItems(appId: string, datastore: string): Record<string, unknown>[];
  /**
   * A link trigger, as `slack trigger create --trigger-def` makes one: pass the trigger definition and its
   * workflow (`DefineWorkflow(...)`). Messages may carry a `workflow_button` only for a registered trigger's URL,
   * filling only the inputs it declares `customizable: true` (link-triggers.ts); throws LinkTriggerError for a
   * definition Slack's CLI would refuse.
   */
  registerLinkTrigger(options: RegisterLinkTriggerOptions): LinkTrigger;
  /**
   * Puts a token in Slack's external auth store. With `refresh_token` (and `expires_at`, when Slack knows the
   * expiry) `apps.auth.external.get` refreshes it through the provider registered with `registerOAuth2Provider`.
   */
  seedExternalToken(seed: ExternalTokenSeed): void;
  /** The app's OAuth2 provider: the `token_url` and client credentials Slack refreshes tokens with. */
  registerOAuth2Provider(provider: OAuth2ProviderSeed): void;
  /** Refreshes Slack attempted at providers' token endpoints, oldest first. */
  externalTokenRefreshes(): ExternalTokenRefresh[];
  /** Sets the mode of every workspace's rate limits (they are counted per workspace). */
  setRateLimitMode(mode: RateLimitMode): void;
  /** A fault injected through a workspace's handle answers only that workspace's calls. */
  injectFault(fault: SlackFault): void;
  clearFaults(): void;
  /** This workspace's calls (made with its tokens), oldest first; the simulator's own: every call. */
  calls(filter?: { method?: string }): SlackCall[];
  /** Error codes the simulator refused to send because the method does not document them (should stay empty). */
  undocumentedErrors(): ReadonlyArray<{ method: string; error: string }>;
  transcript(channelId: string): TranscriptMessage[];
  renderTranscript(channelId: string): string;
  ephemeralMessages(
    filter?: { channelId?: string; userId?: string },
  ): EphemeralMessage[];
  /** The IM (`D…`) between two users, once one posted to the other by user id; for `transcript()`. */
  imChannelId(userId: string, withUserId: string): string | undefined;
  /** Calls a method in-process (recorded in the call log like an HTTP call). */
  call(
    method: string,
    args: Record<string, unknown>,
    token: string,
  ): Record<string, unknown>;
  runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRun>;
  /** Declares a distributed app that installs with OAuth v2 ("Add to Slack"); apps are Slack-wide. */
  registerOAuthApp(seed: OAuthAppSeed): void;
  /** Plays the person on Slack's authorize page: the redirect back to the app, or Slack's error page. */
  authorizeApp(options: AuthorizeAppOptions): AuthorizeOutcome;
  /** Sends a signed Events API event to the app's Request URL. */
  sendAppEvent(
    clientId: string,
    event: Record<string, unknown> & { type: string },
    options?: SendEventOptions & { workspace?: SlackWorkspace },
  ): Promise<AppEventDelivery>;
  /** Slack's url_verification of the app's Request URL. */
  verifyEventsUrl(
    clientId: string,
    options?: SendEventOptions,
  ): Promise<{ verified: boolean; status: number; body: string }>;
  /**
   * A workspace removes the app: its tokens are revoked, then Slack sends `tokens_revoked` (the bot user's id)
   * and `app_uninstalled` to the Request URL, in either order per Slack's page (here: tokens first).
   */
  uninstallApp(
    clientId: string,
    options?: { workspace?: SlackWorkspace },
  ): Promise<AppEventDelivery[]>;
}

export interface SlackSimulator extends SlackWorkspaceControl {
  close(): Promise<void>;
  /** `GET /demo`: the first workspace's channels as a live web page (render-html.ts). */
  readonly demoPageUrl: string;
  /**
   * Another workspace (team) served by the same Web API host: its tokens see only its own users, channels and
   * messages (another workspace's are `channel_not_found`/`user_not_found` to them), `auth.test` answers its
   * `team_id`, and its rate limits are counted apart. Throws for a team id already used.
   */
  addWorkspace(identity: AddWorkspaceOptions): SlackWorkspaceControl;
  /** The control API of the workspace with this team id, the first one's included; undefined when unknown. */
  workspaceByTeamId(teamId: string): SlackWorkspaceControl | undefined;
  /** Every workspace's control API, the first one first. */
  workspaces(): SlackWorkspaceControl[];
}

export interface AddWorkspaceOptions {
  /** Slack team ids start with T: `T0123ABCD`. */
  teamId: string;
  name: string;
  /** The `<domain>.slack.com` subdomain; defaults to the name in lower case with dashes. */
  domain?: string;
  /** The Enterprise Grid organization the workspace belongs to (`E…`), if any. */
  enterprise?: { id: string; name: string };
}

function attributeNames(def: DatastoreDefinition): Set<string> {
  return new Set(
    Array.isArray(def.attributes)
      ? def.attributes as readonly string[]
      : Object.keys(def.attributes),
  );
}

function parseForm(text: string): Record<string, unknown> {
  return Object.fromEntries(new URLSearchParams(text));
}

export async function startSlackSimulator(
  options: SlackSimulatorOptions = {},
): Promise<SlackSimulator> {
  const now = options.now ?? Date.now;
  const ids = new IdSource();
  const ws = new SlackWorkspace(now, DEFAULT_TEAM, ids);
  ws.refuseWorkflowButtonsFromClassicApps =
    options.refuseWorkflowButtonsFromClassicApps ?? false;
  const limiters = new Map<string, RateLimiter>();
  let rateLimits: RateLimitMode | RateLimitSettings = options.rateLimits ??
    "off";
  const oauth = new OAuthApps(now);
  const state: DispatchState = {
    ws,
    workspaces: new Map([[ws.teamId, ws]]),
    limiterFor(teamId) {
      let limiter = limiters.get(teamId);
      if (!limiter) {
        limiter = new RateLimiter(rateLimits, now);
        limiters.set(teamId, limiter);
      }
      return limiter;
    },
    faults: [],
    log: [],
    undocumented: [],
    oauth,
  };
  // The workspace an authorize request names with `team`, else the simulator's first workspace.
  const workspaceFor = (team: string | undefined): SlackWorkspace | null =>
    team === undefined ? ws : state.workspaces.get(team) ?? null;
  const decideAuthorize = (
    request: AuthorizeRequest,
    decision: "allow" | "deny",
    workspace: SlackWorkspace,
    userId?: string,
    orgWide = false,
  ): AuthorizeOutcome => {
    const installer = userId ??
      [...workspace.users.values()].find((u) => !u.isBot)?.id;
    if (!installer) {
      throw new Error("authorizeApp: the workspace has no person to approve");
    }
    return oauth.decide(request, decision, workspace, installer, orgWide);
  };
  const authorizeQuery = (get: (name: string) => string | undefined) => ({
    client_id: get("client_id"),
    scope: get("scope"),
    redirect_uri: get("redirect_uri"),
    state: get("state"),
    team: get("team"),
  });
  const oauthApp = (clientId: string): OAuthAppSeed => {
    const found = oauth.app(clientId);
    if (!found) throw new Error(`no OAuth app with client id ${clientId}`);
    return found;
  };
  const app = new Hono();
  // Slack's consent screen (slack.com/oauth/v2/authorize): a page with Allow / Cancel; either answer redirects.
  app.get("/oauth/v2/authorize", (c) => {
    const request = authorizeQuery((n) => c.req.query(n));
    const checked = oauth.check(request);
    const workspace = workspaceFor(request.team);
    if (!checked.ok) return c.html(renderAuthorizePage(checked), 400);
    if (!workspace) {
      return c.html(renderAuthorizePage({ error: "invalid_team" }), 400);
    }
    return c.html(
      renderAuthorizePage({
        request,
        app: checked.app,
        scopes: checked.scopes,
        workspace,
      }),
    );
  });
  app.post("/oauth/v2/authorize", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const request = authorizeQuery((n) => form.get(n) ?? undefined);
    const workspace = workspaceFor(request.team);
    if (!workspace) {
      return c.html(renderAuthorizePage({ error: "invalid_team" }), 400);
    }
    const outcome = decideAuthorize(
      request,
      form.get("decision") === "allow" ? "allow" : "deny",
      workspace,
      form.get("user") ?? undefined,
    );
    if (!outcome.ok) return c.html(renderAuthorizePage(outcome), 400);
    return c.redirect(outcome.redirectUrl, 302);
  });

  // The demo page: the workspace's channels as the Slack client draws them, redrawn live (render-html.ts).
  app.get(
    "/demo",
    (c) => c.html(renderDemoPage(ws, { liveUrl: "/demo/live" })),
  );
  app.get("/demo/live", (c) => {
    const fragment = renderWorkspaceFragment(ws);
    if (c.req.query("since") === fragment.version) return c.body(null, 204);
    c.header("cache-control", "no-store");
    return c.json(fragment);
  });
  app.all("/api/:method", async (c) => {
    const method = c.req.param("method");
    const contentType = c.req.header("content-type") ?? "";
    let args: Record<string, unknown> = { ...c.req.query() };
    let json = false;
    if (c.req.method === "POST") {
      const raw = await c.req.text();
      if (contentType.startsWith("application/json")) {
        json = true;
        try {
          const parsed: unknown = raw ? JSON.parse(raw) : {};
          if (typeof parsed === "object" && parsed !== null) {
            args = { ...args, ...(parsed as Record<string, unknown>) };
          }
        } catch {
          // Slack ignores a body it cannot parse; the call then lacks its arguments.
        }
      } else if (contentType.startsWith("multipart/form-data")) {
        const form = await new Request(c.req.url, {
          method: "POST",
          headers: { "content-type": contentType },
          body: raw,
        }).formData();
        for (const [k, v] of form) if (typeof v === "string") args[k] = v;
      } else {
        args = { ...args, ...parseForm(raw) };
      }
    }
    const authHeader = c.req.header("authorization");
    const bearer = authHeader?.match(/^Bearer\s+(.+)$/i)?.[1];
    if (method === EXTERNAL_TOKEN_GET) {
      await refreshExternalTokenIfDue(state, {
        args,
        ...(bearer ? { bearer } : {}),
      });
    }
    const response = dispatchSlackCall(state, {
      method,
      args,
      json,
      ...(bearer ? { bearer } : {}),
      ...(authHeader ? { authorization: authHeader } : {}),
    });
    for (const [k, v] of Object.entries(response.headers)) c.header(k, v);
    if (typeof response.body === "string") {
      return c.text(response.body, response.status as 500);
    }
    return c.json(response.body as object, response.status as 200);
  });

  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => {
    if (server.listening) resolve();
    else server.once("listening", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/api/`;
  const demoPageUrl = `http://127.0.0.1:${port}/demo`;

  const controls = new Map<string, SlackWorkspaceControl>();
  const bind = (
    ws: SlackWorkspace,
    isFirst: boolean,
  ): SlackWorkspaceControl => {
    const sim: SlackWorkspaceControl = {
      url,
      workspace: ws,
      teamId: ws.teamId,
      createUser(user) {
        const created: SimUser = {
          id: user.id ?? ws.nextId("U"),
          name: user.name,
          isAdmin: user.isAdmin ?? false,
          isBot: user.isBot ?? false,
          ...(user.email ? { email: user.email } : {}),
          ...(user.deleted ? { deleted: true } : {}),
        };
        ws.users.set(created.id, created);
        return created;
      },
      createChannel(channel) {
        const isPrivate = channel.isPrivate ?? false;
        const created: SimChannel = {
          id: channel.id ?? ws.nextId(isPrivate ? "G" : "C"),
          name: channel.name,
          isPrivate,
          isArchived: channel.isArchived ?? false,
          members: new Set(channel.members ?? []),
          created: Math.floor(now() / 1000),
          creator: channel.members?.[0] ?? "USLACKBOT",
        };
        ws.channels.set(created.id, created);
        return created;
      },
      archiveChannel(channelId) {
        const channel = ws.channels.get(channelId);
        if (!channel) throw new Error(`no channel ${channelId}`);
        channel.isArchived = true;
      },
      createToken(opts) {
        let userId = opts.userId;
        if (!userId) {
          if (opts.kind === "user") {
            throw new Error("user tokens need a userId");
          }
          userId = sim.createUser({
            name: opts.botName ?? `bot-${opts.appId.toLowerCase()}`,
            isBot: true,
          }).id;
        }
        const prefix = opts.kind === "user" ? "xoxp" : "xoxb";
        const token: SimToken = {
          token: opts.token ?? `${prefix}-sim-${ws.nextId("t").toLowerCase()}`,
          kind: opts.kind,
          userId,
          scopes: [...opts.scopes],
          appId: opts.appId,
        };
        ws.tokens.set(token.token, token);
        return token;
      },
      revokeToken(token) {
        ws.tokens.delete(token);
      },
      createHostedApp({ appId, datastores = [], workflows = [] }) {
        const hosted = ws.apps.get(appId) ??
          { appId, datastores: new Map(), workflows: new Map() };
        for (const w of workflows) {
          hosted.workflows.set(w.definition.callback_id, w);
        }
        for (const def of datastores) {
          const attributes = attributeNames(def);
          if (!attributes.has(def.primary_key)) {
            throw new Error(
              `datastore ${def.name}: primary key ${def.primary_key} is not an attribute`,
            );
          }
          hosted.datastores.set(def.name, {
            definition: {
              name: def.name,
              primaryKey: def.primary_key,
              attributes,
            },
            items: new Map(),
          });
        }
        ws.apps.set(appId, hosted);
      },
      registerLinkTrigger(triggerOptions) {
        const appId = ws.onlyAppId();
        return ws.linkTriggers.register(triggerOptions, {
          nextId: (prefix) => ws.nextId(prefix),
          ...(appId ? { appId } : {}),
        });
      },
      datastoreItems(appId, datastore) {
        const store = ws.apps.get(appId)?.datastores.get(datastore);
        if (!store) {
          throw new Error(`no datastore ${datastore} in app ${appId}`);
        }
        return [...store.items.values()].map((i) => ({ ...i }));
      },
      seedExternalToken(seed) {
        const appId = seed.appId ?? ws.onlyAppId();
        if (!appId) {
          throw new Error(
            "seedExternalToken: name the appId (several or no hosted apps)",
          );
        }
        // Re-seeding an id stands for connecting again: the token becomes the user's newest (Map order).
        ws.externalTokens.delete(seed.external_token_id);
        ws.externalTokens.set(seed.external_token_id, { ...seed, appId });
      },
      registerOAuth2Provider(provider) {
        const appId = provider.appId ?? ws.onlyAppId();
        if (!appId) {
          throw new Error(
            "registerOAuth2Provider: name the appId (several or no hosted apps)",
          );
        }
        ws.oauth2Providers.set(
          oauth2ProviderKey(appId, provider.provider_key),
          { ...provider, appId },
        );
      },
      externalTokenRefreshes: () => [...ws.externalTokenRefreshes],
      setRateLimitMode(mode) {
        rateLimits = typeof rateLimits === "string"
          ? mode
          : { ...rateLimits, mode };
        for (const limiter of limiters.values()) {
          limiter.mode = mode;
          limiter.reset();
        }
      },
      injectFault(fault) {
        if (
          fault.kind === "error" &&
          !isDocumentedError(fault.method, fault.error)
        ) {
          throw new Error(
            `${fault.method} does not document the error ${fault.error}`,
          );
        }
        state.faults.push({
          ...(isFirst ? {} : { teamId: ws.teamId }),
          ...fault,
          remaining: fault.times ?? 1,
        });
      },
      clearFaults() {
        state.faults.length = 0;
      },
      calls(filter = {}) {
        return state.log.filter((c) =>
          (!filter.method || c.method === filter.method) &&
          (isFirst || c.teamId === ws.teamId)
        );
      },
      undocumentedErrors: () => [...state.undocumented],
      transcript: (channelId) => transcript(ws, channelId),
      renderTranscript: (channelId) => renderTranscript(ws, channelId),
      ephemeralMessages(filter = {}) {
        return ws.ephemeral.filter((m) =>
          (!filter.channelId || m.channel === filter.channelId) &&
          (!filter.userId || m.user === filter.userId)
        );
      },
      imChannelId: (userId, withUserId) => ws.findIm(userId, withUserId)?.id,
      call(method, args, token) {
        const response = dispatchSlackCall(state, {
          method,
          args,
          bearer: token,
          json: true,
        });
        if (typeof response.body !== "object" || response.body === null) {
          return { ok: false, error: `http_${response.status}` };
        }
        return response.body as Record<string, unknown>;
      },
      runWorkflow: (runOptions) => runWorkflow(sim, runOptions),
      registerOAuthApp: (seed) => oauth.register(seed),
      authorizeApp({ url, decision, userId, workspace, orgWide }) {
        const request = typeof url === "string"
          ? authorizeQuery((n) => new URL(url).searchParams.get(n) ?? undefined)
          : url;
        const target = workspace ??
          (isFirst ? workspaceFor(request.team) : ws);
        if (!target) {
          return { ok: false, status: 400, error: "invalid_team" };
        }
        return decideAuthorize(request, decision, target, userId, orgWide);
      },
      sendAppEvent(clientId, event, eventOptions = {}) {
        const { workspace, ...rest } = eventOptions;
        return sendAppEvent(oauthApp(clientId), workspace ?? ws, event, rest);
      },
      verifyEventsUrl: (clientId, verifyOptions) =>
        verifyEventsUrl(oauthApp(clientId), now(), verifyOptions),
      async uninstallApp(clientId, uninstallOptions = {}) {
        const app = oauthApp(clientId);
        const workspace = uninstallOptions.workspace ?? ws;
        const revoked = [...workspace.tokens.values()].filter((t) =>
          t.appId === app.appId
        );
        for (const t of revoked) workspace.tokens.delete(t.token);
        const bot = [
          ...new Set(
            revoked.filter((t) => t.kind !== "user").map((t) => t.userId),
          ),
        ];
        const user = [
          ...new Set(
            revoked.filter((t) => t.kind === "user").map((t) => t.userId),
          ),
        ];
        const deliveries: AppEventDelivery[] = [];
        if (bot.length + user.length > 0) {
          deliveries.push(
            await sendAppEvent(app, workspace, {
              type: "tokens_revoked",
              tokens: {
                ...(user.length > 0 ? { oauth: user } : {}),
                ...(bot.length > 0 ? { bot } : {}),
              },
            }),
          );
        }
        deliveries.push(
          await sendAppEvent(app, workspace, { type: "app_uninstalled" }),
        );
        return deliveries;
      },
    };
    controls.set(ws.teamId, sim);
    return sim;
  };
  const first = bind(ws, true);
  const simulator: SlackSimulator = {
    ...first,
    demoPageUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
    addWorkspace({ teamId, name, domain, enterprise }) {
      if (!/^T[0-9A-Z]+$/.test(teamId)) {
        throw new Error(`addWorkspace: ${teamId} is not a Slack team id (T…)`);
      }
      if (state.workspaces.has(teamId)) {
        throw new Error(`addWorkspace: ${teamId} exists already`);
      }
      if (enterprise && !/^E[0-9A-Z]+$/.test(enterprise.id)) {
        throw new Error(
          `addWorkspace: ${enterprise.id} is not an Enterprise Grid id (E…)`,
        );
      }
      const added = new SlackWorkspace(now, {
        teamId,
        name,
        domain: domain ?? name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
        ...(enterprise ? { enterprise } : {}),
      }, ids);
      added.refuseWorkflowButtonsFromClassicApps =
        ws.refuseWorkflowButtonsFromClassicApps;
      state.workspaces.set(teamId, added);
      return bind(added, false);
    },
    workspaceByTeamId: (teamId) => controls.get(teamId),
    workspaces: () => [...controls.values()],
  };
  return simulator;
}
