// The `smoke` command line: `cli.ts smoke --live --channel C… --service P… [--from EMAIL] [--bridge-url URL]
// [--api-token-file F] [--wait-seconds N]`, with the bridge's own environment (bridge/config/). It talks to the
// real services, so it refuses to run without --live and an explicit test channel and service.
import { parseApiTokens } from "../api/api-token-teams.ts";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../config/load-config.ts";
import { createPagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { createSlackClient } from "../slack/slack-client.ts";
import { runSmoke } from "./run-smoke.ts";
import { bridgeApi, pagerDutyRest } from "./smoke-http.ts";
import { formatSmokeTable } from "./smoke-step.ts";

export const SMOKE_USAGE =
  "cli.ts smoke --live --channel <test channel id> --service <test service id> --from <PagerDuty user email> [--bridge-url <bridge URL>] [--api-token-file <file holding the app's BRIDGE_API_TOKEN>] [--wait-seconds <n>]";

/** What the command prints and the exit status: 0 every step passed, 1 a step failed, 2 bad usage. */
export interface SmokeOutcome {
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

const usage = (problem: string): SmokeOutcome => ({
  code: 2,
  stdout: "",
  stderr: `smoke: ${problem}\nusage: ${SMOKE_USAGE}\n`,
});

export async function smokeCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<SmokeOutcome> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        live: { type: "boolean" },
        channel: { type: "string" },
        service: { type: "string" },
        from: { type: "string" },
        "bridge-url": { type: "string" },
        "api-token-file": { type: "string" },
        "wait-seconds": { type: "string" },
      },
    }));
  } catch (error) {
    return usage((error as Error).message);
  }
  const missing = (["live", "channel", "service", "from"] as const).filter((
    o,
  ) => !values[o]);
  if (missing.length > 0) {
    return usage(
      `refusing to run without ${
        missing.map((o) => `--${o}`).join(", ")
      } (it posts in the test channel and creates an incident on the test service)`,
    );
  }
  const waitSeconds = Number(values["wait-seconds"] ?? "30");
  if (!Number.isFinite(waitSeconds) || waitSeconds <= 0) {
    return usage("--wait-seconds takes a positive number");
  }
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    return {
      code: 2,
      stdout: "",
      stderr: loaded.problems.map((p) => `configuration error: ${p}\n`).join(
        "",
      ),
    };
  }
  const config = loaded.config;
  // The smoke's own calls (temporary connection, trigger registry) use one of the bridge's accepted tokens.
  const apiToken = parseApiTokens(config.apiTokens)[0]?.token;
  if (!config.pagerDutyApiToken || !apiToken) {
    return usage(
      "the smoke needs PAGERDUTY_API_TOKEN and PAGERSLACK_API_TOKENS in the bridge's environment",
    );
  }
  const slackBotToken = config.slackBotToken;
  if (!slackBotToken) {
    return usage(
      "the smoke posts with SLACK_BOT_TOKEN: set it to the bot token of the workspace to test",
    );
  }
  const appToken = readAppToken(values["api-token-file"], env);
  if (!appToken.ok) return usage(appToken.problem);
  // Without --bridge-url: the bridge on this host (inside its container), any subscription to …/webhooks/pagerduty.
  const publicUrl = values["bridge-url"]?.replace(/\/$/, "") ?? null;
  const bridgeUrl = publicUrl ?? `http://127.0.0.1:${config.port}`;
  const steps = await runSmoke({
    slack: createSlackClient({
      token: slackBotToken,
      slackApiUrl: config.slackApiUrl,
    }),
    pagerDuty: createPagerDutyClient({
      apiUrl: config.pagerDutyApiUrl,
      token: config.pagerDutyApiToken,
      maxWaitMs: 60_000,
    }),
    rest: pagerDutyRest(
      config.pagerDutyApiUrl,
      config.pagerDutyApiToken,
      values.from!,
    ),
    bridge: bridgeApi(bridgeUrl, apiToken),
    appBridge: appToken.token === null
      ? null
      : bridgeApi(bridgeUrl, appToken.token),
    channel: values.channel!,
    service: values.service!,
    triggerUrl: config.slackActionsTriggerUrl,
    webhookUrl: publicUrl ? `${publicUrl}/webhooks/pagerduty` : null,
    waitMs: waitSeconds * 1000,
    runId: randomBytes(4).toString("hex"),
  });
  const ok = steps.every((s) => s.ok);
  return {
    code: ok ? 0 : 1,
    stdout: `${formatSmokeTable(steps)}\n`,
    stderr: ok ? "" : "smoke: a step failed; send this table to the project\n",
  };
}

/**
 * The hosted app's token, to see that the bridge accepts it: from a file (a token on the command line would show
 * in the process list) or BRIDGE_API_TOKEN, the app's own name for it; null when neither is given.
 */
function readAppToken(
  file: string | undefined,
  env: NodeJS.ProcessEnv,
): { ok: true; token: string | null } | { ok: false; problem: string } {
  if (file === undefined) {
    return { ok: true, token: env.BRIDGE_API_TOKEN || null };
  }
  let token: string;
  try {
    token = readFileSync(file, "utf8").trim();
  } catch (error) {
    return {
      ok: false,
      problem: `cannot read --api-token-file ${file}: ${
        (error as NodeJS.ErrnoException).code ?? (error as Error).message
      }`,
    };
  }
  return token
    ? { ok: true, token }
    : { ok: false, problem: `--api-token-file ${file} is empty` };
}
