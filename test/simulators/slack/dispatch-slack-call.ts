import { missingScope } from "./channel-access.ts";
import { CHAT_METHODS } from "./chat-methods.ts";
import { CONVERSATIONS_METHODS } from "./conversations-methods.ts";
import { DATASTORE_METHODS } from "./datastore-methods.ts";
import { isDocumentedError } from "./documented-errors.ts";
import { HOSTED_APP_METHODS } from "./hosted-app-methods.ts";
import { TRIGGER_METHODS } from "./trigger-methods.ts";
import { BOOKMARKS_METHODS } from "./bookmarks-methods.ts";
import { USERGROUPS_METHODS } from "./usergroups-methods.ts";
import { MethodArgs } from "./method-args.ts";
import type { MethodHandler } from "./method-handler.ts";
import { METHOD_TABLE } from "./method-table.ts";
import { OAUTH_V2_ACCESS, type OAuthApps } from "./oauth-apps.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type { SimToken, SlackWorkspace } from "./slack-workspace.ts";
import { USERS_METHODS } from "./users-methods.ts";
import { VIEWS_METHODS } from "./views-methods.ts";

export const HANDLERS: Readonly<Record<string, MethodHandler>> = {
  ...CHAT_METHODS,
  ...CONVERSATIONS_METHODS,
  ...USERS_METHODS,
  ...VIEWS_METHODS,
  ...DATASTORE_METHODS,
  ...HOSTED_APP_METHODS,
  ...TRIGGER_METHODS,
  ...BOOKMARKS_METHODS,
  ...USERGROUPS_METHODS,
};

/** A fault answers the next `times` calls of a method (default 1) instead of the method itself. */
export type SlackFault =
  & {
    method: string;
    times?: number;
    /** Only calls made with a token of this workspace; default any workspace. */
    teamId?: string;
  }
  & (
    | {
      kind: "http";
      status: number;
      /** The method takes effect before the failure is answered (a 5xx or timeout after Slack acted). */
      applied?: boolean;
    }
    | { kind: "ratelimited"; retryAfter: number }
    | { kind: "error"; error: string; extra?: Record<string, unknown> }
  );

export interface SlackCall {
  method: string;
  /** Arguments without the token. */
  args: Record<string, unknown>;
  status: number;
  /** The JSON body answered, or the text of a non-JSON answer. */
  result: unknown;
  /** Clock time (ms) of the call. */
  time: number;
  tokenKind?: string;
  /** The workspace of the call's token (absent when the token was missing or unknown). */
  teamId?: string;
  /** The token the call was made with, for tests checking which workspace's bot posted. */
  token?: string;
  fault?: SlackFault["kind"];
}

export interface SlackResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface DispatchState {
  /** The first workspace: the one the simulator's own control calls act on. */
  ws: SlackWorkspace;
  /**
   * Every workspace by team id. One Web API host serves them all and the token decides which workspace a call
   * acts on, as in Slack (https://docs.slack.dev/authentication/tokens: a bot token belongs to one workspace).
   */
  workspaces: Map<string, SlackWorkspace>;
  /** Rate limits are per app per workspace (https://docs.slack.dev/apis/web-api/rate-limits): a limiter each. */
  limiterFor(teamId: string): RateLimiter;
  faults: Array<SlackFault & { remaining: number }>;
  log: SlackCall[];
  /** Error codes a handler tried to answer that the method does not document: a simulator bug. */
  undocumented: Array<{ method: string; error: string }>;
  /** Apps that install with OAuth v2 (`oauth.v2.access` authenticates with their client credentials, no token). */
  oauth?: OAuthApps;
}

export interface SlackRequest {
  method: string;
  args: Record<string, unknown>;
  /** Token from `Authorization: Bearer`, if any. */
  bearer?: string;
  /** JSON bodies carry no token: Slack reads it only from the header then. */
  json: boolean;
  /** The whole `Authorization` header (oauth.v2.access takes HTTP Basic client credentials). */
  authorization?: string;
}

function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): SlackResponse {
  return { status, headers, body };
}

function fromFault(fault: SlackFault): SlackResponse {
  switch (fault.kind) {
    case "http":
      return { status: fault.status, headers: {}, body: "upstream failure" };
    case "ratelimited":
      return json(429, { ok: false, error: "ratelimited" }, {
        "retry-after": String(fault.retryAfter),
      });
    case "error":
      return json(200, { ok: false, error: fault.error, ...fault.extra });
  }
}

/** The workspace a token belongs to, with the token's record there. */
export function workspaceOfToken(
  state: Pick<DispatchState, "workspaces">,
  token: string,
): { ws: SlackWorkspace; auth: SimToken } | undefined {
  for (const ws of state.workspaces.values()) {
    const auth = ws.tokens.get(token);
    if (auth) return { ws, auth };
  }
  return undefined;
}

function tokenOf(req: SlackRequest): string | undefined {
  const bodyToken = req.json ? undefined : req.args.token;
  return req.bearer ?? (typeof bodyToken === "string" ? bodyToken : undefined);
}

type Answer = SlackResponse & {
  tokenKind?: string;
  teamId?: string;
  fault?: SlackFault["kind"];
};

function answer(state: DispatchState, req: SlackRequest): Answer {
  const handler = HANDLERS[req.method];
  const spec = METHOD_TABLE[req.method];
  const tokenless = req.method === OAUTH_V2_ACCESS && state.oauth;
  if ((!handler && !tokenless) || !spec) {
    return json(200, { ok: false, error: "unknown_method" });
  }

  const tokenText = tokenOf(req);
  const owner = tokenText ? workspaceOfToken(state, tokenText) : undefined;
  const faultIndex = state.faults.findIndex((f) =>
    f.method === req.method &&
    (!f.teamId || f.teamId === owner?.ws.teamId)
  );
  const fault = state.faults[faultIndex];
  if (fault) {
    fault.remaining -= 1;
    if (fault.remaining <= 0) state.faults.splice(faultIndex, 1);
    if (fault.kind === "http" && fault.applied) {
      const applied = answer({ ...state, faults: [] }, req);
      return {
        ...fromFault(fault),
        ...(applied.tokenKind ? { tokenKind: applied.tokenKind } : {}),
        ...(applied.teamId ? { teamId: applied.teamId } : {}),
        fault: fault.kind,
      };
    }
    return {
      ...fromFault(fault),
      ...(owner ? { teamId: owner.ws.teamId } : {}),
      fault: fault.kind,
    };
  }
  if (tokenless) return oauthAccess(state, state.oauth!, req);
  if (!handler) return json(200, { ok: false, error: "unknown_method" });

  if (!tokenText) return json(200, { ok: false, error: "not_authed" });
  if (!owner) return json(200, { ok: false, error: "invalid_auth" });
  const { ws, auth } = owner;
  const teamId = ws.teamId;

  const args = new MethodArgs(req.args);
  const decision = state.limiterFor(teamId).take(
    req.method,
    spec.tier,
    args.string("channel"),
  );
  if (!decision.allowed) {
    return {
      ...json(429, { ok: false, error: "ratelimited" }, {
        "retry-after": String(decision.retryAfter),
      }),
      tokenKind: auth.kind,
      teamId,
    };
  }

  try {
    if (spec.hostedOnly && auth.kind !== "hosted_app") {
      throw new SlackMethodError(spec.hostedOnly);
    }
    if (
      spec.scopes.length > 0 &&
      !spec.scopes.some((s) => auth.scopes.includes(s))
    ) {
      throw missingScope(auth, spec.scopes.join(","));
    }
    const body = handler({ method: req.method, args, auth, ws });
    // Slack names the token's scopes in every answer's X-OAuth-Scopes header, which @slack/web-api copies to
    // `response_metadata.scopes` (node_modules/@slack/web-api WebClient.js; the field:
    // https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/interfaces/WebAPICallResult).
    return {
      ...json(200, body, { "x-oauth-scopes": auth.scopes.join(",") }),
      tokenKind: auth.kind,
      teamId,
    };
  } catch (error) {
    if (!(error instanceof SlackMethodError)) throw error;
    if (!isDocumentedError(req.method, error.error)) {
      state.undocumented.push({ method: req.method, error: error.error });
      return json(500, {
        ok: false,
        error: "simulator_bug",
        detail: `${req.method} does not document ${error.error}`,
      });
    }
    return {
      ...json(200, { ok: false, error: error.error, ...error.extra }),
      tokenKind: auth.kind,
      teamId,
    };
  }
}

function oauthAccess(
  state: DispatchState,
  oauth: OAuthApps,
  req: SlackRequest,
): SlackResponse {
  try {
    return json(
      200,
      oauth.exchange({ args: req.args, authorization: req.authorization }),
    );
  } catch (error) {
    if (!(error instanceof SlackMethodError)) throw error;
    if (!isDocumentedError(OAUTH_V2_ACCESS, error.error)) {
      state.undocumented.push({ method: OAUTH_V2_ACCESS, error: error.error });
      return json(500, { ok: false, error: "simulator_bug" });
    }
    return json(200, { ok: false, error: error.error });
  }
}

/** Runs one Web API call against the workspace and records it in the call log. */
export function dispatchSlackCall(
  state: DispatchState,
  req: SlackRequest,
): SlackResponse {
  const response = answer(state, req);
  const { token: _token, client_secret: _secret, ...args } = req.args;
  const record: SlackCall = {
    method: req.method,
    args,
    status: response.status,
    result: response.body,
    time: state.ws.now(),
  };
  if (response.tokenKind) record.tokenKind = response.tokenKind;
  if (response.teamId) record.teamId = response.teamId;
  const token = tokenOf(req);
  if (token) record.token = token;
  if (response.fault) record.fault = response.fault;
  state.log.push(record);
  return {
    status: response.status,
    headers: response.headers,
    body: response.body,
  };
}
