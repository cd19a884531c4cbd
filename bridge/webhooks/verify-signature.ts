// PagerDuty V3 signs the raw body: `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]`, HMAC-SHA256 with the
// subscription secret. During rotation several signatures and several secrets exist: any match is valid.
// Entries with another version prefix are ignored (PagerDuty may add schemes).
import { createHmac, timingSafeEqual } from "node:crypto";

export function verifySignature(
  rawBody: Uint8Array,
  header: string | null | undefined,
  secrets: readonly string[],
): boolean {
  if (!header) return false;
  const given = header.split(",")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("v1="))
    .map((part) => part.slice(3))
    .filter((hex) => /^[0-9a-f]{64}$/i.test(hex))
    .map((hex) => Buffer.from(hex, "hex"));
  if (given.length === 0) return false;
  let matched = false;
  // Every comparison runs (no early exit) so timing does not reveal which secret or signature matched.
  for (const secret of secrets) {
    const expected = createHmac("sha256", secret).update(rawBody).digest();
    for (const signature of given) {
      if (timingSafeEqual(expected, signature)) matched = true;
    }
  }
  return matched;
}

/** The header value PagerDuty would send for `rawBody` signed with `secrets` (tests, simulators). */
export function signBody(
  rawBody: string | Uint8Array,
  secrets: readonly string[],
): string {
  return secrets
    .map((secret) =>
      `v1=${createHmac("sha256", secret).update(rawBody).digest("hex")}`
    )
    .join(",");
}
