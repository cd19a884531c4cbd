// Headless Debian chromium, driven by playwright-core, for the demo page: its screenshot (`npm run demo --
// --screenshot FILE`, docs/demo-card.png) and the browser test. CHROMIUM_PATH overrides where it is.
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

export async function launchChromium(): Promise<Browser> {
  if (!chromiumPresent()) throw new ChromiumMissingError(CHROMIUM);
  return await chromium.launch({ executablePath: CHROMIUM, headless: true });
}

/**
 * Loads the live demo page and saves a PNG of one channel (the card as a person sees it in Slack), at twice the
 * pixel density so the README picture stays sharp.
 */
export async function screenshotChannel(
  pageUrl: string,
  channelId: string,
  file: string,
): Promise<void> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1000, height: 900 },
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    await page.goto(pageUrl);
    const channel = page.locator(`section[data-channel="${channelId}"]`);
    await channel.waitFor();
    await channel.screenshot({ path: file });
  } finally {
    await browser.close();
  }
}
