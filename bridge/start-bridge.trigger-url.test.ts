// The deploy order an installer follows: the bridge first, without SLACK_ACTIONS_TRIGGER_URL (the Slack app's
// deployment needs the bridge's URL), then the app, then the trigger URL and a restart. Through startBridge, a
// file database and the simulators: cards start without buttons, and the open one gains them at the restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import {
  type DemoAccount,
  seedDemoAccount,
} from "../test/simulators/pagerduty/seed-demo-account.ts";
import type { SimWebhookSubscription } from "../test/simulators/pagerduty/simulator-state.ts";
import { renderBlocks } from "../test/simulators/slack/render-transcript.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../test/simulators/slack/start-slack-simulator.ts";
import type { BridgeConfig } from "./config/load-config.ts";
import { openDatabase } from "./db/open-database.ts";
import { DEFAULT_METHOD_BUDGETS } from "./slack/slack-method-budgets.ts";
import { SLACK_SCOPES_USED } from "./slack/slack-methods-used.ts";
import { type RunningBridge, startBridge } from "./start-bridge.ts";
import { waitFor } from "../test/e2e/wait-for.ts";
import { registerIncidentActionTrigger } from "../test/support/register-incident-action-trigger.ts";

const BUTTONS = "[Acknowledge] [Resolve] [More actions…]";

let pd: PagerDutySimulator;
let account: DemoAccount;
let slack: SlackSimulator;
let subscription: SimWebhookSubscription;
let channel: string;
let botToken: string;
let dir: string;
let bridge: RunningBridge | undefined;
const logs: { level: number; msg: string }[] = [];

/** Starts the bridge as the container would, with or without the trigger URL. */
async function start(triggerUrl: string | null) {
  const config: BridgeConfig = {
    port: 0,
    host: "127.0.0.1",
    databaseUrl: `sqlite:${join(dir, "bridge.db")}`,
    webhookSecrets: [...subscription.secrets],
    pagerDutyApiToken: null,
    pagerDutyApiUrl: pd.url,
    slackBotToken: botToken,
    slackApiUrl: slack.url,
    slackActionsTriggerUrl: triggerUrl,
    apiTokens: ["deploy-token"],
    slackSigningSecret: null,
    slackMethodBudgets: DEFAULT_METHOD_BUDGETS,
    retentionDays: 30,
    slackClientId: null,
    slackClientSecret: null,
    encryptionKey: null,
    publicUrl: null,
    stormDigestThreshold: 10,
  };
  const logger = pino({ level: "info" }, {
    write: (line) => logs.push(JSON.parse(line)),
  });
  bridge = await startBridge(config as BridgeConfig, {
    logger,
    idleMs: 50,
    sender: { postIntervalMs: 50 },
  });
  subscription.url = `http://127.0.0.1:${bridge.port}/webhooks/pagerduty`;
  return bridge;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pagerslack-deploy-order-"));
  pd = await startPagerDutySimulator({
    webhooks: { timeoutMs: 5_000, backoffMs: [5, 30, 120, 600] },
  });
  account = seedDemoAccount(pd);
  slack = await startSlackSimulator();
  const token = slack.createToken({
    kind: "bot",
    appId: "ABRIDGE",
    scopes: [...SLACK_SCOPES_USED],
  });
  botToken = token.token;
  channel = slack.createChannel({ name: "ops", members: [token.userId] }).id;
  subscription = pd.webhooks.subscribe({
    url: "http://127.0.0.1:1/placeholder",
  });
});
afterAll(async () => {
  await bridge?.stop();
  await pd?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

const cardOf = (incidentId: string) =>
  slack.transcript(channel).find((m) =>
    m.metadata?.event_payload?.incident_id === incidentId
  );
const shown = (incidentId: string) =>
  renderBlocks(cardOf(incidentId)?.blocks ?? []);

describe("deploying the bridge before the Slack app", () => {
  it("posts cards without buttons, then gives the open ones buttons once the trigger URL is configured", async () => {
    const first = await start(null);
    const warnings = logs.filter((l) =>
      l.level === 40 && l.msg.includes("SLACK_ACTIONS_TRIGGER_URL")
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain("cards are posted without buttons");

    const put = await fetch(
      `http://127.0.0.1:${first.port}/api/v1/connections/ops`,
      {
        method: "PUT",
        headers: {
          Authorization: "Bearer deploy-token",
          "Content-Type": "application/json",
        },
        body: JSON.stringify({
          channel_id: channel,
          source_type: "service",
          source_id: account.services.checkout,
          notification_type: "responder",
          events: [],
          urgency: null,
          priorities: null,
          thread_updates: true,
        }),
      },
    );
    expect(put.status).toBe(200);
    const open = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Checkout latency",
    });
    const done = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Checkout errors",
    });
    await pd.webhooks.waitForIdle();
    await waitFor(() => cardOf(open.id) && cardOf(done.id));
    pd.updateIncident(
      done.id,
      { status: "resolved" },
      account.users.responder.id,
    );
    await pd.webhooks.waitForIdle();
    await waitFor(() =>
      cardOf(done.id)?.metadata?.event_payload?.status === "resolved"
    );
    expect(shown(open.id)).not.toContain(BUTTONS);
    expect(shown(open.id).join("\n")).toContain("in PagerDuty");
    const resolvedBefore = structuredClone(cardOf(done.id));

    // The Slack app is deployed and `slack trigger create` prints the incident-actions trigger's URL.
    const { url: triggerUrl } = await registerIncidentActionTrigger(slack);
    await first.stop();
    bridge = undefined;
    await start(triggerUrl);
    await waitFor(() => shown(open.id).includes(BUTTONS));
    expect(JSON.stringify(cardOf(open.id)?.blocks)).toContain(triggerUrl);
    expect(slack.transcript(channel)).toHaveLength(2);
    // Once the sender has nothing left to do, the resolved card is still as it was.
    const database = openDatabase(`sqlite:${join(dir, "bridge.db")}`);
    try {
      const pending = () =>
        database.db.selectFrom("outbox").select("id")
          .where("status", "=", "pending").execute();
      const deadline = Date.now() + 10_000;
      while ((await pending()).length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await pending()).toEqual([]);
    } finally {
      await database.close();
    }
    expect(cardOf(done.id)).toEqual(resolvedBefore);
  });
});
