// `cli.ts setup` as an operator runs it: a child process against the PagerDuty simulator.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import { seedDemoAccount } from "../test/simulators/pagerduty/seed-demo-account.ts";

const run = promisify(execFile);
const HOOK = "https://bridge.example.com/webhooks/pagerduty";
// Shaped like a real PagerDuty REST API key (20 characters).
const API_KEY = "y_NbAkKc66ryYTWUXYEu";

let pd: PagerDutySimulator;
let dir: string;
beforeAll(async () => {
  pd = await startPagerDutySimulator();
  seedDemoAccount(pd);
  pd.seed.apiKey({ key: API_KEY });
  dir = mkdtempSync(join(tmpdir(), "pagerslack-cli-"));
});
afterAll(async () => {
  await pd.close();
  rmSync(dir, { recursive: true, force: true });
});

const setup = (...args: string[]) =>
  run(process.execPath, [
    "--import",
    "tsx",
    "bridge/cli.ts",
    "setup",
    "--url",
    HOOK,
    "--secret-file",
    join(dir, "secret"),
    ...args,
  ], {
    env: {
      PATH: process.env.PATH,
      PAGERDUTY_API_TOKEN: API_KEY,
      PAGERDUTY_API_URL: pd.url,
    },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e) => ({ code: e.code as number, stdout: e.stdout, stderr: e.stderr }),
  );

describe("cli setup", () => {
  it("says why PagerDuty refused the subscription", async () => {
    const refused = await setup("--service", "PNOPE00");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "setup failed: PagerDuty /webhook_subscriptions: Service PNOPE00 not found (400 Invalid Input Provided, code 2001)\n",
    );
    expect(pd.state.webhookSubscriptions.size).toBe(0);
  });

  it("never prints a credential PagerDuty's answer echoes", async () => {
    pd.faults.failNext(1, {
      status: 400,
      match: { method: "POST", path: "/webhook_subscriptions" },
      body: JSON.stringify({
        error: {
          message: "Invalid Input Provided",
          code: 2001,
          errors: [
            `API key ${API_KEY} cannot create subscriptions (Token token=${API_KEY})`,
          ],
        },
      }),
    });
    const refused = await setup();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "setup failed: PagerDuty /webhook_subscriptions: API key [redacted] cannot create subscriptions (Token token=[redacted]) (400 Invalid Input Provided, code 2001)\n",
    );
  });
});
