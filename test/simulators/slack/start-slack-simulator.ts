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
  type EphemeralMessage,
  type ExternalTokenRefresh,
  type ExternalTokenSeed,
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

export interface SlackSimulator {
  /** Web API base, ending in `/api/`: `${url}chat.postMessage`. */
  readonly url: string;
  readonly workspace: SlackWorkspace;
  /** `GET /demo`: the channels as a live web page (render-html.ts). */
  readonly demoPageUrl: string;
  close(): Promise<void>;
  createUser(
    user: {
      id?: string;
      name: string;
      email?: string;
      isAdmin?: boolean;
      isBot?: boolean;
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
  /**
   * Declares a Slack-hosted app, its datastores (the manifest's `datastores`) and its workflows (the manifest's
   * `workflows`: what `workflows.triggers.create` may start).
   */
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
  setRateLimitMode(mode: RateLimitMode): void;
  injectFault(fault: SlackFault): void;
  clearFaults(): void;
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
  const ws = new SlackWorkspace(now);
  ws.refuseWorkflowButtonsFromClassicApps =
    options.refuseWorkflowButtonsFromClassicApps ?? false;
  const state: DispatchState = {
    ws,
    limiter: new RateLimiter(options.rateLimits ?? "off", now),
    faults: [],
    log: [],
    undocumented: [],
  };

  const app = new Hono();
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

  const sim: SlackSimulator = {
    url,
    demoPageUrl,
    workspace: ws,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
    createUser(user) {
      const created: SimUser = {
        id: user.id ?? ws.nextId("U"),
        name: user.name,
        isAdmin: user.isAdmin ?? false,
        isBot: user.isBot ?? false,
        ...(user.email ? { email: user.email } : {}),
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
        if (opts.kind === "user") throw new Error("user tokens need a userId");
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
      if (!store) throw new Error(`no datastore ${datastore} in app ${appId}`);
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
      state.limiter.mode = mode;
      state.limiter.reset();
    },
    injectFault(fault) {
      if (
        fault.kind === "error" && !isDocumentedError(fault.method, fault.error)
      ) {
        throw new Error(
          `${fault.method} does not document the error ${fault.error}`,
        );
      }
      state.faults.push({ ...fault, remaining: fault.times ?? 1 });
    },
    clearFaults() {
      state.faults.length = 0;
    },
    calls(filter = {}) {
      return state.log.filter((c) =>
        !filter.method || c.method === filter.method
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
  };
  return sim;
}
