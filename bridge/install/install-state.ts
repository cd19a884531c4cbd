// The OAuth `state` of an "Add to Slack" install, bound to the browser that started it: GET /slack/install puts a
// fresh state in an HttpOnly cookie and in the authorize URL; the redirect is accepted only when Slack hands back
// the same state the cookie holds, the state's MAC checks (it was issued by a bridge with this encryption key:
// any replica can check it), it has not expired and it was not used before. A link forged by someone else (CSRF,
// a leaked redirect URL) therefore fails in the victim's browser: their cookie holds no such state.
import {
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

export const STATE_COOKIE = "pagerslack_install_state";
/** How long someone may take on Slack's consent screen. */
export const STATE_LIFETIME_MS = 10 * 60_000;

export type StateRejection =
  /** The redirect carries no state (not from our authorize URL). */
  | "missing"
  /** No cookie: another browser, cookies blocked, or the cookie expired. */
  | "no_cookie"
  /** A cookie, but for another install attempt. */
  | "mismatch"
  /** Not issued by this bridge (wrong MAC or malformed). */
  | "forged"
  | "expired"
  /** Already used for an install (a reload, a replay). */
  | "reused";

export type StateCheck = { ok: true } | { ok: false; reason: StateRejection };

export interface InstallStates {
  issue(nowMs: number): { state: string; expiresAt: number };
  /** Checks and, when it passes, consumes the state: a second check of the same state is `reused`. */
  consume(
    fromQuery: string | undefined,
    fromCookie: string | undefined,
    nowMs: number,
  ): StateCheck;
}

/** `key`: PAGERSLACK_ENCRYPTION_KEY; the MAC key is derived from it for this use only. */
export function createInstallStates(key: string): InstallStates {
  const macKey = Buffer.from(
    hkdfSync("sha256", key, "pagerslack", "install-state v1", 32),
  );
  const mac = (body: string) =>
    createHmac("sha256", macKey).update(body).digest("base64url");
  // Used states until they would have expired anyway. Per process: a replay through another replica still meets
  // Slack's single-use code, and the cookie is cleared after the first use.
  const used = new Map<string, number>();

  return {
    issue(nowMs) {
      const expiresAt = nowMs + STATE_LIFETIME_MS;
      const body = `${randomBytes(18).toString("base64url")}.${expiresAt}`;
      return { state: `${body}.${mac(body)}`, expiresAt };
    },
    consume(fromQuery, fromCookie, nowMs) {
      for (const [state, expiresAt] of used) {
        if (expiresAt < nowMs) used.delete(state);
      }
      if (!fromQuery) return { ok: false, reason: "missing" };
      const parts = fromQuery.split(".");
      const [nonce, expires, given] = parts;
      if (parts.length !== 3 || !nonce || !expires || !given) {
        return { ok: false, reason: "forged" };
      }
      const expected = Buffer.from(mac(`${nonce}.${expires}`));
      const actual = Buffer.from(given);
      if (
        expected.length !== actual.length || !timingSafeEqual(expected, actual)
      ) {
        return { ok: false, reason: "forged" };
      }
      if (used.has(fromQuery)) return { ok: false, reason: "reused" };
      if (Number(expires) < nowMs) return { ok: false, reason: "expired" };
      if (!fromCookie) return { ok: false, reason: "no_cookie" };
      if (!equal(fromCookie, fromQuery)) {
        return { ok: false, reason: "mismatch" };
      }
      used.set(fromQuery, Number(expires));
      return { ok: true };
    },
  };
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The Set-Cookie value: only sent back to the bridge's /slack paths, never readable by scripts. */
export function stateCookie(
  state: string,
  options: { secure: boolean; maxAgeS: number },
): string {
  return [
    `${STATE_COOKIE}=${state}`,
    "Path=/slack",
    `Max-Age=${options.maxAgeS}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

export function readStateCookie(
  header: string | undefined,
): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === STATE_COOKIE) return value.join("=") || undefined;
  }
  return undefined;
}
