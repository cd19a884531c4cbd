// `npm run demo`: the whole product on loopback — PagerDuty and Slack simulators, the real bridge (child
// process, SQLite in a temporary folder) and the hosted app's workflows — plays a short incident lifecycle with
// button presses and prints the channels as people read them. `npm run demo -- --keep` leaves it running.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve as resolvePath } from "node:path";
import { type Stack, startStack } from "../e2e/start-stack.ts";
import { registerSlackSdkSpecifiers } from "../../scripts/register-slack-sdk-specifiers.ts";
import { renderChannel } from "./render-channel.ts";
import {
  describeAccount,
  dmChannelOf,
  playLifecycle,
  prepareAccount,
} from "./demo-lifecycle.ts";
import {
  HANDOFF_BRIDGE_ENV,
  movableClock,
  playHandoff,
} from "./demo-handoff.ts";
import { renderDemoPage } from "../simulators/slack/render-html.ts";
import { screenshotChannel } from "./demo-browser.ts";

registerSlackSdkSpecifiers();

const keep = process.argv.includes("--keep");
/** `--html FILE` / `--screenshot FILE`: the value after the flag, refused when missing. */
function fileArgument(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  if (at === -1) return undefined;
  const value = process.argv[at + 1];
  if (!value || value.startsWith("--")) {
    process.stderr.write(`${flag} needs a file name, e.g. ${flag} demo.html\n`);
    process.exit(2);
  }
  return resolvePath(value);
}
const htmlFile = fileArgument("--html");
const screenshotFile = fileArgument("--screenshot");
const say = (text = "") => process.stdout.write(`${text}\n`);

function printKeepInstructions(s: Stack): void {
  // A ready-made signed webhook: the shape PagerDuty sends, for a new incident on Checkout.
  const sample = s.pd.webhooks.deliveries().find((d) =>
    d.eventType === "incident.triggered"
  );
  const dir = mkdtempSync(join(tmpdir(), "pagerslack-demo-"));
  const file = join(dir, "incident-triggered.json");
  if (sample) {
    const body = JSON.parse(sample.body) as {
      event: { id: string; occurred_at: string; data: Record<string, unknown> };
    };
    body.event.id = "01DEMOCURLEVENT0000000001";
    body.event.occurred_at = new Date().toISOString();
    Object.assign(body.event.data, {
      id: "QDEMOCURL0001",
      number: 9001,
      title: "Sent by hand with curl",
    });
    writeFileSync(file, JSON.stringify(body));
  }
  say("The stack keeps running (Ctrl-C stops it):");
  say(`  bridge              ${s.bridge.url}  (/healthz /readyz /metrics)`);
  say(`  PagerDuty simulator ${s.pd.url}  (REST API v2, API key demo-api-key)`);
  say(`  Slack simulator     ${s.slack.url}`);
  say(
    `  Slack channels page ${s.slack.demoPageUrl}  (open it in a browser: live)`,
  );
  say();
  say("Trigger an incident through PagerDuty's REST API (the simulator then");
  say("delivers the signed webhook to the bridge):");
  say(`  curl -s -X POST ${s.pd.url}/incidents \\`);
  say(`    -H 'Authorization: Token token=${s.demo.apiKey}' \\`);
  say(`    -H 'Accept: application/vnd.pagerduty+json;version=2' \\`);
  say(`    -H 'Content-Type: application/json' \\`);
  say(`    -H 'From: ${s.demo.users.manager.email}' \\`);
  say(
    `    -d '{"incident":{"type":"incident","title":"Disk full on db-1","service":{"id":"${s.demo.services.checkout}","type":"service_reference"}}}'`,
  );
  say();
  say("Or send your own signed V3 webhook straight to the bridge:");
  say(`  SECRET='${s.webhookSecret}'`);
  say(`  BODY=${file}`);
  say(
    `  SIG=$(openssl dgst -sha256 -hmac "$SECRET" < "$BODY" | sed 's/^.*= //')`,
  );
  say(`  curl -i -X POST ${s.bridge.url}/webhooks/pagerduty \\`);
  say(`    -H 'Content-Type: application/json' \\`);
  say(`    -H "X-PagerDuty-Signature: v1=$SIG" \\`);
  say(`    --data-binary @"$BODY"`);
  say();
  say("New messages in the connected channels are printed below as they come.");
}

/** In --keep mode: reprint a channel whenever what a person would see there changes. */
function watchChannels(s: Stack): () => void {
  const last = new Map<string, string>();
  for (const id of [s.channels.responders, s.channels.stakeholders]) {
    last.set(id, renderChannel(s.slack, id));
  }
  const timer = setInterval(() => {
    for (const [id, before] of last) {
      const now = renderChannel(s.slack, id);
      if (now !== before) {
        last.set(id, now);
        say();
        say(now);
      }
    }
  }, 500);
  return () => clearInterval(timer);
}

const pagerDutyClock = movableClock();
const stack = await startStack({
  logLevel: "error",
  bridgeEnv: { ...HANDOFF_BRIDGE_ENV },
  pagerDutyNow: pagerDutyClock.now,
});
let exitCode = 0;
try {
  say("pagerslack demo: PagerDuty ⇄ bridge ⇄ Slack, all on this machine");
  say();
  prepareAccount(stack);
  describeAccount(stack);
  await playLifecycle(stack, {
    // The README's picture: the card while it still has its buttons (acknowledged, P1, thread replies).
    after: async (moment) => {
      if (moment !== "priority-changed" || !screenshotFile) return;
      await stack.waitForQuiet();
      await screenshotChannel(
        stack.slack.demoPageUrl,
        stack.channels.responders,
        screenshotFile,
      );
      say(`    (saved a screenshot of #inc-checkout to ${screenshotFile})`);
    },
  });
  say(renderChannel(stack.slack, stack.channels.responders));
  say();
  say(renderChannel(stack.slack, stack.channels.stakeholders));
  say();
  const dm = dmChannelOf(stack, "responder");
  if (dm) {
    say(renderChannel(stack.slack, dm));
    say();
  }
  const oncallChannel = await playHandoff(stack, pagerDutyClock, say);
  say(renderChannel(stack.slack, oncallChannel));
  say();
  if (htmlFile) {
    writeFileSync(
      htmlFile,
      renderDemoPage(stack.slack.workspace, {
        title: "pagerslack demo: Slack (simulated)",
      }),
    );
    say(`Wrote the channels as a web page to ${htmlFile}`);
  }
} catch (error) {
  exitCode = 1;
  process.stderr.write(
    `demo failed: ${
      error instanceof Error ? error.stack ?? error.message : String(error)
    }\n--- bridge log (last lines) ---\n${
      stack.bridge.logs.slice(-30).join("\n")
    }\n`,
  );
}

if (keep && exitCode === 0) {
  printKeepInstructions(stack);
  const stopWatching = watchChannels(stack);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  stopWatching();
}
await stack.close();
process.exit(exitCode);
