// The simulator's HTTP surface: request log, injected faults, authentication, rate limiting, header checks
// and JSON parsing in front of the resource routes, and PagerDuty's error body on every failure.

import { Hono } from "hono";
import type { RestFaults } from "./create-rest-faults.ts";
import { alertRoutes } from "./alert-routes.ts";
import { automationActionRoutes } from "./automation-action-routes.ts";
import { customFieldRoutes } from "./custom-field-routes.ts";
import { directoryRoutes } from "./directory-routes.ts";
import { eventsApiRoutes } from "./events-api-routes.ts";
import { incidentRoutes } from "./incident-routes.ts";
import type { OAuthGrants } from "./oauth-grants.ts";
import { oauthTokenRoutes } from "./oauth-token-routes.ts";
import {
  PAGERDUTY_ERRORS,
  PagerDutyError,
  ScopeMissing,
} from "./pagerduty-error.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import {
  FROM_HEADER_REQUIRED,
  type RequestAuth,
  type SimEnv,
  type SimulatorServices,
} from "./request-context.ts";
import { tokenHasScope } from "./role-permissions.ts";
import { readSpecOperations } from "./spec-operations.ts";
import { serviceRoutes } from "./service-routes.ts";
import { webhookSubscriptionRoutes } from "./webhook-subscription-routes.ts";
import { workflowRoutes } from "./workflow-routes.ts";

export const PAGERDUTY_ACCEPT = "application/vnd.pagerduty+json;version=2";

export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string>;
  body: string;
  status: number;
}

export interface AppOptions {
  services: SimulatorServices;
  rateLimiter: RateLimiter;
  faults: RestFaults;
  requestLog: RequestLogEntry[];
  /**
   * PagerDuty documents the Accept header as required (REST spec: `header_Accept`, "used as a versioning
   * header") but in practice answers v2 without it. Strict by default so clients are checked to send it.
   */
  strictAccept: boolean;
  requireHttpsWebhookUrls: boolean;
  /** Serves the OAuth token endpoint (refresh) ahead of REST authentication. */
  oauth: OAuthGrants;
}

export function createPagerDutyApp(options: AppOptions) {
  const { services, rateLimiter, faults, requestLog } = options;
  const { state } = services;
  const app = new Hono<SimEnv>();

  const specOperations = readSpecOperations();

  app.onError((error, c) => {
    if (error instanceof ScopeMissing) {
      return c.json(error.toBody(), 403);
    }
    const failure = error instanceof PagerDutyError
      ? error
      : new PagerDutyError("internalError", [
        String((error as Error).message ?? error),
      ]);
    return c.json(failure.toBody(), failure.status as 400);
  });
  app.notFound((c) => c.json(new PagerDutyError("notFound").toBody(), 404));

  // Request log first, so that rejected requests are recorded too.
  app.use(async (c, next) => {
    const body = c.req.method === "GET" || c.req.method === "HEAD"
      ? ""
      : await c.req.raw.clone().text();
    await next();
    const url = new URL(c.req.url);
    const query: Record<string, string[]> = {};
    for (const [key, value] of url.searchParams) {
      (query[key] ??= []).push(value);
    }
    requestLog.push({
      at: services.now().toISOString(),
      method: c.req.method,
      path: url.pathname,
      query,
      headers: Object.fromEntries(c.req.raw.headers),
      body,
      status: c.res.status,
    });
  });

  app.use(async (c, next) => {
    const fault = faults.take(c.req.method, new URL(c.req.url).pathname);
    if (!fault) {
      await next();
      return;
    }
    if (fault.kind === "status") {
      return fault.body !== undefined
        ? new Response(fault.body, { status: fault.status })
        : c.json(
          {
            error: {
              message: fault.status >= 500
                ? "Internal Error"
                : "Injected failure",
              code: PAGERDUTY_ERRORS.internalError.code,
            },
          },
          fault.status as 500,
        );
    }
    if (fault.withHeaders) {
      c.header("ratelimit-limit", "960");
      c.header("ratelimit-remaining", "0");
      c.header("ratelimit-reset", String(fault.resetSeconds));
    }
    return c.json(new PagerDutyError("rateLimited").toBody(), 429);
  });

  app.route("/", oauthTokenRoutes(options.oauth));
  // The Events API (events.pagerduty.com in PagerDuty) authenticates by routing key, not REST credentials.
  app.route("/", eventsApiRoutes(services));

  // Authentication: `Token token=<key>` (API keys) or `Bearer <token>` (OAuth / user tokens).
  app.use(async (c, next) => {
    const header = c.req.header("Authorization") ?? "";
    const auth = authenticate(header);
    if (!auth) throw new PagerDutyError("authenticationFailed");
    c.set("auth", auth);
    await next();
  });

  function authenticate(header: string): RequestAuth | null {
    const tokenMatch = /^Token token="?([^"\s]+)"?$/.exec(header.trim());
    if (tokenMatch) {
      const key = state.apiKeys.get(tokenMatch[1]!);
      if (key) {
        return {
          kind: "api_key",
          callerKey: `key:${key.key}`,
          readOnly: key.readOnly,
          user: null,
          scopes: null,
          clientName: null,
        };
      }
      // Classic user API tokens are sent the same way as account keys.
    }
    const bearer = /^Bearer (\S+)$/.exec(header.trim());
    const tokenValue = tokenMatch?.[1] ?? bearer?.[1];
    const token = tokenValue ? state.userTokens.get(tokenValue) : undefined;
    const user = token ? state.users.get(token.userId) : undefined;
    if (!token || !user) return null;
    // An expired OAuth access token is refused like a wrong one: 401, code 2006 (REST API "Errors": 401 is
    // "did not provide the correct credentials"); the client must refresh it.
    if (token.expiresAt && services.now() >= token.expiresAt) return null;
    return {
      kind: "user_token",
      callerKey: `user:${user.id}`,
      readOnly: false,
      user,
      scopes: token.scopes,
      clientName: token.clientName,
    };
  }

  app.use(async (c, next) => {
    const decision = rateLimiter.take(c.get("auth").callerKey);
    c.header("ratelimit-limit", String(decision.limit));
    c.header("ratelimit-remaining", String(decision.remaining));
    c.header("ratelimit-reset", String(decision.resetSeconds));
    if (!decision.allowed) throw new PagerDutyError("rateLimited");
    await next();
  });

  // What the spec says the operation needs of the caller, before the route runs (spec-operations.ts):
  // - an OAuth token without the operation's `x-pd-requires-scope` is refused with 403 and PagerDuty's scope
  //   body (ScopeMissing); API keys carry no scopes;
  // - an operation whose `From` header the spec declares required is refused without it, whatever the
  //   credential (400, code 2001, PagerDuty's wording: REST API "Errors" page, seen in
  //   https://github.com/quintoandar/airflow-pagerduty-plugin/issues/1).
  app.use(async (c, next) => {
    const operation = specOperations.match(
      c.req.method,
      new URL(c.req.url).pathname,
    );
    const auth = c.get("auth");
    if (
      operation?.scope && auth.kind === "user_token" &&
      !tokenHasScope(auth.scopes, operation.scope)
    ) {
      throw new ScopeMissing(operation.scope);
    }
    if (operation?.requiresFrom && !c.req.header("From")?.trim()) {
      throw new PagerDutyError("invalidInput", [FROM_HEADER_REQUIRED]);
    }
    await next();
  });

  app.use(async (c, next) => {
    if (options.strictAccept) {
      const accept = (c.req.header("Accept") ?? "").replace(/\s+/g, "")
        .toLowerCase();
      if (!accept.split(",").some((type) => type === PAGERDUTY_ACCEPT)) {
        throw new PagerDutyError("notAcceptable", [
          `Accept header must be ${PAGERDUTY_ACCEPT}`,
        ]);
      }
    }
    if (c.req.method !== "GET" && c.get("auth").readOnly) {
      throw new PagerDutyError("accessDenied", ["This API key is read-only"]);
    }
    let body: unknown = {};
    if (c.req.method === "POST" || c.req.method === "PUT") {
      const text = await c.req.text();
      if (text.trim() !== "") {
        const type = (c.req.header("Content-Type") ?? "").toLowerCase();
        if (!type.startsWith("application/json")) {
          throw new PagerDutyError("unsupportedMediaType", [
            "Content-Type must be application/json",
          ]);
        }
        try {
          body = JSON.parse(text);
        } catch {
          throw new PagerDutyError("invalidInput", [
            "The request body is not valid JSON",
          ]);
        }
      }
    }
    c.set("body", body);
    await next();
  });

  app.route("/", incidentRoutes(services));
  app.route("/", alertRoutes(services));
  app.route("/", workflowRoutes(services));
  app.route("/", directoryRoutes(services));
  app.route("/", serviceRoutes(services));
  app.route("/", customFieldRoutes(services));
  app.route("/", automationActionRoutes(services));
  app.route(
    "/",
    webhookSubscriptionRoutes(services, {
      requireHttps: options.requireHttpsWebhookUrls,
    }),
  );
  return app;
}
