import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { WarningAggregator } from "../ops/aggregate-warnings.ts";

// Comparing fixed-length digests keeps the comparison constant-time and hides the tokens' lengths.
const digestOf = (value: string) =>
  createHash("sha256").update(value, "utf8").digest();

/**
 * `Authorization: Bearer <token>` against any configured token, compared in constant time (RFC 6750).
 * Refusals go to `refused` (never the token given).
 */
export function bearerAuth(
  tokens: readonly string[],
  { refused }: { refused?: WarningAggregator } = {},
): MiddlewareHandler {
  const accepted = tokens.map(digestOf);
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const given = match?.[1] ? digestOf(match[1]) : null;
    let ok = false;
    for (const token of accepted) {
      if (
        given && timingSafeEqual(given, token)
      ) {
        ok = true;
      }
    }
    if (!ok) {
      refused?.warn({
        status: 401,
        reason: given ? "bearer token not accepted" : "no bearer token",
      }, { method: c.req.method, path: c.req.path });
      c.header("WWW-Authenticate", 'Bearer realm="pagerslack"');
      return c.json({ error: "missing or invalid bearer token" }, 401);
    }
    await next();
  };
}
