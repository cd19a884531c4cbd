// The version the status page shows: package.json's, read once. A build that moved the file shows "unknown"
// rather than failing start-up.
import { readFileSync } from "node:fs";

let cached: string | undefined;

export function bridgeVersion(): string {
  if (cached !== undefined) return cached;
  try {
    const pkg = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    ) as { version?: unknown };
    cached = typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    cached = "unknown";
  }
  return cached;
}
