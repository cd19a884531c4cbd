import { escapeMrkdwn } from "./escape-mrkdwn.ts";

/**
 * Longest URL we link. PagerDuty's and Slack's own links are far shorter; a longer one is dropped (label
 * only) so a hostile URL cannot push a field or section over Block Kit's limits.
 */
const MAX_URL = 1000;

/** Only these open a page: `javascript:`, `slack:` and the like are never linked. */
const LINKABLE_PROTOCOLS = new Set(["http:", "https:"]);

/**
 * `url` as the URL part of Slack's `<url|label>`, or null when it must not be linked (not an absolute
 * http(s) URL, or too long). Slack ends the URL part at the first `|` and the token at the first `>`, so
 * `|` is percent-encoded and `&`, `<`, `>` become entities
 * (https://api.slack.com/reference/surfaces/formatting#escaping): `…/P1|<!here>` cannot add a label or a
 * special mention of its own.
 */
export function mrkdwnLinkUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!LINKABLE_PROTOCOLS.has(parsed.protocol)) return null;
  // href is the parser's serialisation: spaces, quotes, control characters and line breaks are
  // percent-encoded or gone, so what is left to neutralise is Slack's own syntax.
  const safe = parsed.href
    .replaceAll("|", "%7C")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;");
  return safe.length <= MAX_URL ? safe : null;
}

/**
 * A Slack link `<url|label>` with `label` (plain text) escaped and cut to `maxLabel`; the escaped label
 * alone when `url` is missing or not safe to link. The only place pagerslack builds a link in mrkdwn.
 */
export function mrkdwnLink(
  url: string | null | undefined,
  label: string,
  maxLabel = Infinity,
): string {
  const escapedLabel = escapeMrkdwn(label, maxLabel);
  const safeUrl = mrkdwnLinkUrl(url);
  return safeUrl === null || escapedLabel === ""
    ? escapedLabel
    : `<${safeUrl}|${escapedLabel}>`;
}
