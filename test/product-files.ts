// The non-test TypeScript files below a folder, for the tests that check what product code imports
// (bridge/bridge-imports.test.ts, slack-app/hosted-imports.test.ts).
import { readdirSync } from "node:fs";
import { join } from "node:path";

export function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return productFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")
      ? [path]
      : [];
  });
}
