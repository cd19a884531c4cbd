import { ELLIPSIS } from "./truncate.ts";

// Slack's rule for mrkdwn: only these three characters are control characters and must be escaped as HTML
// entities (https://api.slack.com/reference/surfaces/formatting#escaping).
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
};

/**
 * `text` safe to put in mrkdwn. With `max`, the escaped result is at most `max` long and cut with "…"
 * at a character boundary of the original text, so an entity is never split in half.
 */
export function escapeMrkdwn(text: string, max = Infinity): string {
  let out = "";
  for (const ch of text) {
    const piece = ENTITIES[ch] ?? ch;
    if (out.length + piece.length > max) {
      return cutToFit(out, max);
    }
    out += piece;
  }
  return out;
}

// Drop whole characters / entities from the end until the ellipsis fits.
function cutToFit(escaped: string, max: number): string {
  if (max < ELLIPSIS.length) return "";
  let out = escaped;
  while (out.length + ELLIPSIS.length > max) {
    const entity = /&(amp|lt|gt);$/.exec(out);
    const code = out.charCodeAt(out.length - 1);
    const width = entity
      ? entity[0].length
      : code >= 0xdc00 && code <= 0xdfff
      ? 2
      : 1;
    out = out.slice(0, out.length - width);
  }
  return out + ELLIPSIS;
}
