// A time as Slack renders it to each reader: `<!date^…>` in mrkdwn shows the timestamp in the reader's own time
// zone and locale, and Slack's client renders the tokens, so "{ago}" keeps counting after the last edit instead
// of freezing a "just now". Readers whose client cannot parse it see the fallback (UTC, unambiguous).
// Tokens: docs.slack.dev/messaging/formatting-message-text#date-formatting and the rich-text date element's list.

/** Slack's date format tokens (each is written `{token}` in a format string). */
export const SLACK_DATE_TOKENS = [
  "day_divider_pretty",
  "date_num",
  "date_slash",
  "date_long",
  "date_long_full",
  "date_long_pretty",
  "date",
  "date_pretty",
  "date_short",
  "date_short_pretty",
  "time",
  "time_secs",
  "ago",
] as const;
export type SlackDateToken = (typeof SLACK_DATE_TOKENS)[number];

const TOKEN = /\{([a-z_]+)\}/g;

export class SlackDateFormatError extends Error {
  constructor(readonly format: string, readonly token: string) {
    super(`unknown Slack date token {${token}} in "${format}"`);
    this.name = "SlackDateFormatError";
  }
}

/**
 * `<!date^<epoch seconds>^<format>[^<link>]|<fallback>>`. `format` holds {@link SlackDateToken}s in braces and
 * plain text; `fallback` defaults to the time in UTC (`2026-12-02 19:31 UTC`). An unparsable time reads
 * "unknown time" rather than a date in 1970.
 */
export function slackDate(
  at: Date | string,
  format = "{date_short_pretty} {time}",
  options: { fallback?: string; link?: string } = {},
): string {
  const date = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return "unknown time";
  for (const [, token] of format.matchAll(TOKEN)) {
    if (!(SLACK_DATE_TOKENS as readonly string[]).includes(token!)) {
      throw new SlackDateFormatError(format, token!);
    }
  }
  const seconds = Math.floor(date.getTime() / 1000);
  // `|` and `>` end the fallback and `^` separates the parts: none may appear inside them.
  const fallback = (options.fallback ?? utcFallback(date)).replace(
    /[|>^]/g,
    " ",
  );
  const link = options.link ? `^${options.link.replace(/[|>^]/g, "")}` : "";
  return `<!date^${seconds}^${
    format.replace(/[|>^]/g, " ")
  }${link}|${fallback}>`;
}

function utcFallback(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
