// `oauth.v2.access`: the redirect's code for the workspace's bot token. Client id and secret go as HTTP Basic, as
// Slack's page recommends; the code is single use, so a failure here is never retried automatically.
// https://docs.slack.dev/reference/methods/oauth.v2.access

export interface OAuthGrant {
  botToken: string;
  botUserId: string;
  appId: string | null;
  teamId: string;
  teamName: string;
  enterpriseId: string | null;
  scopes: string[];
  installedBy: string | null;
}

export type OAuthExchange =
  | { ok: true; grant: OAuthGrant }
  /** Slack answered `{ok:false, error}` (invalid_code, bad_redirect_uri, bad_client_secret…). */
  | { ok: false; kind: "slack_error"; error: string }
  /** Slack could not be reached or answered something other than its JSON (a 5xx, a proxy's page). */
  | { ok: false; kind: "unavailable"; detail: string }
  /**
   * An org-wide install on an Enterprise Grid organization: `team` null, `enterprise{id,name}`,
   * `is_enterprise_install` true (api.slack.com/enterprise/apps/reference). Its one token serves every workspace
   * of the org, needs a `team_id` on many methods (api.slack.com/enterprise/apps/changes-apis) and puts the app
   * in no workspace yet; the bridge keeps one token per workspace, so it does not keep this one.
   */
  | {
    ok: false;
    kind: "org_wide";
    enterpriseId: string | null;
    enterpriseName: string | null;
  }
  /** Slack said ok but granted no bot token (the app has no bot user?). */
  | { ok: false; kind: "unsupported"; detail: string };

export async function exchangeOAuthCode(options: {
  slackApiUrl: string;
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): Promise<OAuthExchange> {
  const doFetch = options.fetch ?? fetch;
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`)
    .toString("base64");
  let response: Response;
  try {
    response = await doFetch(new URL("oauth.v2.access", options.slackApiUrl), {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        code: options.code,
        redirect_uri: options.redirectUri,
      }).toString(),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    return {
      ok: false,
      kind: "unavailable",
      detail: error instanceof Error ? error.name : "network error",
    };
  }
  let body: Record<string, unknown>;
  try {
    body = await response.json() as Record<string, unknown>;
  } catch {
    return {
      ok: false,
      kind: "unavailable",
      detail: `HTTP ${response.status}`,
    };
  }
  if (body.ok !== true) {
    const error = typeof body.error === "string" ? body.error : "unknown_error";
    return response.ok || error !== "unknown_error"
      ? { ok: false, kind: "slack_error", error }
      : { ok: false, kind: "unavailable", detail: `HTTP ${response.status}` };
  }
  const team = body.team as { id?: unknown; name?: unknown } | null;
  const enterprise = body.enterprise as { id?: unknown; name?: unknown } | null;
  const authedUser = body.authed_user as { id?: unknown } | null;
  if (body.is_enterprise_install === true || typeof team?.id !== "string") {
    return {
      ok: false,
      kind: "org_wide",
      enterpriseId: typeof enterprise?.id === "string" ? enterprise.id : null,
      enterpriseName: typeof enterprise?.name === "string"
        ? enterprise.name
        : null,
    };
  }
  if (
    body.token_type !== "bot" || typeof body.access_token !== "string" ||
    typeof body.bot_user_id !== "string"
  ) {
    return {
      ok: false,
      kind: "unsupported",
      detail: "Slack granted no bot token (the app has no bot user?)",
    };
  }
  return {
    ok: true,
    grant: {
      botToken: body.access_token,
      botUserId: body.bot_user_id,
      appId: typeof body.app_id === "string" ? body.app_id : null,
      teamId: team.id,
      teamName: typeof team.name === "string" ? team.name : team.id,
      enterpriseId: typeof enterprise?.id === "string" ? enterprise.id : null,
      scopes: typeof body.scope === "string"
        ? body.scope.split(",").filter(Boolean)
        : [],
      installedBy: typeof authedUser?.id === "string" ? authedUser.id : null,
    },
  };
}
