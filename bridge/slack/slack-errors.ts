// One table from Slack error codes to what the bridge does about them. Codes not listed are permanent: an
// unknown error is recorded and dropped rather than retried forever.

export type SlackOutcome = "retryable" | "rate_limited" | "permanent";

export const SLACK_ERROR_OUTCOMES: Readonly<Record<string, SlackOutcome>> = {
  ratelimited: "rate_limited",
  rate_limited: "rate_limited",
  internal_error: "retryable",
  fatal_error: "retryable",
  service_unavailable: "retryable",
  request_timeout: "retryable",
  team_not_ready: "retryable",
  // The following are listed so that the decision is explicit, not a default.
  channel_not_found: "permanent",
  not_in_channel: "permanent",
  is_archived: "permanent",
  invalid_auth: "permanent",
  token_revoked: "permanent",
  account_inactive: "permanent",
  missing_scope: "permanent",
  msg_too_long: "permanent",
  invalid_blocks: "permanent",
  message_not_found: "permanent",
  cant_update_message: "permanent",
  name_taken: "permanent",
  users_not_found: "permanent",
};

export function slackErrorOutcome(code: string): SlackOutcome {
  return SLACK_ERROR_OUTCOMES[code] ?? "permanent";
}

export class SlackApiError extends Error {
  override name = "SlackApiError";
  readonly method: string;
  readonly error: string;
  readonly outcome: SlackOutcome;
  /** Milliseconds Slack asked us to wait (429 Retry-After), when it did. */
  readonly retryAfterMs: number | null;

  constructor(
    init: {
      method: string;
      error: string;
      outcome: SlackOutcome;
      retryAfterMs?: number | null;
    },
    options?: { cause?: unknown },
  ) {
    super(`${init.method}: ${init.error}`, options);
    this.method = init.method;
    this.error = init.error;
    this.outcome = init.outcome;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}
