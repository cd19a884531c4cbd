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

describe("cli setup --store / --rotate / --retire", () => {
  const stored = (...args: string[]) =>
    run(process.execPath, [
      "--import",
      "tsx",
      "bridge/cli.ts",
      "setup",
      ...args,
    ], {
      env: {
        PATH: process.env.PATH,
        PAGERDUTY_API_TOKEN: API_KEY,
        PAGERDUTY_API_URL: pd.url,
        DATABASE_URL: `sqlite:${join(dir, "bridge.db")}`,
        SLACK_BOT_TOKEN: "xoxb-placeholder",
        PAGERSLACK_API_TOKENS: "an-api-token-for-the-cli-test",
        PAGERSLACK_ENCRYPTION_KEY: "an-encryption-key-of-forty-characters!!",
        BRIDGE_PUBLIC_URL: "https://stored.example.com",
      },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e) => ({ code: e.code as number, stdout: e.stdout, stderr: e.stderr }),
    );
  const delivering = () =>
    [...pd.state.webhookSubscriptions.values()].filter((s) =>
      s.url === "https://stored.example.com/webhooks/pagerduty"
    );

  it("creates the subscription into the database, finds it again, rotates and retires without printing a secret", async () => {
    const first = await stored("--store");
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toMatch(
      /^created PagerDuty webhook subscription \w+ delivering to https:\/\/stored\.example\.com\/webhooks\/pagerduty; its signing secret is sealed in the database\nsecrets kept in the database: 1\n$/,
    );
    const [created] = delivering();
    expect(first.stdout).not.toContain(created!.secrets[0]);
    const again = await stored("--store");
    expect(again.stdout).toContain(`subscription ${created!.id} delivers to`);
    expect(delivering()).toHaveLength(1);

    const rotated = await stored("--rotate");
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain(`run setup --retire ${created!.id}`);
    expect(delivering()).toHaveLength(2);
    const fresh = delivering().find((s) => s.id !== created!.id)!;
    expect(rotated.stdout).not.toContain(fresh.secrets[0]);

    const retired = await stored("--retire", created!.id);
    expect(retired.stdout).toBe(
      `deleted subscription ${
        created!.id
      }; its secret is no longer kept or accepted\n`,
    );
    expect(delivering().map((s) => s.id)).toEqual([fresh.id]);
  });

  it("refuses to mix the stored modes with --url", async () => {
    const refused = await stored("--store", "--url", HOOK);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("use BRIDGE_PUBLIC_URL");
  });
});
