// One table from Slack error codes to what the bridge does about them. Codes not listed are permanent: an
// unknown error is recorded and dropped rather than retried forever.

/**
 * - `retryable`: Slack or the network failed; the same call later may work.
 * - `rate_limited`: wait for Retry-After.
 * - `workspace_blocked`: the bot token (or its installation) is refused; no call will work until a person fixes
 *   it, so every Slack job waits.
 * - `channel_blocked`: this channel refuses the bot until a person fixes it (invites the bot, unarchives): the
 *   channel's jobs wait.
 * - `permanent`: this one message cannot be sent.
 */
export type SlackOutcome =
  | "retryable"
  | "rate_limited"
  | "workspace_blocked"
  | "channel_blocked"
  | "permanent";

export const SLACK_ERROR_OUTCOMES: Readonly<Record<string, SlackOutcome>> = {
  ratelimited: "rate_limited",
  rate_limited: "rate_limited",
  internal_error: "retryable",
  fatal_error: "retryable",
  service_unavailable: "retryable",
  request_timeout: "retryable",
  team_not_ready: "retryable",
  invalid_auth: "workspace_blocked",
  not_authed: "workspace_blocked",
  token_revoked: "workspace_blocked",
  token_expired: "workspace_blocked",
  account_inactive: "workspace_blocked",
  missing_scope: "workspace_blocked",
  no_permission: "workspace_blocked",
  not_allowed_token_type: "workspace_blocked",
  access_denied: "workspace_blocked",
  accesslimited: "workspace_blocked",
  ekm_access_denied: "workspace_blocked",
  org_login_required: "workspace_blocked",
  team_added_to_org: "workspace_blocked",
  two_factor_setup_required: "workspace_blocked",
  channel_not_found: "channel_blocked",
  not_in_channel: "channel_blocked",
  is_archived: "channel_blocked",
  channel_is_limited_access: "channel_blocked",
  restricted_action: "channel_blocked",
  restricted_action_read_only_channel: "channel_blocked",
  posting_to_channel_denied: "channel_blocked",
  // The following are listed so that the decision is explicit, not a default.
  msg_too_long: "permanent",
  invalid_blocks: "permanent",
  message_not_found: "permanent",
  cant_update_message: "permanent",
  name_taken: "permanent",
  users_not_found: "permanent",
  // conversations.open for an incident DM (bridge/outbox/prepare-dm.ts): this person cannot be DMed.
  // cannot_dm_bot is not on Slack's page but is what clients meet opening an IM with a bot user.
  user_not_found: "permanent",
  user_disabled: "permanent",
  user_not_visible: "permanent",
  cannot_dm_bot: "permanent",
  messages_tab_disabled: "permanent",
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
  /** The bridge's own pacing refused the call before it reached Slack (see paced-slack-client.ts). */
  readonly paced: boolean;

  constructor(
    init: {
      method: string;
      error: string;
      outcome: SlackOutcome;
      retryAfterMs?: number | null;
      paced?: boolean;
    },
    options?: { cause?: unknown },
  ) {
    super(`${init.method}: ${init.error}`, options);
    this.method = init.method;
    this.error = init.error;
    this.outcome = init.outcome;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.paced = init.paced ?? false;
  }
}
