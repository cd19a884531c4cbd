/**
 * The user's PagerDuty access token for one handler run, and the one refresh it may ask for. Scoped OAuth access
 * tokens live a day (https://developer.pagerduty.com/docs/oauth-functionality, "Token Lifetimes"); Slack
 * refreshes them when it knows they expired, but PagerDuty can refuse one Slack still holds as valid (an expiry
 * Slack was not told, a revoked token). The client then asks here for a fresh one, once.
 */
export interface PagerDutyTokenSource {
  /** The token to send now. */
  current(): string;
  /**
   * A token to retry with after PagerDuty answered 401 to `stale`, or undefined: give up (show the link prompt).
   * Asks for a refresh at most once per source, however many requests were refused; concurrent refusals share
   * that one refresh. Never answers `stale` itself, so a caller cannot loop on a dead token.
   */
  refreshed(stale: string): Promise<string | undefined>;
}

/** `refresh` is asked at most once (`apps.auth.external.get` with `force_refresh: true`). */
export function refreshOnceTokenSource(
  initial: string,
  refresh: () => Promise<string | undefined>,
): PagerDutyTokenSource {
  let token = initial;
  let attempt: Promise<string | undefined> | undefined;
  return {
    current: () => token,
    async refreshed(stale) {
      attempt ??= refresh().then((fresh) => {
        if (fresh) token = fresh;
        return fresh;
      });
      await attempt;
      return token !== stale ? token : undefined;
    },
  };
}
