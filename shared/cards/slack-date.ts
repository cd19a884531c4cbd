/**
 * A Slack date token: Slack renders it in each reader's time zone and it never goes stale, unlike "5 min
 * ago" in a card that is edited only when the incident changes. The fallback (UTC) shows where tokens are
 * not supported, and in renderCardText.
 * https://api.slack.com/reference/surfaces/formatting#date-formatting
 */
export function slackDate(
  iso: string,
  format = "{date_short_pretty} {time}",
): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "unknown time";
  const fallback = new Date(ms).toISOString().slice(0, 16).replace("T", " ") +
    " UTC";
  return `<!date^${Math.floor(ms / 1000)}^${format}|${fallback}>`;
}
