import type { SlackAPIClient } from "deno-slack-api/types.ts";

export type PagerDutyTokenResult =
  | { ok: true; token: string }
  /** The user has no usable PagerDuty connection: answer with a link prompt. */
  | { ok: false; reason: "not_linked"; slackError: string }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number | undefined }
  | { ok: false; reason: "slack_error"; slackError: string };

/** `apps.auth.external.get` errors meaning "this user must (re)connect PagerDuty". */
const NOT_LINKED_ERRORS = new Set([
  "token_not_found",
  "token_revoked",
  "token_expired",
  "no_refresh_token",
  "access_token_exchange_failed",
  "invalid_arguments",
]);

export interface GetPagerDutyTokenOptions {
  /**
   * Have Slack refresh the token through PagerDuty even though it holds it as valid ("Always refresh existing
   * token before returning even when the token has not expired",
   * https://docs.slack.dev/reference/methods/apps.auth.external.get/): after PagerDuty answered 401.
   */
  forceRefresh?: boolean;
}

/** The user's PagerDuty OAuth token from Slack external auth (the workflow step's END_USER credential). */
export async function getPagerDutyToken(
  client: SlackAPIClient,
  externalTokenId: string | undefined,
  options: GetPagerDutyTokenOptions = {},
): Promise<PagerDutyTokenResult> {
  if (!externalTokenId) {
    return { ok: false, reason: "not_linked", slackError: "no_token_id" };
  }
  let answer;
  try {
    answer = await client.apps.auth.external.get({
      external_token_id: externalTokenId,
      ...(options.forceRefresh ? { force_refresh: true } : {}),
    });
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 429) {
      const headers = (error as { headers?: Headers }).headers;
      const retry = Number(headers?.get("retry-after"));
      return {
        ok: false,
        reason: "rate_limited",
        retryAfterSeconds: Number.isFinite(retry) && retry > 0
          ? retry
          : undefined,
      };
    }
    return { ok: false, reason: "slack_error", slackError: String(error) };
  }
  if (answer.ok && typeof answer.external_token === "string") {
    return { ok: true, token: answer.external_token };
  }
  const slackError = answer.error ?? "unknown_error";
  if (NOT_LINKED_ERRORS.has(slackError)) {
    return { ok: false, reason: "not_linked", slackError };
  }
  if (slackError === "ratelimited") {
    return { ok: false, reason: "rate_limited", retryAfterSeconds: undefined };
  }
  return { ok: false, reason: "slack_error", slackError };
}
