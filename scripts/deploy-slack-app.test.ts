// `npm run deploy:slack-app` against a fake `slack` on PATH: a small script that records each call's arguments
// and the environment values the deploy cares about, and answers like the Slack CLI (trigger list / create print
// the link as cmd/triggers/sprintTrigger does). The real CLI is never needed.
import { execFile } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  findSetupTriggerUrl,
  SETUP_TRIGGER_DEF,
  SETUP_TRIGGER_NAME,
} from "./deploy-slack-app.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CLIENT_SECRET = "pd-oauth-client-secret-7f3a9c";
const API_TOKEN = "bridge-api-token-51b2e8d4";
const SETUP_URL = "https://slack.com/shortcuts/Ft0SETUP123/0a1b2c3d4e5f";

let dir: string;
let fakeBin: string;

const FAKE_SLACK = `
import { appendFileSync } from "node:fs";
const args = process.argv.slice(2);
const line = args.join(" ");
appendFileSync(process.env.FAKE_SLACK_LOG, JSON.stringify({
  args,
  env: Object.fromEntries(["BRIDGE_URL", "PAGERDUTY_OAUTH_CLIENT_ID", "PAGERDUTY_REGION",
    "PAGERDUTY_OAUTH_CLIENT_SECRET", "BRIDGE_API_TOKEN"].map((k) => [k, process.env[k] ?? null])),
}) + "\\n");
if (process.env.FAKE_SLACK_FAIL && line.startsWith(process.env.FAKE_SLACK_FAIL)) {
  process.stderr.write("Error: something the CLI says\\n");
  process.exit(1);
}
if (args[0] === "trigger" && args[1] === "list") {
  process.stdout.write(process.env.FAKE_SLACK_EXISTING
    ? "\\n⚡ Triggers installed to the app\\n\\n   Help Ft0HELP (shortcut)\\n   https://slack.com/shortcuts/Ft0HELP/aaaa\\n\\n   ${SETUP_TRIGGER_NAME} Ft0OLD (shortcut)\\n   Created: 2026-12-01 10:00:00 +00:00\\n   " + process.env.FAKE_SLACK_EXISTING + "\\n\\n"
    : "\\nThere are no triggers installed for the app\\n");
}
if (args[0] === "trigger" && args[1] === "create") {
  process.stdout.write("\\n⚡ Trigger successfully created!\\n\\n   ${SETUP_TRIGGER_NAME} Ft0SETUP123 (shortcut)\\n   Created: 2026-12-03 06:00:00 +00:00\\n   ${SETUP_URL}\\n\\n");
}
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pagerslack-deploy-"));
  fakeBin = join(dir, "bin");
  mkdirSync(fakeBin, { recursive: true });
  writeFileSync(join(dir, "fake-slack.mjs"), FAKE_SLACK);
  writeFileSync(
    join(fakeBin, "slack"),
    `#!/bin/sh\nexec '${process.execPath}' '${
      join(dir, "fake-slack.mjs")
    }' "$@"\n`,
  );
  chmodSync(join(fakeBin, "slack"), 0o755);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Recorded {
  args: string[];
  env: Record<string, string | null>;
}

async function deploy(
  { env = {}, args = [], withSlack = true, log = join(dir, "calls.log") }: {
    env?: Record<string, string>;
    args?: string[];
    withSlack?: boolean;
    log?: string;
  } = {},
): Promise<
  { code: number; stdout: string; stderr: string; calls: Recorded[] }
> {
  rmSync(log, { force: true });
  return await new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/deploy-slack-app.ts", ...args],
      {
        cwd: ROOT,
        env: {
          PATH: withSlack ? `${fakeBin}:/usr/bin:/bin` : "/usr/bin:/bin",
          HOME: dir,
          FAKE_SLACK_LOG: log,
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const calls = existsSync(log)
          ? readFileSync(log, "utf8").trim().split("\n").filter(Boolean).map(
            (l) => JSON.parse(l) as Recorded,
          )
          : [];
        resolve({
          code: error ? (error as { code?: number }).code ?? 1 : 0,
          stdout,
          stderr,
          calls,
        });
      },
    );
  });
}

function configFile(lines: Record<string, string>, mode = 0o600): string {
  const path = join(dir, `deploy-${Math.random().toString(36).slice(2)}.env`);
  writeFileSync(
    path,
    "# pagerslack's Slack app\n" +
      Object.entries(lines).map(([k, v]) => `${k}=${v}`).join("\n") + "\n",
  );
  chmodSync(path, mode);
  return path;
}

const FULL = {
  BRIDGE_URL: "https://pagerslack-bridge.example.com",
  PAGERDUTY_OAUTH_CLIENT_ID: "pd-client-id-123",
  PAGERDUTY_REGION: "eu",
  PAGERDUTY_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
  BRIDGE_API_TOKEN: API_TOKEN,
};

describe("npm run deploy:slack-app", () => {
  it("names the setup trigger the file defines", async () => {
    // A computed specifier: tsc (Node side) must not follow it into the Deno-typed app.
    const setupTrigger = (await import(
      /* @vite-ignore */ new URL(`../${SETUP_TRIGGER_DEF}`, import.meta.url)
        .href
    )).default as { name: string };
    expect(setupTrigger.name).toBe(SETUP_TRIGGER_NAME);
    expect(existsSync(join(ROOT, SETUP_TRIGGER_DEF))).toBe(true);
  });

  it("runs the Slack CLI's commands in order from a config file and prints the setup link", async () => {
    const run = await deploy({ args: ["--config", configFile(FULL)] });
    expect(run.code, run.stderr).toBe(0);
    expect(run.calls.map((c) => c.args)).toEqual([
      ["deploy"],
      [
        "external-auth",
        "add-secret",
        "--provider",
        "pagerduty",
        "--secret",
        CLIENT_SECRET,
        "--app",
        "deployed",
      ],
      [
        "env",
        "add",
        "BRIDGE_URL",
        "https://pagerslack-bridge.example.com",
        "--app",
        "deployed",
      ],
      [
        "env",
        "add",
        "BRIDGE_API_TOKEN",
        "--value",
        API_TOKEN,
        "--app",
        "deployed",
      ],
      ["env", "add", "PAGERDUTY_REGION", "eu", "--app", "deployed"],
      ["trigger", "list", "--no-color", "--app", "deployed"],
      [
        "trigger",
        "create",
        "--trigger-def",
        SETUP_TRIGGER_DEF,
        "--no-color",
        "--app",
        "deployed",
      ],
    ]);
    // slack deploy evaluates the manifest with the client id, the bridge and the region; no child gets a secret
    // in its environment.
    expect(run.calls[0]!.env).toEqual({
      BRIDGE_URL: "https://pagerslack-bridge.example.com",
      PAGERDUTY_OAUTH_CLIENT_ID: "pd-client-id-123",
      PAGERDUTY_REGION: "eu",
      PAGERDUTY_OAUTH_CLIENT_SECRET: null,
      BRIDGE_API_TOKEN: null,
    });
    for (const call of run.calls) {
      expect(call.env.PAGERDUTY_OAUTH_CLIENT_SECRET).toBeNull();
      expect(call.env.BRIDGE_API_TOKEN).toBeNull();
    }
    expect(run.stdout).toContain("press Set up");
    expect(run.stdout.trim().split("\n").at(-1)!.trim()).toBe(SETUP_URL);
    for (const secret of [CLIENT_SECRET, API_TOKEN]) {
      expect(run.stdout + run.stderr).not.toContain(secret);
    }
    // The steps are shown as they run, the secrets as "…".
    expect(run.stdout).toContain(
      "[4/7] set BRIDGE_API_TOKEN for the functions: slack env add BRIDGE_API_TOKEN --value … --app deployed",
    );
  });

  it("takes the values from the environment too, and passes --team on to every command", async () => {
    const run = await deploy({ env: FULL, args: ["--team", "T0SECOND"] });
    expect(run.code, run.stderr).toBe(0);
    expect(run.calls[0]!.args).toEqual(["deploy", "--team", "T0SECOND"]);
    for (const call of run.calls.slice(1)) {
      expect(call.args.slice(-4)).toEqual([
        "--app",
        "deployed",
        "--team",
        "T0SECOND",
      ]);
    }
  });

  it("run again: finds the setup link instead of creating a second one", async () => {
    const existing = "https://slack.com/shortcuts/Ft0OLD/9f8e7d6c";
    const run = await deploy({
      env: { ...FULL, FAKE_SLACK_EXISTING: existing },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.calls.map((c) => c.args.slice(0, 2))).not.toContainEqual([
      "trigger",
      "create",
    ]);
    expect(run.stdout.trim().split("\n").at(-1)!.trim()).toBe(existing);
  });

  it("without the slack binary: says to install the Slack CLI and log in", async () => {
    const run = await deploy({ env: FULL, withSlack: false });
    expect(run.code).toBe(127);
    expect(run.stderr).toContain(
      "the Slack CLI (`slack`) is not on PATH: install it",
    );
    expect(run.stderr).toContain("slack login");
  });

  it("with values missing: names every one and runs nothing", async () => {
    const run = await deploy({
      env: {
        PAGERDUTY_REGION: "mars",
        BRIDGE_URL: "http://bridge.example.com",
      },
    });
    expect(run.code).toBe(2);
    expect(run.calls).toEqual([]);
    for (
      const expected of [
        "PAGERDUTY_OAUTH_CLIENT_ID is not set",
        "BRIDGE_URL=http://bridge.example.com is not an https URL",
        "PAGERDUTY_REGION=mars is not a PagerDuty service region",
        "PAGERDUTY_OAUTH_CLIENT_SECRET is not set",
        "BRIDGE_API_TOKEN is not set",
      ]
    ) {
      expect(run.stderr).toContain(expected);
    }
  });

  it("a failing step names the step, the command and what to do, and stops there", async () => {
    const run = await deploy({
      env: { ...FULL, FAKE_SLACK_FAIL: "env add BRIDGE_API_TOKEN" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "step 4 of 7 (set BRIDGE_API_TOKEN for the functions: `slack env add BRIDGE_API_TOKEN --value … --app deployed`) failed with exit code 1",
    );
    expect(run.stderr).toContain("every step is safe to repeat");
    expect(run.calls.map((c) => c.args[0])).toEqual([
      "deploy",
      "external-auth",
      "env",
      "env",
    ]);
    expect(run.stdout + run.stderr).not.toContain(API_TOKEN);
  });

  it("--prompt-secrets: the CLI asks for the secrets itself, so they are on no command line", async () => {
    const { PAGERDUTY_OAUTH_CLIENT_SECRET: _s, BRIDGE_API_TOKEN: _t, ...rest } =
      FULL;
    const run = await deploy({ env: rest, args: ["--prompt-secrets"] });
    expect(run.code, run.stderr).toBe(0);
    expect(run.calls[1]!.args).toEqual([
      "external-auth",
      "add-secret",
      "--provider",
      "pagerduty",
      "--app",
      "deployed",
    ]);
    expect(run.calls[3]!.args).toEqual([
      "env",
      "add",
      "BRIDGE_API_TOKEN",
      "--app",
      "deployed",
    ]);
  });

  it("refuses secrets on its own command line and warns about a config file others can read", async () => {
    const refused = await deploy({
      env: FULL,
      args: ["--secret", CLIENT_SECRET],
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("unknown argument --secret");
    expect(refused.calls).toEqual([]);
    const path = configFile(FULL, 0o644);
    const readable = await deploy({ args: ["--config", path] });
    expect(readable.code).toBe(0);
    expect(readable.stderr).toContain(`chmod 600 ${path}`);
  });

  it("finds the setup link in slack trigger list's output only under its name", () => {
    expect(findSetupTriggerUrl("There are no triggers installed for the app"))
      .toBeUndefined();
    expect(
      findSetupTriggerUrl(
        `\n   Help Ft0HELP (shortcut)\n   https://slack.com/shortcuts/Ft0HELP/aaaa\n\n   ${SETUP_TRIGGER_NAME} Ft0X (shortcut)\n   Created: x\n   https://slack.com/shortcuts/Ft0X/bbbb\n`,
      ),
    ).toBe("https://slack.com/shortcuts/Ft0X/bbbb");
  });
});
