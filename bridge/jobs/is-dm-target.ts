/**
 * Whether a card's `channel_id` is a person rather than a channel: DM cards (bridge/dms/) are keyed by the Slack
 * user id they are for, since the IM's own id is only known once Slack opened it (conversations.open). Slack's
 * user ids start with U (W on Enterprise Grid); conversation ids with C, G or D.
 */
export function isDmTarget(channelId: string): boolean {
  return /^[UW][A-Z0-9]+$/.test(channelId);
}
