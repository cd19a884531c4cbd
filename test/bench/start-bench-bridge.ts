// The real bridge entry point, built (`dist/bridge/main.js`, what the container runs), as a child process on a
// fresh SQLite file, wired to an in-process Slack simulator with a bot that is a member of `channels` channels,
// each connected to one PagerDuty service (cards only: no update messages, so every Slack call is a card post or
// edit).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../simulators/slack/start-slack-simulator.ts";
import { registerIncidentActionTrigger } from "../support/register-incident-action-trigger.ts";
import { BENCH_ENTRIES } from "./build-bench-entries.ts";
import { containerNodeFlags } from "./container-node-flags.ts";
import { type BenchProcess, startBenchProcess } from "./start-bench-process.ts";

const ROOT = new URL("../../", import.meta.url);
export const BENCH_SECRET = "pagerslack-bench-webhook-secret";
const API_TOKEN = "pagerslack-bench-api-token";

export interface BenchBridge {
  bridge: BenchProcess;
  slack: SlackSimulator;
  /** Channel id of each connected service id. */
  channelOf: Map<string, string>;
  close(): Promise<void>;
}

export interface StartBenchBridgeOptions {
  /** One channel per service, connected as a responder channel. */
  serviceIds?: readonly string[];
  rateLimits?: "off" | "realistic";
  logLevel?: string;
  /** Node flags for the bridge; default: the container's, plus a CPU profile when BENCH_CPU_PROF_DIR is set. */
  nodeArgs?: readonly string[];
  /** PAGERDUTY_API_URL and PAGERDUTY_API_TOKEN: enrichment and the reconciler on, against this simulator. */
  pagerDuty?: { url: string; token: string };
}

/** The container's flags (Dockerfile CMD), and a CPU profile per run when BENCH_CPU_PROF_DIR is set. */
function defaultNodeArgs(): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  return [
    ...containerNodeFlags(),
    ...(dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : []),
  ];
}

export async function startBenchBridge(
  {
    serviceIds = [],
    rateLimits = "off",
    logLevel = "info",
    nodeArgs = defaultNodeArgs(),
    pagerDuty,
  }: StartBenchBridgeOptions = {},
): Promise<BenchBridge> {
  const slack = await startSlackSimulator({ rateLimits });
  // Cards carry buttons of the hosted app's incident-actions trigger: Slack takes them only for a trigger that
  // exists (otherwise the bridge would post every card twice, the second time without buttons).
  const actionsTrigger = await registerIncidentActionTrigger(slack).catch(
    async (error: unknown) => {
      await slack.close();
      throw error;
    },
  );
  const manifest = JSON.parse(
    readFileSync(new URL("bridge/slack-app-manifest.json", ROOT), "utf8"),
  ) as { oauth_config: { scopes: { bot: string[] } } };
  const bot = slack.createToken({
    kind: "bot",
    appId: "A0PSBENCH",
    scopes: manifest.oauth_config.scopes.bot,
    botName: "pagerslack",
  });
  const dir = mkdtempSync(join(tmpdir(), "pagerslack-bench-"));
  let bridge: BenchProcess;
  try {
    bridge = await startBenchProcess({
      entry: BENCH_ENTRIES.bridge,
      nodeArgs,
      env: {
        DATABASE_URL: `sqlite:${join(dir, "pagerslack.db")}`,
        PAGERDUTY_WEBHOOK_SECRETS: BENCH_SECRET,
        SLACK_BOT_TOKEN: bot.token,
        SLACK_API_URL: slack.url,
        SLACK_ACTIONS_TRIGGER_URL: actionsTrigger.url,
        PAGERSLACK_API_TOKENS: API_TOKEN,
        LOG_LEVEL: logLevel,
        // With the simulator's limits off, the bridge's own pacing of Slack's tiers is off too: what is left
        // is the pipeline's latency.
        ...(rateLimits === "off" ? { SLACK_METHOD_BUDGETS: "off" } : {}),
        ...(pagerDuty
          ? {
            PAGERDUTY_API_URL: pagerDuty.url,
            PAGERDUTY_API_TOKEN: pagerDuty.token,
          }
          : {}),
      },
    });
  } catch (error) {
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const close = async () => {
    await bridge.stop();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const channelOf = new Map<string, string>();
  try {
    for (const [i, serviceId] of serviceIds.entries()) {
      const channel = slack.createChannel({
        name: `bench-${i}`,
        members: [bot.userId],
      });
      channelOf.set(serviceId, channel.id);
      const response = await fetch(
        `${bridge.url}/api/v1/connections/bench-${i}`,
        {
          method: "PUT",
          headers: {
            Authorization: `Bearer ${API_TOKEN}`,
            "Content-Type": "application/json",
          },
          body: JSON.stringify({
            channel_id: channel.id,
            source_type: "service",
            source_id: serviceId,
            notification_type: "responder",
            events: [],
            urgency: null,
            priorities: null,
            thread_updates: true,
          }),
        },
      );
      if (response.status !== 200) {
        throw new Error(
          `connecting ${serviceId}: ${response.status} ${await response
            .text()}`,
        );
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { bridge, slack, channelOf, close };
}
