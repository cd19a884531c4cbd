import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { bearerAuth as honoBearerAuth } from "hono/bearer-auth";
import { HTTPException } from "hono/http-exception";
import type { WarningAggregator } from "../ops/aggregate-warnings.ts";

// Hono compares with its own timingSafeEqual, which also compares the raw strings over the longer one's
// length, so its time follows the tokens' lengths and stops at the first match. Comparing fixed-length
// digests of every token keeps the comparison constant-time and hides the tokens' lengths and order.
const digestOf = (value: string) =>
  createHash("sha256").update(value, "utf8").digest();

const CHALLENGE = 'Bearer realm="pagerslack"';

/** Whether a given token is one of `tokens`, compared in constant time (also used by the admin login form). */
export function tokenMatcher(
  tokens: readonly string[],
): (given: string) => boolean {
  const accepted = tokens.map(digestOf);
  return (token) => {
    const given = digestOf(token);
    let ok = false;
    for (const digest of accepted) ok = timingSafeEqual(given, digest) || ok;
    return ok;
  };
}

/**
 * `Authorization: Bearer <token>` against any configured token, compared in constant time (RFC 6750).
 * Refusals go to `refused` (never the token given). Every refusal is a 401 with the same body: a malformed
 * header (Hono's 400) tells a caller nothing more useful than a missing one.
 */
export function bearerAuth(
  tokens: readonly string[],
  { refused }: { refused?: WarningAggregator } = {},
): MiddlewareHandler {
  const matches = tokenMatcher(tokens);
  const refuse = (reason: string) => (c: Context) => {
    refused?.warn({ status: 401, reason }, {
      method: c.req.method,
      path: c.req.path,
    });
    return c.json({ error: "missing or invalid bearer token" }, 401);
  };
  const check = honoBearerAuth({
    verifyToken: (token) => matches(token),
    noAuthenticationHeader: {
      message: refuse("no bearer token"),
      wwwAuthenticateHeader: CHALLENGE,
    },
    invalidAuthenticationHeader: {
      message: refuse("no bearer token"),
      wwwAuthenticateHeader: CHALLENGE,
    },
    invalidToken: {
      message: refuse("bearer token not accepted"),
      wwwAuthenticateHeader: CHALLENGE,
    },
  });
  return async (c, next) => {
    try {
      return await check(c, next);
    } catch (error) {
      // Hono refuses by throwing; the app's onError would make it a 500.
      if (error instanceof HTTPException) return error.getResponse();
      throw error;
    }
  };
}
