/**
 * A mention of a Slack user (`U…`, `W…`: `<@U123>`) or conversation (`C…`, `G…`: `<#C123>`), or null when `id`
 * is not a well-formed Slack id: an id from a lookup or another service is never sent as raw mrkdwn.
 */
export function slackMention(id: string | null | undefined): string | null {
  if (!id || !/^[A-Z][A-Z0-9]+$/.test(id)) return null;
  const sigil = SIGILS[id[0] as string];
  return sigil ? `<${sigil}${id}>` : null;
}

/** Slack id prefix → mention sigil. */
const SIGILS: Readonly<Record<string, string>> = {
  U: "@",
  W: "@",
  C: "#",
  G: "#",
};
