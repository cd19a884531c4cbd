/** The ellipsis put where text was cut. */
export const ELLIPSIS = "…";

/**
 * `text` cut to at most `max` UTF-16 units (Slack's limits count characters; JS length is never fewer),
 * ending with "…" when cut. Never splits a surrogate pair, so an emoji is kept whole or dropped.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let end = max - ELLIPSIS.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // high surrogate: its pair would be cut off
  return text.slice(0, Math.max(0, end)) + ELLIPSIS;
}
