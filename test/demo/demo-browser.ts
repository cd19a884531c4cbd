// Headless Debian chromium, driven by playwright-core, for the demo page: its screenshot (`npm run demo --
// --screenshot FILE`, docs/demo-card.png) and the browser test. CHROMIUM_PATH overrides where it is.
import { launchChromium } from "../support/chromium.ts";

export {
  CHROMIUM,
  chromiumPresent,
  launchChromium,
} from "../support/chromium.ts";

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
