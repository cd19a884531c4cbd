// `npm run deploy:slack-app [-- --config FILE] [--team WORKSPACE] [--prompt-secrets]`: deploys the hosted app and
// sets it up in one command, running the Slack CLI's commands in order (each one is safe to run again):
//   slack deploy                                   (BRIDGE_URL, PAGERDUTY_OAUTH_CLIENT_ID, PAGERDUTY_REGION in its env)
//   slack external-auth add-secret --provider pagerduty
//   slack env add BRIDGE_URL / BRIDGE_API_TOKEN / PAGERDUTY_REGION
//   slack trigger create --trigger-def slack-app/triggers/set-up-pagerslack-trigger.ts (unless it exists)
// and prints the setup trigger's link. Values come from the environment or a KEY=value file, never from this
// script's command line.
//
// The Slack CLI takes a value for `slack env add` and `slack external-auth add-secret` only as an argument
// (`--value`, `--secret`, or positional) or from a hidden prompt on a terminal: its PasswordPrompt answers
// "The input device is not a TTY" otherwise, and reads nothing from a pipe (slackapi/slack-cli
// internal/iostreams/prompts.go, cmd/env/add.go, cmd/externalauth/add_secret.go). So a secret given in the
// environment or the file is on those two CLI processes' command lines while they run (about a second each,
// visible to `ps` on this machine); `--prompt-secrets` lets the CLI ask for both instead, and they never pass
// through this script.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  DEPLOY_SECRETS,
  type DeployConfig,
  readDeployConfig,
} from "./read-deploy-config.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** The trigger an admin opens once; its workflow creates the others (slack-app/functions/set-up-pagerslack/). */
export const SETUP_TRIGGER_DEF =
  "slack-app/triggers/set-up-pagerslack-trigger.ts";
/** That trigger's `name` (checked against the file by the test), to find it again on a second run. */
export const SETUP_TRIGGER_NAME = "PagerDuty: set up pagerslack (admins)";
/** `provider_key` of slack-app/auth/pagerduty-oauth-provider.ts. */
export const PAGERDUTY_PROVIDER_KEY = "pagerduty";

const SHORTCUT_URL =
  /https:\/\/slack\.com\/shortcuts\/Ft[0-9A-Z]+\/[0-9A-Za-z]+/;

interface Step {
  title: string;
  args: string[];
  /** Secret argument values: shown as `…` wherever the command is printed. */
  hidden?: string[];
  env?: Record<string, string>;
  /** Keep stdout (it is still echoed): the trigger commands' answers are parsed. */
  capture?: boolean;
  /** What to do when it fails. */
  fix: string;
}

interface StepRun {
  code: number | null;
  stdout: string;
}

export type DeployResult =
  | { ok: true; setupTriggerUrl: string; created: boolean }
  | { ok: false; exitCode: number; message: string };

export interface DeployOptions {
  config: DeployConfig;
  /** `--team`: the workspace (name or id) when the CLI is logged in to several. */
  team?: string | undefined;
  /** The environment the CLI children inherit (the secrets are removed from it). */
  env: Record<string, string | undefined>;
  write?: (text: string) => void;
}

function childEnv(
  env: Record<string, string | undefined>,
  extra: Record<string, string> = {},
): Record<string, string> {
  const secretNames = new Set<string>(DEPLOY_SECRETS.map((s) => s.name));
  return {
    ...Object.fromEntries(
      Object.entries(env).filter((e): e is [string, string] =>
        e[1] !== undefined && !secretNames.has(e[0])
      ),
    ),
    ...extra,
  };
}

function runSlack(
  args: string[],
  env: Record<string, string>,
  capture: boolean,
  write: (text: string) => void,
): Promise<StepRun | "missing"> {
  return new Promise((resolve) => {
    // stdin stays the admin's terminal: the CLI may ask which workspace to deploy to, or for a prompted secret.
    const child = spawn("slack", args, {
      cwd: ROOT,
      env,
      stdio: ["inherit", capture ? "pipe" : "inherit", "inherit"],
    });
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      write(chunk.toString());
    });
    child.once("error", (error: NodeJS.ErrnoException) => {
      resolve(error.code === "ENOENT" ? "missing" : { code: 1, stdout });
    });
    child.once("close", (code) => resolve({ code, stdout }));
  });
}

/** The URL printed under the setup trigger's name in `slack trigger list` (cmd/triggers sprintTrigger). */
export function findSetupTriggerUrl(listing: string): string | undefined {
  const lines = listing.split(/\r?\n/);
  const start = lines.findIndex((l) => l.includes(SETUP_TRIGGER_NAME));
  if (start < 0) return undefined;
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "") break;
    const url = SHORTCUT_URL.exec(line)?.[0];
    if (url) return url;
  }
  return undefined;
}

const MISSING_CLI =
  "the Slack CLI (`slack`) is not on PATH: install it (https://docs.slack.dev/tools/slack-cli/), log in to your workspace with `slack login`, then run this again.";

export async function deploySlackApp(
  { config, team, env, write = (t) => process.stdout.write(t) }: DeployOptions,
): Promise<DeployResult> {
  const teamArgs = team ? ["--team", team] : [];
  // After `slack deploy` the deployed app is the one to act on, without a prompt asking which.
  const app = ["--app", "deployed", ...teamArgs];
  const secret = config.secrets;
  const steps: Step[] = [
    {
      title: "deploy the app",
      args: ["deploy", ...teamArgs],
      // The manifest is evaluated with these (slack-app/manifest/assert-deploy-config.ts); no secret is.
      env: {
        BRIDGE_URL: config.bridgeUrl,
        PAGERDUTY_OAUTH_CLIENT_ID: config.pagerDutyOAuthClientId,
        PAGERDUTY_REGION: config.region,
        ...(config.pagerDutyApiUrl
          ? { PAGERDUTY_API_URL: config.pagerDutyApiUrl }
          : {}),
      },
      fix:
        "the Slack CLI said why above. Not logged in: `slack login`. Several workspaces: add `-- --team <workspace>`. Slack-hosted apps need a paid plan.",
    },
    {
      title: "store the PagerDuty OAuth client secret",
      args: [
        "external-auth",
        "add-secret",
        "--provider",
        PAGERDUTY_PROVIDER_KEY,
        ...(secret.PAGERDUTY_OAUTH_CLIENT_SECRET
          ? ["--secret", secret.PAGERDUTY_OAUTH_CLIENT_SECRET]
          : []),
        ...app,
      ],
      hidden: [secret.PAGERDUTY_OAUTH_CLIENT_SECRET ?? ""],
      fix:
        "check PAGERDUTY_OAUTH_CLIENT_SECRET (the OAuth app's client secret in PagerDuty, Integrations → App Registration) and that `slack deploy` succeeded.",
    },
    {
      title: "set BRIDGE_URL for the functions",
      args: ["env", "add", "BRIDGE_URL", config.bridgeUrl, ...app],
      fix: "check that the app was deployed (`slack deploy`).",
    },
    {
      title: "set BRIDGE_API_TOKEN for the functions",
      args: [
        "env",
        "add",
        "BRIDGE_API_TOKEN",
        ...(secret.BRIDGE_API_TOKEN
          ? ["--value", secret.BRIDGE_API_TOKEN]
          : []),
        ...app,
      ],
      hidden: [secret.BRIDGE_API_TOKEN ?? ""],
      fix: "check that the app was deployed (`slack deploy`).",
    },
    {
      title: "set PAGERDUTY_REGION for the functions",
      args: ["env", "add", "PAGERDUTY_REGION", config.region, ...app],
      fix: "check that the app was deployed (`slack deploy`).",
    },
    {
      title: "find the Set up pagerslack link",
      args: ["trigger", "list", "--no-color", ...app],
      capture: true,
      fix: "check that the app was deployed (`slack deploy`).",
    },
  ];
  const create: Step = {
    title: "create the Set up pagerslack link",
    args: [
      "trigger",
      "create",
      "--trigger-def",
      SETUP_TRIGGER_DEF,
      "--no-color",
      ...app,
    ],
    capture: true,
    fix:
      "the Slack CLI said why above; the app must be deployed, and you must be allowed to create its triggers.",
  };
  const total = steps.length + 1;
  const shown = (step: Step) =>
    `slack ${
      step.args.map((a) => step.hidden?.includes(a) && a ? "…" : a).join(" ")
    }`;
  const run = async (step: Step, index: number) => {
    write(`\n[${index}/${total}] ${step.title}: ${shown(step)}\n`);
    const result = await runSlack(
      step.args,
      childEnv(env, step.env),
      step.capture ?? false,
      write,
    );
    if (result === "missing") {
      return { ok: false as const, exitCode: 127, message: MISSING_CLI };
    }
    if (result.code !== 0) {
      return {
        ok: false as const,
        exitCode: 1,
        message: `step ${index} of ${total} (${step.title}: \`${
          shown(step)
        }\`) failed with exit code ${result.code}: ${step.fix} Then run \`npm run deploy:slack-app\` again: every step is safe to repeat.`,
      };
    }
    return { ok: true as const, stdout: result.stdout };
  };

  let listing = "";
  for (const [i, step] of steps.entries()) {
    const result = await run(step, i + 1);
    if (!result.ok) return result;
    listing = result.stdout;
  }
  const existing = findSetupTriggerUrl(listing);
  if (existing) {
    write(`\n[${total}/${total}] the Set up pagerslack link exists already\n`);
    return { ok: true, setupTriggerUrl: existing, created: false };
  }
  const created = await run(create, total);
  if (!created.ok) return created;
  const url = SHORTCUT_URL.exec(created.stdout)?.[0];
  if (!url) {
    return {
      ok: false,
      exitCode: 1,
      message: `step ${total} of ${total}: \`${
        shown(create)
      }\` succeeded but printed no link (https://slack.com/shortcuts/…): run \`slack trigger list --app deployed\` and open the "${SETUP_TRIGGER_NAME}" link.`,
    };
  }
  return { ok: true, setupTriggerUrl: url, created: true };
}

interface CliArgs {
  config?: string;
  team?: string;
  promptSecrets: boolean;
  problems: string[];
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = { promptSecrets: false, problems: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const next = () => inline ?? argv[++i];
    if (flag === "--config") out.config = next();
    else if (flag === "--team") out.team = next();
    else if (flag === "--prompt-secrets") out.promptSecrets = true;
    else {
      out.problems.push(
        `unknown argument ${flag} (secrets go in the environment or the --config file, never on the command line)`,
      );
    }
  }
  if ("config" in out && !out.config) {
    out.problems.push("--config needs a file");
  }
  if ("team" in out && !out.team) out.problems.push("--team needs a workspace");
  return out;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const fail = (lines: string[]) => {
    for (const line of lines) {
      process.stderr.write(`deploy:slack-app: ${line}\n`);
    }
  };
  if (args.problems.length > 0) {
    fail(args.problems);
    return 2;
  }
  const read = readDeployConfig({
    env: process.env,
    configFile: args.config,
    promptSecrets: args.promptSecrets,
  });
  if (!read.ok) {
    fail(read.problems);
    return 2;
  }
  fail(read.config.warnings);
  if (!args.promptSecrets) {
    process.stderr.write(
      "deploy:slack-app: the Slack CLI takes PAGERDUTY_OAUTH_CLIENT_SECRET and BRIDGE_API_TOKEN only as arguments, so they are on its command line while those two steps run (--prompt-secrets lets it ask you instead)\n",
    );
  }
  const result = await deploySlackApp({
    config: read.config,
    team: args.team,
    env: process.env,
  });
  if (!result.ok) {
    fail([result.message]);
    return result.exitCode;
  }
  process.stdout.write(
    `\nDone. Open this link in Slack as a workspace admin (paste it in a message to yourself and click it) and press Set up:\n\n  ${result.setupTriggerUrl}\n\n`,
  );
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
