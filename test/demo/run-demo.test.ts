// `npm run demo` as a newcomer runs it: the transcript is printed and the process exits 0; with --keep, the
// printed instructions for sending a signed webhook work.
import { childEnv } from "../support/child-env.ts";
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { waitFor } from "../e2e/wait-for.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

function runDemo(args: string[] = []) {
  // The package.json script: `tsx test/demo/run-demo.ts`.
  const child = spawn(
    `${ROOT}node_modules/.bin/tsx`,
    ["test/demo/run-demo.ts", ...args],
    {
      cwd: ROOT,
      env: childEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (c: Buffer) => (out.stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out.stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code))
  );
  return { child, out, exited };
}

function kill(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGKILL");
  }
}

describe("npm run demo", () => {
  it(
    "plays the lifecycle, prints the channels as people read them, exits 0",
    async () => {
      const demo = runDemo();
      try {
        const code = await demo.exited;
        expect(code, demo.out.stderr).toBe(0);
      } finally {
        kill(demo.child);
      }
      const { stdout } = demo.out;
      expect(stdout).toContain(
        'level 1: schedule "Payments primary" (Rui Responder)',
      );
      expect(stdout).toContain("━━ #inc-checkout ━━");
      expect(stdout).toContain("━━ #checkout-status ━━");
      // The shift change: the user group follows the schedule and the handoff names both people.
      expect(stdout).toContain("━━ #checkout-oncall ━━");
      expect(stdout).toContain("@checkout-oncall: @Rosa Responder");
      expect(stdout).toMatch(
        /Now on call for Checkout rotation: @Rosa Responder until .* \(was Rui Responder\)/,
      );
      // Rui's incident DM: the same card, followed to the end.
      expect(stdout).toMatch(/━━ Direct message: .*Rui Responder ━━/);
      expect(stdout).toContain("the bridge DMs Rui Responder the card too");
      expect(stdout).toContain("#1 Checkout error rate above 5%");
      // The incident came from the monitoring tool: the open card shows what it said and the alerts it groups.
      expect(stdout).toContain(
        "groups alerts for 10 min (time-based alert grouping)",
      );
      expect(stdout).toContain("│ Alerts: 2 alerts (2 triggered)");
      expect(stdout).toContain(
        "│ 🚨 Critical · Source: checkout-api.prod.example.com · Component: checkout-api",
      );
      expect(stdout).toContain("│ error rate: 7.3% (threshold 5%)");
      expect(stdout).toContain(
        "│ 🔗 Runbook: checkout 5xx · Checkout API dashboard",
      );
      // The handoff's incident stays open to the end, its context too.
      expect(stdout).toContain("│ p99 latency: 2.8 s (threshold 2 s)");
      // The final card is the compact resolved one: who, when, how long; service, urgency, priority.
      expect(stdout).toMatch(
        /🟢 Resolved by Rui Responder 20[^·]+ · lasted [^·]+ · Open #1 in PagerDuty/,
      );
      expect(stdout).toContain("Checkout · High urgency · P1");
      expect(stdout).toContain(
        "↳ PagerSlack: 🟡 Acknowledged by Rui Responder",
      );
      expect(stdout).toMatch(/PagerSlack \(edited \d+ times\)/);
      expect(stdout).toContain(
        "Slack asks her to connect her PagerDuty account first",
      );
      expect(stdout).toContain(
        "↳ (only visible to Rui Responder): ✅ You acknowledged #1 Checkout error rate above 5%.",
      );
      expect(stdout).toContain("↳ PagerSlack: 🟢 Resolved by Rui Responder");
      // Raw Slack markup never reaches the reader.
      expect(stdout).not.toMatch(/<@U|<!date|<https?:|:large_green_circle:/);
    },
    60_000,
  );

  it(
    "--keep stays up, the printed signed-webhook recipe posts a card, the printed page shows it; --html writes the page",
    async () => {
      const htmlFile = join(
        mkdtempSync(join(tmpdir(), "pagerslack-demo-html-")),
        "demo.html",
      );
      const demo = runDemo(["--keep", "--html", htmlFile]);
      try {
        const stdout = () => demo.out.stdout;
        await waitFor(() => stdout().includes("printed below as they come"), {
          what: "the --keep instructions",
          timeoutMs: 45_000,
          describe: () => demo.out.stdout + demo.out.stderr,
        });
        const bridge = /bridge\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout())
          ?.[1];
        const secret = /SECRET='([^']+)'/.exec(stdout())?.[1];
        const bodyFile = /BODY=(\S+)/.exec(stdout())?.[1];
        expect(bridge && secret && bodyFile).toBeTruthy();
        expect(stdout()).toContain(
          `curl -i -X POST ${bridge}/webhooks/pagerduty`,
        );

        // What the printed openssl + curl lines do.
        const body = readFileSync(bodyFile!);
        const signature = createHmac("sha256", secret!).update(body).digest(
          "hex",
        );
        const response = await fetch(`${bridge}/webhooks/pagerduty`, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "X-PagerDuty-Signature": `v1=${signature}`,
          },
          body,
        });
        expect(response.status).toBe(202);
        await waitFor(() => stdout().includes("#9001 Sent by hand with curl"), {
          what: "the new card to be printed",
          describe: () => stdout().slice(-2000),
        });

        // The channels page the demo printed: served live by the Slack simulator.
        const pageUrl = /Slack channels page (http:\/\/127\.0\.0\.1:\d+\/demo)/
          .exec(stdout())?.[1];
        expect(pageUrl).toBeTruthy();
        const page = await (await fetch(pageUrl!)).text();
        expect(page).toContain("#1 Checkout error rate above 5%");
        expect(page).toContain("#9001 Sent by hand with curl");
        expect(page).toContain("Only visible to you");

        // --html: the page as it stood when the lifecycle ended, one file, no live updates.
        expect(stdout()).toContain(
          `Wrote the channels as a web page to ${htmlFile}`,
        );
        const written = readFileSync(htmlFile, "utf8");
        expect(written).toMatch(/^<!doctype html>/);
        expect(written).toContain("#1 Checkout error rate above 5%");
        // The handoff's incident, open to the end: the page shows what Alertmanager said.
        expect(written).toContain(
          "<strong>p99 latency:</strong> 2.8 s (threshold 2 s)",
        );
        expect(written).toContain("Resolved");
        expect(written).not.toContain("Sent by hand with curl");
        expect(written).not.toContain("<script");

        demo.child.kill("SIGINT");
        expect(await demo.exited).toBe(0);
      } finally {
        kill(demo.child);
      }
    },
    60_000,
  );
});
