// `npm run demo`: the whole product on loopback — PagerDuty and Slack simulators, the real bridge (child
// process, SQLite in a temporary folder) and the hosted app's workflows — plays a short incident lifecycle with
// button presses and prints the channels as people read them. `npm run demo -- --keep` leaves it running.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROLE_NAMES } from "../../shared/pagerduty/role-names.ts";
import { answer, fillMoreAction } from "../e2e/fill-more-action.ts";
import { type Stack, startStack } from "../e2e/start-stack.ts";
import { registerSlackSdkSpecifiers } from "../../scripts/register-slack-sdk-specifiers.ts";
import { renderChannel } from "./render-channel.ts";
import { submitView } from "../slack-app/submit-view.ts";

registerSlackSdkSpecifiers();

const keep = process.argv.includes("--keep");
const say = (text = "") => process.stdout.write(`${text}\n`);
const step = (text: string) => say(`▶ ${text}`);

function describeAccount(s: Stack): void {
  const { state } = s.pd;
  const userName = (id: string) => state.users.get(id)?.name ?? id;
  const target = (t: { type: string; id: string }) =>
    t.type === "schedule"
      ? `schedule "${state.schedules.get(t.id)?.name}" (${
        (state.schedules.get(t.id)?.shifts ?? []).map((x) => userName(x.userId))
          .join(", ")
      })`
      : userName(t.id);
  say("PagerDuty account (simulated):");
  for (const service of state.services.values()) {
    const policy = state.escalationPolicies.get(service.escalationPolicyId);
    say(`  service ${service.name} → escalation policy "${policy?.name}"`);
  }
  for (const policy of state.escalationPolicies.values()) {
    say(`  escalation policy "${policy.name}":`);
    policy.levels.forEach((level, i) =>
      say(
        `    level ${i + 1}: ${
          level.targets.map(target).join(", ")
        }, escalates after ${level.delayMinutes} min`,
      )
    );
  }
  say(
    `  users: ${
      [...state.users.values()].map((u) =>
        `${u.name} (${ROLE_NAMES[u.role] ?? u.role})`
      ).join(", ")
    }`,
  );
  say("Slack workspace (simulated):");
  say(
    `  #inc-checkout: connected to Checkout as a responder channel (buttons, updates in threads)`,
  );
  say(
    `  #checkout-status: connected to Checkout as a stakeholder channel (no buttons, resolutions only)`,
  );
  say(
    `  Rui Responder and Maya Manager linked their PagerDuty accounts; Nina Newcomer has not.`,
  );
  say();
}

async function playLifecycle(s: Stack): Promise<void> {
  const channel = s.channels.responders;
  const rui = s.demo.users.responder;
  s.link("responder");
  s.link("manager");

  step(
    'PagerDuty: the monitoring integration triggers "Checkout error rate above 5%" on Checkout',
  );
  const incident = s.pd.triggerIncident({
    serviceId: s.demo.services.checkout,
    title: "Checkout error rate above 5%",
    urgency: "high",
  });
  await s.waitForCard(channel, incident.id);
  step("the bridge posts the card in #inc-checkout and #checkout-status");
  await s.waitForCard(s.channels.stakeholders, incident.id);

  step("Nina Newcomer clicks [Acknowledge] (she never linked PagerDuty)");
  const nina = await s.pressButton({
    user: "newcomer",
    incidentId: incident.id,
    action: "acknowledge",
    channelId: channel,
  });
  if (nina.pendingAuthorization) {
    say(
      "    Slack asks her to connect her PagerDuty account first; nothing runs until she does.",
    );
  }

  step(`${rui.name} clicks [Acknowledge]`);
  await s.pressButton({
    user: "responder",
    incidentId: incident.id,
    action: "acknowledge",
    channelId: channel,
  });
  await s.waitForCard(
    channel,
    incident.id,
    (_, text) => text.includes(`Acknowledged by ${rui.name}`),
  );

  step(
    'Maya Manager clicks [More actions…] → "Change priority" → P1',
  );
  const more = await s.pressButton({
    user: "manager",
    incidentId: incident.id,
    action: "more",
    channelId: channel,
  });
  await fillMoreAction(more, "priority", {
    choice: answer.choice(s.demo.priorities.P1),
  });
  await s.waitForCard(
    channel,
    incident.id,
    (_, text) => text.includes("Priority: P1"),
  );

  step(
    `${rui.name} clicks [Resolve] and writes a resolution note`,
  );
  const resolve = await s.pressButton({
    user: "responder",
    incidentId: incident.id,
    action: "resolve",
    channelId: channel,
  });
  await submitView(resolve, {
    values: {
      resolution: {
        resolution_note: {
          type: "plain_text_input",
          value: "Rolled back the 14:02 deploy; error rate back to 0.1%",
        },
      },
    },
  });
  await s.waitForCard(
    channel,
    incident.id,
    (_, text) => text.includes(`Resolved by ${rui.name}`),
  );
  await s.waitForQuiet();
  step(
    `PagerDuty now says: #${incident.number} ${
      s.pd.incident(incident.id)?.status
    }, last changed by ${rui.name}`,
  );
  say();
}

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

const stack = await startStack({ logLevel: "error" });
let exitCode = 0;
try {
  say("pagerslack demo: PagerDuty ⇄ bridge ⇄ Slack, all on this machine");
  say();
  describeAccount(stack);
  await playLifecycle(stack);
  say(renderChannel(stack.slack, stack.channels.responders));
  say();
  say(renderChannel(stack.slack, stack.channels.stakeholders));
  say();
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
