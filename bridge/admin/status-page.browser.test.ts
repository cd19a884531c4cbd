// The status page as an admin sees it: headless Debian chromium (driven by playwright-core) against the real
// bridge (startBridge over both simulators, seeded data), logging in through the form like a person. Without
// chromium the test is skipped with one printed line, also under CI.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  browserTestSkipped,
  launchChromium,
} from "../../test/support/chromium.ts";
import {
  startStatusBridge,
  STATUS_API_TOKEN,
  type StatusBridge,
} from "../../test/support/start-status-bridge.ts";
import { SEEDED } from "../../test/support/seed-status-data.ts";
import { waitFor } from "../../test/e2e/wait-for.ts";

const skipped = browserTestSkipped("the status page browser test");

describe.skipIf(skipped)("status page in a browser", () => {
  let env: StatusBridge;
  let browser: Browser;
  beforeAll(async () => {
    env = await startStatusBridge();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it(
    "logs in through the form and shows each workspace with its own connections, deliveries, problems and findings",
    async () => {
      // The doctor's webhook-secret finding names the subscription the bridge created at start.
      await waitFor(
        () =>
          env.logs.some((l) =>
            l.msg.startsWith("created PagerDuty webhook subscription")
          ),
        { what: "the bridge's own subscription" },
      );
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      const external: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(env.url)) external.push(r.url());
      });

      await page.goto(`${env.url}/`);
      await expect(page.locator("body").innerText()).resolves.toContain(
        "API token",
      );
      expect(await page.locator("body").innerText()).not.toContain(
        SEEDED.workspaces[1],
      );

      await page.fill("#token", "not-the-token");
      await page.click("button[type=submit]");
      await expect(page.locator("[role=alert]").innerText()).resolves.toContain(
        "not one of PAGERSLACK_API_TOKENS",
      );

      await page.fill("#token", STATUS_API_TOKEN);
      await page.click("button[type=submit]");
      await page.waitForURL(`${env.url}/`);
      const text = await page.locator("body").innerText();

      // Workspaces: both installed ones and SLACK_BOT_TOKEN's, by name (HTML in a name shows as text).
      const workspaces = await page.locator("#workspaces").innerText();
      expect(workspaces).toContain(SEEDED.workspaces[0]);
      expect(workspaces).toContain(SEEDED.workspaces[1]);
      expect(workspaces).toContain("SLACK_BOT_TOKEN");
      // The summary links to a workspace's section.
      await page.click(`#workspaces a:text("${SEEDED.workspaces[1]}")`);
      expect(page.url()).toBe(`${env.url}/#workspace-T0GLOBEX`);
      const acme = page.locator("#workspace-T0ACME");
      const globex = page.locator("#workspace-T0GLOBEX");
      await expect(acme.locator("h2").innerText()).resolves.toBe(
        `${SEEDED.workspaces[0]} T0ACME`,
      );
      // Acme's connection row, its failed delivery and its parked channel.
      const row = acme.locator("table.connections tbody tr").first();
      await expect(row.innerText()).resolves.toMatch(
        new RegExp(
          `${SEEDED.connectionChannel}\\s+service ${SEEDED.connectionService}\\s+responder`,
        ),
      );
      const deliveries = await acme.locator("table.deliveries").innerText();
      expect(deliveries).toMatch(
        new RegExp(`${SEEDED.failedJobChannel}\\s+0\\s+1`),
      );
      expect(deliveries).toContain("parked: is_archived");
      expect(await acme.locator("table.triggers").innerText()).toContain(
        "incident_action",
      );
      // The running bridge checked Acme's (fake) token with Slack: the finding is in Acme's section.
      expect(await acme.locator("table.doctor").innerText()).toMatch(
        /FAIL\s+slack\s+auth\.test failed: invalid_auth \(install the app in this workspace again with Add to Slack\)/,
      );
      // Globex's refused token and buttons are Globex's, not Acme's.
      const globexProblems = await globex.locator("table.problems").innerText();
      expect(globexProblems).toContain(
        "Slack refused the bot token (token_revoked): 1 cards and updates wait",
      );
      expect(globexProblems).toContain(
        "Slack refused the card buttons (chat.postMessage: invalid_blocks)",
      );
      expect(await globex.locator("table.doctor").innerText()).toContain(
        "Slack refused the card buttons in workspace Globex (T0GLOBEX)",
      );
      const acmeText = await acme.innerText();
      expect(acmeText).not.toContain("token_revoked");
      expect(acmeText).not.toContain("invalid_blocks");
      // A webhook that was set aside.
      expect(await page.locator("#webhooks").innerText()).toContain(
        "failed: could not apply <b>note</b>",
      );
      // The account-wide findings: the incident-actions link Acme's Set up registered (Globex's lack of one is
      // in its own section), and where the signing secret comes from.
      const doctor = await page.locator("#doctor").innerText();
      expect(doctor).toMatch(
        /ok\s+actions trigger\s+the incident-actions link "Set up pagerslack" registered, for T0ACME/,
      );
      expect(doctor).toMatch(
        /ok\s+webhook secret\s+signing secrets: 2 kept sealed in the database/,
      );

      for (
        const secret of [
          ...SEEDED.botTokens,
          SEEDED.webhookSecret,
          STATUS_API_TOKEN,
        ]
      ) {
        expect(text).not.toContain(secret);
        expect(await page.content()).not.toContain(secret);
      }
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === "pagerslack_admin")).toMatchObject({
        httpOnly: true,
        sameSite: "Lax",
      });
      expect(external).toEqual([]);

      const dir = mkdtempSync(join(tmpdir(), "pagerslack-status-shot-"));
      const shot = join(dir, "status-page.png");
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`status page screenshot: ${shot}`);
      expect(existsSync(shot)).toBe(true);

      await page.click("form.logout button");
      await page.goto(`${env.url}/`);
      expect(await page.locator("body").innerText()).not.toContain(
        SEEDED.workspaces[1],
      );
      await context.close();
    },
    60_000,
  );
});
