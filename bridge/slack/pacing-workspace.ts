/**
 * The workspace key of the pacing budgets: the bot's team id (auth.test's `team_id`), or, while Slack has not
 * answered auth.test, the token's fingerprint. The fallback is safe for one token: a bot token belongs to one
 * workspace, and every replica and command configured with it derives the same key, so they still share one
 * budget and spend no other workspace's. (A replica that switches to the team id mid-way starts a fresh budget
 * once: at most one burst more than the tier, not N times it.)
 */
export function pacingWorkspace(
  teamId: string | null | undefined,
  tokenFingerprint: string,
): string {
  return teamId ? teamId : `token:${tokenFingerprint}`;
}
