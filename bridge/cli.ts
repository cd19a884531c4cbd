// Operator commands, next to the server entry point (bridge/main.ts):
//   setup  --url https://bridge.example.com/webhooks/pagerduty [--service P…|--team P…] [--secret-file F]
//   setup  --store | --rotate | --retire P… (the secret kept sealed in the bridge's database; bridge/pagerduty/)
//   doctor [--url https://bridge.example.com/webhooks/pagerduty] [--probe-buttons C…]
//   smoke  --live --channel C… --service P… --from EMAIL [--bridge-url URL] (bridge/commands/smoke-command.ts)
// Both read the same environment as the bridge. Exit code 0 on success, 1 on a failed check, 2 on bad usage.
import { writeFileSync } from "node:fs";
import process from "node:process";
import { parseArgs } from "node:util";
import { loadConfig, loadSetupConfig } from "./config/load-config.ts";
import { openDatabase } from "./db/open-database.ts";
import { tokenFingerprint } from "./outbox/delivery-blocks.ts";
import { createPagerDutyClient } from "./pagerduty/pagerduty-client.ts";
import { redactCredentials } from "../shared/pagerduty/redact-credentials.ts";
import { createSlackClient } from "./slack/slack-client.ts";
import { createPacedSlackClient } from "./slack/paced-slack-client.ts";
import { createPacingGate, pacingGateOptions } from "./slack/pacing-gate.ts";
import { pacingWorkspace } from "./slack/pacing-workspace.ts";
import { runDoctor } from "./commands/run-doctor.ts";
import {
  setupSubscription,
  type SubscriptionFilter,
} from "./commands/setup-subscription.ts";
import { SMOKE_USAGE, smokeCommand } from "./commands/smoke-command.ts";
import { createSecretBox } from "./secrets/secret-box.ts";
import { webhookUrlOf } from "./pagerduty/ensure-webhook-subscription.ts";
import { readStoredWebhookSecrets } from "./pagerduty/webhook-secret-store.ts";
import { setupStoredCommand } from "./commands/setup-stored-command.ts";

const USAGE = `usage:
  cli.ts setup  --url <public webhook URL> [--service <id> | --team <id>] [--secret-file <path>]
  cli.ts setup  --store | --rotate | --retire <subscription id>   (secret kept in the bridge's database)
  cli.ts doctor [--url <public webhook URL>] [--probe-buttons <channel id>]
  ${SMOKE_USAGE}`;

/** How long a command waits for a Slack budget's slot (an operator is watching; the bridge may be busy). */
const COMMAND_SLACK_MAX_WAIT_MS = 60_000;

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function setup(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: "string" },
      service: { type: "string" },
      team: { type: "string" },
      "secret-file": { type: "string" },
      store: { type: "boolean" },
      rotate: { type: "boolean" },
      retire: { type: "string" },
    },
  });
  const modes = [values.store, values.rotate, values.retire !== undefined]
    .filter(Boolean).length;
  if (modes > 1) fail("setup takes one of --store, --rotate, --retire", 2);
  if (modes === 1) {
    if (values.url || values.service || values.team || values["secret-file"]) {
      fail(
        "--store, --rotate and --retire use BRIDGE_PUBLIC_URL; they take no --url, --service, --team or --secret-file",
        2,
      );
    }
    const outcome = await setupStoredCommand(values, process.env);
    process.stdout.write(outcome.stdout);
    process.stderr.write(outcome.stderr);
    process.exitCode = outcome.code;
    return;
  }
  if (!values.url) fail(`setup needs --url\n${USAGE}`, 2);
  if (values.service && values.team) {
    fail("setup takes --service or --team, not both", 2);
  }
  // Only what setup uses: it runs before Slack is set up and before the bridge has a signing secret.
  const loaded = loadSetupConfig(process.env);
  for (const warning of loaded.warnings) {
    process.stderr.write(`configuration warning: ${warning}\n`);
  }
  if (!loaded.ok) {
    fail(loaded.problems.map((p) => `configuration error: ${p}`).join("\n"), 2);
  }
  const token = loaded.config.pagerDutyApiToken;
  // PagerDuty returns the signing secret once: refuse to create a subscription whose secret would be lost or
  // end up in a log collector.
  if (!values["secret-file"] && !process.stdout.isTTY) {
    fail(
      "stdout is not a terminal: pass --secret-file <path> so the signing secret is not lost or logged",
      2,
    );
  }
  const filter: SubscriptionFilter = values.service
    ? { type: "service_reference", id: values.service }
    : values.team
    ? { type: "team_reference", id: values.team }
    : { type: "account_reference" };
  const result = await setupSubscription({
    pagerDuty: createPagerDutyClient({
      apiUrl: loaded.config.pagerDutyApiUrl,
      token,
      // An operator at a terminal: waiting for the rate limit's window (at most a minute) beats failing.
      maxWaitMs: 60_000,
    }),
    url: values.url,
    filter,
  });
  if (result.kind === "exists") {
    process.stdout.write(
      `subscription ${result.id} already delivers to ${values.url} (${
        result.active ? "active" : "disabled"
      }); nothing created. Its secret was shown when it was created.\n`,
    );
    return;
  }
  process.stdout.write(`created webhook subscription ${result.id}\n`);
  if (values["secret-file"]) {
    writeFileSync(values["secret-file"], `${result.secret}\n`, { mode: 0o600 });
    process.stdout.write(
      `signing secret written to ${
        values["secret-file"]
      }; add it to PAGERDUTY_WEBHOOK_SECRETS\n`,
    );
  } else {
    process.stdout.write(
      `signing secret (shown once; add it to PAGERDUTY_WEBHOOK_SECRETS): ${result.secret}\n`,
    );
  }
}

async function doctor(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: "string" },
      // Posts a test card with buttons to this channel (and deletes it): does Slack take the buttons?
      "probe-buttons": { type: "string" },
    },
  });
  const loaded = loadConfig(process.env);
  for (const warning of loaded.warnings) {
    process.stderr.write(`configuration warning: ${warning}\n`);
  }
  if (!loaded.ok) {
    fail(loaded.problems.map((p) => `configuration error: ${p}`).join("\n"));
  }
  const config = loaded.config;
  const slackBotToken = config.slackBotToken;
  if (!slackBotToken) {
    fail(
      'configuration error: this command talks to Slack with SLACK_BOT_TOKEN: set it to the bot token of the workspace to check (the bridge itself runs without it on "Add to Slack" installs)',
    );
  }
  const fingerprint = tokenFingerprint(slackBotToken);
  const unpaced = createSlackClient({
    token: slackBotToken,
    slackApiUrl: config.slackApiUrl,
  });
  // The doctor's calls (one per connected channel, a probe card) spend the running bridge's budgets, so they go
  // through its pacing gate, waiting for a slot where the bridge's outbox would reschedule.
  const auth = await unpaced.call<{ team_id?: string }>("auth.test", {});
  let gateDatabase: ReturnType<typeof openDatabase> | null = null;
  try {
    gateDatabase = openDatabase(config.databaseUrl);
  } catch {
    // The database check reports why; the Slack checks still run, unpaced.
  }
  const slack = gateDatabase
    ? createPacedSlackClient({
      slack: unpaced,
      gate: createPacingGate(
        gateDatabase.db,
        pacingGateOptions(config.slackMethodBudgets),
      ),
      workspace: pacingWorkspace(
        auth.ok ? auth.data.team_id : null,
        fingerprint,
      ),
      maxWaitMs: COMMAND_SLACK_MAX_WAIT_MS,
      unpacedWhenGateFails: true,
    })
    : unpaced;
  const checks = await runDoctor({
    database: () => openDatabase(config.databaseUrl),
    slack,
    slackTokenFingerprint: fingerprint,
    slackActionsTriggerUrl: config.slackActionsTriggerUrl,
    webhookSecretCount: config.webhookSecrets.length,
    storedWebhookSecrets: async () => {
      if (!config.encryptionKey) return null;
      const database = openDatabase(config.databaseUrl);
      try {
        return await readStoredWebhookSecrets(
          database.db,
          createSecretBox(config.encryptionKey),
        );
      } finally {
        await database.close();
      }
    },
    pagerDuty: config.pagerDutyApiToken
      ? createPagerDutyClient({
        apiUrl: config.pagerDutyApiUrl,
        token: config.pagerDutyApiToken,
      })
      : null,
    webhookUrl: values.url ??
      (config.publicUrl ? webhookUrlOf(config.publicUrl) : null),
    probeButtonsChannel: values["probe-buttons"] ?? null,
    botTeam: auth.ok ? auth.data.team_id ?? null : null,
  }).finally(() => gateDatabase?.close());
  for (const check of checks) {
    process.stdout.write(
      `${check.ok ? "ok  " : "FAIL"}  ${check.name}: ${check.detail}\n`,
    );
  }
  if (checks.some((c) => !c.ok)) process.exit(1);
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === "setup") await setup(rest);
  else if (command === "doctor") await doctor(rest);
  else if (command === "smoke") {
    const outcome = await smokeCommand(rest, process.env);
    process.stdout.write(outcome.stdout);
    process.stderr.write(outcome.stderr);
    process.exitCode = outcome.code;
  } else fail(USAGE, 2);
} catch (error) {
  // Foreign messages (PagerDuty's details, network errors) may echo a credential: never print one.
  fail(`${command} failed: ${redactCredentials((error as Error).message)}`);
}
