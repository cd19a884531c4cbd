// Slack signs every request it sends an app: `X-Slack-Signature: v0=<hex>`, HMAC-SHA256 with the app's signing
// secret over `v0:<X-Slack-Request-Timestamp>:<raw body>`. A request whose timestamp is more than five minutes
// from now is refused as a possible replay, whatever its signature.
// https://api.slack.com/authentication/verifying-requests-from-slack
import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack's own tolerance ("more than five minutes from local time"). */
export const MAX_REQUEST_AGE_S = 5 * 60;

/** Slack's formula: HMAC-SHA256 with the signing secret over `v0:<timestamp>:<raw body>`. */
function sign(rawBody: string, timestamp: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`)
    .digest();
}

export type SlackSignatureCheck =
  | { ok: true }
  | { ok: false; reason: "missing" | "stale" | "mismatch" };

export interface SlackSignatureHeaders {
  /** X-Slack-Signature */
  signature: string | null | undefined;
  /** X-Slack-Request-Timestamp (seconds) */
  timestamp: string | null | undefined;
}

export function verifySlackSignature(
  rawBody: string,
  headers: SlackSignatureHeaders,
  secret: string,
  nowMs: number,
): SlackSignatureCheck {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: "missing" };
  }
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_REQUEST_AGE_S) {
    return { ok: false, reason: "stale" };
  }
  const given = /^v0=([0-9a-f]{64})$/i.exec(signature)?.[1];
  if (!given) return { ok: false, reason: "mismatch" };
  const expected = sign(rawBody, timestamp, secret);
  // Both 32 bytes (the pattern above), as timingSafeEqual requires.
  return timingSafeEqual(expected, Buffer.from(given, "hex"))
    ? { ok: true }
    : { ok: false, reason: "mismatch" };
}

/** The headers Slack would send with `rawBody` at `nowMs` (the tests sign with it). */
export function signSlackRequest(
  rawBody: string,
  secret: string,
  nowMs: number,
): { "X-Slack-Signature": string; "X-Slack-Request-Timestamp": string } {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    "X-Slack-Signature": `v0=${
      sign(rawBody, timestamp, secret).toString("hex")
    }`,
    "X-Slack-Request-Timestamp": timestamp,
  };
}
