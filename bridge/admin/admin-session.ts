// The admin's browser session for the status page: a signed, expiring, HttpOnly cookie. The value is
// `<expiry ms>.<random id>.<token fingerprint>.<HMAC-SHA256>`; the HMAC key is derived from
// PAGERSLACK_ENCRYPTION_KEY (so every replica accepts a session another issued) or, without that key, random per
// start (sessions end at restart, and with several replicas one replica's cookie is refused by the others). The
// fingerprint (an HMAC of the API token used to log in, not the token) binds the session to that token: removing
// a leaked token from PAGERSLACK_API_TOKENS ends every session opened with it.
// Only POST /login issues a session. "Add to Slack" deliberately does not log the installer in (anyone who may
// install apps into some workspace would become a bridge admin); its success page links to /login instead.
import {
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

export const ADMIN_SESSION_COOKIE = "pagerslack_admin";
const DEFAULT_TTL_MS = 12 * 60 * 60_000;

export interface AdminSessions {
  /** A new cookie value for a login with `token`, valid for the session's lifetime. */
  issue(token: string): string;
  /**
   * Whether `value` was issued by a bridge holding this key, has not expired, and its login token is still
   * one of `tokens`.
   */
  verify(value: string | undefined, tokens: readonly string[]): boolean;
  readonly ttlMs: number;
}

export function createAdminSessions(
  { encryptionKey, ttlMs = DEFAULT_TTL_MS, now = Date.now }: {
    /** PAGERSLACK_ENCRYPTION_KEY, or null for a random per-start key. */
    encryptionKey: string | null;
    ttlMs?: number;
    now?: () => number;
  },
): AdminSessions {
  // Its own HKDF info: a session key never equals the key sealing secrets.
  const key = encryptionKey
    ? Buffer.from(
      hkdfSync("sha256", encryptionKey, "pagerslack", "admin-session v1", 32),
    )
    : randomBytes(32);
  const mac = (payload: string) =>
    createHmac("sha256", key).update(payload).digest("base64url");
  // Keyed, so the cookie tells nothing about the token to someone without the key.
  const fingerprint = (token: string) => mac(`token:${token}`).slice(0, 22);
  return {
    ttlMs,
    issue(token) {
      const payload = `${now() + ttlMs}.${
        randomBytes(16).toString("base64url")
      }.${fingerprint(token)}`;
      return `${payload}.${mac(payload)}`;
    },
    verify(value, tokens) {
      if (!value) return false;
      const parts = value.split(".");
      if (parts.length !== 4) return false;
      const [expiry, id, print, tag] = parts as [
        string,
        string,
        string,
        string,
      ];
      const expected = Buffer.from(mac(`${expiry}.${id}.${print}`));
      const given = Buffer.from(tag);
      if (
        given.length !== expected.length || !timingSafeEqual(given, expected)
      ) {
        return false;
      }
      const until = Number(expiry);
      return Number.isFinite(until) && until > now() &&
        tokens.some((t) => fingerprint(t) === print);
    },
  };
}

/** Behind a TLS-terminating proxy the request is plain HTTP: trust its X-Forwarded-Proto for `Secure`. */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:" ||
    c.req.header("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** Logs the browser behind `c` in with `token` (sets the cookie on the response). */
export function issueAdminSession(
  c: Context,
  sessions: AdminSessions,
  token: string,
): void {
  setCookie(c, ADMIN_SESSION_COOKIE, sessions.issue(token), {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: isHttps(c),
    maxAge: Math.floor(sessions.ttlMs / 1000),
  });
}

export function hasAdminSession(
  c: Context,
  sessions: AdminSessions,
  tokens: readonly string[],
): boolean {
  return sessions.verify(getCookie(c, ADMIN_SESSION_COOKIE), tokens);
}

export function endAdminSession(c: Context): void {
  deleteCookie(c, ADMIN_SESSION_COOKIE, { path: "/" });
}
