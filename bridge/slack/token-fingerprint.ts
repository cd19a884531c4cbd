import { createHash } from "node:crypto";

/** A short one-way hash of a bot token: tells a new token from a refused one without storing either. */
export function tokenFingerprint(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 16);
}
