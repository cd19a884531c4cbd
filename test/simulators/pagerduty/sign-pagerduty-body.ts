import { createHmac } from "node:crypto";

/**
 * The `X-PagerDuty-Signature` value for a raw body: one `v1=<hex HMAC-SHA256>` per secret, comma separated, as
 * PagerDuty sends during a secret rotation (any entry matching is valid).
 */
export function signPagerDutyBody(
  body: string | Uint8Array,
  secrets: string | readonly string[],
): string {
  const list = typeof secrets === "string" ? [secrets] : secrets;
  return list
    .map((secret) =>
      `v1=${createHmac("sha256", secret).update(body).digest("hex")}`
    )
    .join(",");
}
