// The demo page as a person watches it: headless Debian chromium (playwright-core) opens the Slack simulator's
// GET /demo while the demo's lifecycle plays against the real bridge process, and the card appears, changes
// status and grows its thread without a reload. Without chromium the test is skipped with one printed line,
// also under CI.
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { registerSlackSdkSpecifiers } from "../../scripts/register-slack-sdk-specifiers.ts";
import { type Stack, startStack } from "../e2e/start-stack.ts";
import { browserTestSkipped, launchChromium } from "../support/chromium.ts";
import { playLifecycle } from "./demo-lifecycle.ts";

registerSlackSdkSpecifiers();

const skipped = browserTestSkipped("the demo page browser test");

const TITLE = "#1 Checkout error rate above 5%";
const SEEN = { timeout: 15_000 };

/** The one message group of the channel whose card carries `title`. */
function cardGroup(channel: Locator, title: string): Locator {
  return channel.locator(".msg-group").filter({
    has: channel.page().locator(".b-header", { hasText: title }),
  });
}

describe.skipIf(skipped)("the demo page in a browser", () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startStack({ logLevel: "error" });
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it(
    "shows the card live: title, status Acknowledged then Resolved, buttons, thread replies, the edited mark",
    async () => {
      const context = await browser.newContext({
        viewport: { width: 1200, height: 1000 },
      });
      const page: Page = await context.newPage();
      const external: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith("http://127.0.0.1:")) external.push(r.url());
      });
      await page.goto(stack.slack.demoPageUrl);
      // Set once: if the page reloaded to show an update, the marker would be gone.
      await page.evaluate(() => {
        (globalThis as { notReloaded?: boolean }).notReloaded = true;
      });
      const responders = page.locator(
        `section[data-channel="${stack.channels.responders}"]`,
      );
      const stakeholders = page.locator(
        `section[data-channel="${stack.channels.stakeholders}"]`,
      );
      await expect(responders.locator(".channel-name").textContent())
        .resolves.toBe("#inc-checkout");
      expect(await responders.textContent()).toContain("No messages yet.");

      const seen: string[] = [];
      await playLifecycle(stack, {
        say: () => {},
        after: async (moment) => {
          seen.push(moment);
          const card = cardGroup(responders, TITLE);
          const head = card.locator(":scope > .msg");
          if (moment === "card-posted") {
            await card.waitFor(SEEN);
            await head.locator(".msg-body", { hasText: "Triggered" }).waitFor(
              SEEN,
            );
            expect(await head.locator("button").allTextContents()).toEqual(
              expect.arrayContaining([
                "Acknowledge",
                "Resolve",
                "More actions…",
              ]),
            );
            expect(
              await head.locator("button.primary", { hasText: "Acknowledge" })
                .count(),
            ).toBe(1);
            expect(
              await head.locator("button.danger", { hasText: "Resolve" })
                .count(),
            ).toBe(1);
            // The stakeholder channel gets the card without buttons.
            await cardGroup(stakeholders, TITLE).waitFor(SEEN);
            expect(
              await cardGroup(stakeholders, TITLE).locator("button").count(),
            ).toBe(0);
          }
          if (moment === "acknowledged") {
            await head.locator(".msg-body", { hasText: "Acknowledged" })
              .first().waitFor(SEEN);
            await head.locator(".edited").waitFor(SEEN);
            await card.locator(".thread .msg.reply", {
              hasText: "Acknowledged by Rui Responder",
            }).waitFor(SEEN);
            // Nina never linked PagerDuty: nothing she pressed changed the card's status to her name.
            expect(await head.textContent()).not.toContain("Nina");
          }
          if (moment === "priority-changed") {
            // What the monitoring tool said, and the alerts PagerDuty grouped into the incident.
            await head.locator(".msg-body", {
              hasText: "2 alerts (2 triggered)",
            }).first().waitFor(SEEN);
            const text = await head.textContent();
            expect(text).toContain("Source: checkout-api.prod.example.com");
            expect(text).toContain("error rate: 7.3% (threshold 5%)");
            expect(
              await head.locator("a", { hasText: "Runbook: checkout 5xx" })
                .getAttribute("href"),
            ).toBe("https://wiki.example.com/runbooks/checkout-5xx");
          }
          if (moment === "resolved") {
            await head.locator(".msg-body", { hasText: "Resolved" }).first()
              .waitFor(SEEN);
            await card.locator(".thread .msg.reply", {
              hasText: "Resolved by Rui Responder",
            }).waitFor(SEEN);
            await card.locator(".thread .msg.reply", {
              hasText: "Rolled back the 14:02 deploy",
            }).first().waitFor(SEEN);
          }
        },
      });
      expect(seen).toEqual([
        "card-posted",
        "acknowledged",
        "priority-changed",
        "resolved",
      ]);

      const card = cardGroup(responders, TITLE);
      const head = card.locator(":scope > .msg");
      expect(await head.locator(".b-header").textContent()).toBe(TITLE);
      // A resolved card keeps no buttons.
      expect(await head.locator("button").count()).toBe(0);
      expect(await head.locator(".edited").textContent()).toMatch(
        /^\(edited( ×\d+)?\)$/,
      );
      // The compact resolved card: who resolved it, how long it lasted, the priority in small print.
      expect(await head.textContent()).toContain("Resolved by Rui Responder");
      expect(await head.textContent()).toContain("lasted");
      expect(await head.textContent()).toContain("High urgency · P1");
      // The private answers are marked, with who saw them.
      expect(
        await card.locator(".msg.ephemeral .only-you").first().textContent(),
      ).toMatch(/Only visible to you \((Rui Responder|Maya Manager)\)/);
      expect(
        await page.evaluate(() =>
          (globalThis as { notReloaded?: boolean }).notReloaded
        ),
      ).toBe(true);

      // A hostile title is shown as text: no element made of it, no script run.
      const hostile = `<img src=x onerror="globalThis.pwned=1"><b>bold</b>`;
      const evil = stack.pd.triggerIncident({
        serviceId: stack.demo.services.checkout,
        title: hostile,
        urgency: "low",
      });
      await stack.waitForCard(stack.channels.responders, evil.id);
      const evilHeader = responders.locator(".b-header", {
        hasText: "onerror",
      });
      await evilHeader.waitFor(SEEN);
      expect(await evilHeader.textContent()).toContain(hostile);
      expect(await responders.locator("img, b").count()).toBe(0);
      expect(
        await page.evaluate(() => (globalThis as { pwned?: number }).pwned),
      ).toBeUndefined();

      const dir = mkdtempSync(join(tmpdir(), "pagerslack-demo-page-"));
      const shot = join(dir, "inc-checkout.png");
      await card.screenshot({ path: shot });
      expect(existsSync(shot) && statSync(shot).size).toBeGreaterThan(10_000);
      expect(external).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
