// The admin's browser session for the status page: a signed, expiring, HttpOnly cookie. The value is
// `<expiry ms>.<random id>.<HMAC-SHA256>`; the HMAC key is derived from PAGERSLACK_ENCRYPTION_KEY (so every
// replica accepts a session another issued) or, without that key, random per start (sessions end at restart).
// The install helper's OAuth redirect calls issueAdminSession after a successful "Add to Slack", so the installer
// lands on the status page logged in.
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
  /** A new cookie value, valid for the session's lifetime. */
  issue(): string;
  /** Whether `value` was issued by a bridge holding this key and has not expired. */
  verify(value: string | undefined): boolean;
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
  return {
    ttlMs,
    issue() {
      const payload = `${now() + ttlMs}.${
        randomBytes(16).toString("base64url")
      }`;
      return `${payload}.${mac(payload)}`;
    },
    verify(value) {
      if (!value) return false;
      const parts = value.split(".");
      if (parts.length !== 3) return false;
      const [expiry, id, tag] = parts as [string, string, string];
      const expected = Buffer.from(mac(`${expiry}.${id}`));
      const given = Buffer.from(tag);
      if (
        given.length !== expected.length || !timingSafeEqual(given, expected)
      ) {
        return false;
      }
      const until = Number(expiry);
      return Number.isFinite(until) && until > now();
    },
  };
}

/** Behind a TLS-terminating proxy the request is plain HTTP: trust its X-Forwarded-Proto for `Secure`. */
function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:" ||
    c.req.header("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** Logs the browser behind `c` in (sets the cookie on the response). */
export function issueAdminSession(c: Context, sessions: AdminSessions): void {
  setCookie(c, ADMIN_SESSION_COOKIE, sessions.issue(), {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: isHttps(c),
    maxAge: Math.floor(sessions.ttlMs / 1000),
  });
}

export function hasAdminSession(c: Context, sessions: AdminSessions): boolean {
  return sessions.verify(getCookie(c, ADMIN_SESSION_COOKIE));
}

export function endAdminSession(c: Context): void {
  deleteCookie(c, ADMIN_SESSION_COOKIE, { path: "/" });
}
