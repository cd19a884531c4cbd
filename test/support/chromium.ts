// Headless Debian chromium (apt-get install chromium), driven by playwright-core: the browser tests and the demo's
// screenshot. CHROMIUM_PATH overrides where it is. Where no chromium is installed, browser tests are skipped with
// one printed line (a user's machine may have none), never failed.
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export class ChromiumMissingError extends Error {
  constructor(readonly path: string) {
    super(
      `no chromium at ${path}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
    this.name = "ChromiumMissingError";
  }
}

export function chromiumPresent(): boolean {
  return existsSync(CHROMIUM);
}

/** For `describe.skipIf(browserTestSkipped("…"))`: true, with one printed line, when there is no chromium. */
export function browserTestSkipped(what: string): boolean {
  if (chromiumPresent()) return false;
  console.warn(`skipping ${what}: no chromium at ${CHROMIUM}`);
  return true;
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumPresent()) throw new ChromiumMissingError(CHROMIUM);
  return await chromium.launch({ executablePath: CHROMIUM, headless: true });
}
