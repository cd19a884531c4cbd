// PagerDuty's OAuth token endpoint (`POST https://identity.pagerduty.com/oauth/token`, served here at
// `/oauth/token` of the simulator's own URL). It comes before the REST authentication middleware: the client
// authenticates with `client_id` / `client_secret` in the form body, as PagerDuty documents
// (https://developer.pagerduty.com/docs/user-oauth-token-via-code-grant). Only `grant_type=refresh_token` is
// served; the authorization itself is `pagerDuty.oauth.authorize` of the control API.

import { Hono } from "hono";
import {
  OAUTH_ERRORS,
  type OAuthErrorCode,
  type OAuthGrants,
} from "./oauth-grants.ts";
import type { SimEnv } from "./request-context.ts";

export function oauthTokenRoutes(grants: OAuthGrants) {
  const app = new Hono<SimEnv>();
  app.post("/oauth/token", async (c) => {
    const fail = (error: OAuthErrorCode, description: string) =>
      c.json(
        { error, error_description: description },
        OAUTH_ERRORS[error] as 400,
      );
    const type = (c.req.header("Content-Type") ?? "").toLowerCase();
    if (!type.startsWith("application/x-www-form-urlencoded")) {
      return fail(
        "invalid_request",
        "Content-Type must be application/x-www-form-urlencoded",
      );
    }
    const form = new URLSearchParams(await c.req.text());
    const grantType = form.get("grant_type");
    if (grantType !== "refresh_token") {
      return fail(
        "unsupported_grant_type",
        `grant_type ${grantType ?? "(missing)"} is not supported here`,
      );
    }
    const clientId = form.get("client_id");
    const clientSecret = form.get("client_secret");
    const refreshToken = form.get("refresh_token");
    if (!clientId || !clientSecret || !refreshToken) {
      return fail(
        "invalid_request",
        "client_id, client_secret and refresh_token are required",
      );
    }
    const result = grants.refresh({ clientId, clientSecret, refreshToken });
    if (!result.ok) return fail(result.error, result.description);
    return c.json(result.answer);
  });
  return app;
}
