// Slack's external auth refresh, ahead of `apps.auth.external.get`. Slack refreshes a stored token through the
// provider's `token_url` when it has expired or when the caller passes `force_refresh: true` ("Always refresh
// existing token before returning even when the token has not expired",
// https://docs.slack.dev/reference/methods/apps.auth.external.get/). The refresh is an HTTP call, so it runs
// here, before the (synchronous) method handler, which then answers the refreshed token or the documented
// error: `access_token_exchange_failed` ("There was an error while attempting to exchange or refresh token")
// once the provider refused, `no_refresh_token` when there is nothing to refresh with.

import { type DispatchState, workspaceOfToken } from "./dispatch-slack-call.ts";
import { MethodArgs } from "./method-args.ts";
import type { ExternalTokenSeed, SlackWorkspace } from "./slack-workspace.ts";

export const EXTERNAL_TOKEN_GET = "apps.auth.external.get";

export function oauth2ProviderKey(appId: string, providerKey: string): string {
  return `${appId}/${providerKey}`;
}

/** Tokens the HTTP layer refreshed for the call being answered; the handler takes the mark. */
const justRefreshed = new WeakSet<ExternalTokenSeed>();

export function takeJustRefreshed(seed: ExternalTokenSeed): boolean {
  return justRefreshed.delete(seed);
}

/** Whether Slack would refresh this token before handing it over. */
export function refreshDue(
  ws: SlackWorkspace,
  seed: ExternalTokenSeed,
  forceRefresh: boolean,
): boolean {
  if (seed.refresh_failed) return false;
  return forceRefresh ||
    (seed.expires_at !== undefined && ws.now() >= seed.expires_at);
}

/**
 * Refreshes the token an `apps.auth.external.get` call names when it is due, through the provider's token
 * endpoint (RFC 6749 §6: grant_type=refresh_token with the client's credentials in the form body, as PagerDuty
 * documents). Calls the handler would refuse anyway (wrong token, other app, injected fault) refresh nothing.
 */
export async function refreshExternalTokenIfDue(
  state: DispatchState,
  request: { args: Record<string, unknown>; bearer?: string },
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  if (state.faults.some((f) => f.method === EXTERNAL_TOKEN_GET)) return;
  const bodyToken = request.args.token;
  const owner = workspaceOfToken(
    state,
    request.bearer ?? (typeof bodyToken === "string" ? bodyToken : ""),
  );
  if (!owner || owner.auth.kind !== "hosted_app") return;
  const { ws, auth } = owner;
  const args = new MethodArgs(request.args);
  const id = args.string("external_token_id");
  const seed = id ? ws.externalTokens.get(id) : undefined;
  if (!seed || seed.appId !== auth.appId || !seed.refresh_token) return;
  if (!refreshDue(ws, seed, args.bool("force_refresh"))) return;
  const provider = ws.oauth2Providers.get(
    oauth2ProviderKey(auth.appId, seed.provider_key),
  );
  if (!provider) return;

  let status = 0;
  let answer: Record<string, unknown> | undefined;
  try {
    const response = await fetchImpl(provider.token_url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: seed.refresh_token,
        client_id: provider.client_id,
        client_secret: provider.client_secret,
      }),
    });
    status = response.status;
    answer = response.ok
      ? await response.json() as Record<string, unknown>
      : undefined;
  } catch {
    status = 0;
  }
  const accessToken = answer?.access_token;
  const ok = typeof accessToken === "string" && accessToken !== "";
  ws.externalTokenRefreshes.push({
    external_token_id: seed.external_token_id,
    time: ws.now(),
    status,
    ok,
  });
  if (!ok) {
    seed.refresh_failed = true;
    return;
  }
  justRefreshed.add(seed);
  seed.token = accessToken as string;
  if (typeof answer?.refresh_token === "string") {
    seed.refresh_token = answer.refresh_token;
  }
  const expiresIn = answer?.expires_in;
  if (typeof expiresIn === "number" && expiresIn > 0) {
    seed.expires_at = ws.now() + expiresIn * 1000;
  } else delete seed.expires_at;
}
