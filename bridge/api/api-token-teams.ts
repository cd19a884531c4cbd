// PAGERSLACK_API_TOKENS entries are `token` (every workspace) or `T0123ABC:token` (that workspace only: its
// connections and triggers). A token never holds `:` (RFC 6750 b64token), so the prefix cannot be misread.
import { createHash, timingSafeEqual } from "node:crypto";

export interface ApiToken {
  token: string;
  /** The one workspace this token may read and write; null: any. */
  teamId: string | null;
}

const SCOPED = /^(T[A-Z0-9]{2,}):(.+)$/;

export function parseApiTokens(entries: readonly string[]): ApiToken[] {
  return entries.map((entry) => {
    const scoped = entry.match(SCOPED);
    return scoped
      ? { token: scoped[2] as string, teamId: scoped[1] as string }
      : { token: entry, teamId: null };
  });
}

const digestOf = (value: string) =>
  createHash("sha256").update(value, "utf8").digest();

/** The workspace the bearer token is limited to (null: any), compared in constant time like bearer-auth.ts. */
export function apiTokenTeam(
  tokens: readonly ApiToken[],
  authorization: string | undefined,
): string | null {
  const given = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!given) return null;
  const digest = digestOf(given);
  let team: string | null = null;
  for (const token of tokens) {
    if (timingSafeEqual(digest, digestOf(token.token)) && token.teamId) {
      team = token.teamId;
    }
  }
  return team;
}

/** The 403 body's message when a limited token names another workspace. */
export const otherWorkspaceMessage = (limitedTo: string, asked: string) =>
  `this API token is limited to Slack workspace ${limitedTo}, not ${asked}`;
