// Card buttons and delivery problems are per workspace, through startBridge, a file database and the simulators:
// workspace A is the SLACK_BOT_TOKEN one, workspace B installed through "Add to Slack". B's cards get their
// buttons when B's hosted app registers its incident-actions trigger (A's cards are not touched); Slack refusing
// the buttons in A, or A's token being revoked, is A's problem only: B keeps its buttons, its channel shows no
// delivery problem, and doctor names A, not B.
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
import {
  type SlackSimulator,
  type SlackWorkspaceControl,
  startSlackSimulator,
} from "../test/simulators/slack/start-slack-simulator.ts";
import type { SimToken } from "../test/simulators/slack/slack-workspace.ts";
import { waitFor } from "../test/e2e/wait-for.ts";
import { registerIncidentActionTrigger } from "../test/support/register-incident-action-trigger.ts";
import { checkCardButtons } from "./commands/check-card-buttons.ts";
import { checkParkedDeliveries } from "./commands/check-parked-deliveries.ts";
import type { BridgeConfig } from "./config/load-config.ts";
import { openDatabase } from "./db/open-database.ts";
import { createInstallationStore } from "./install/installation-store.ts";
import { readButtonsRefusal } from "./outbox/buttons-refused.ts";
import { tokenFingerprint } from "./outbox/delivery-blocks.ts";
import { createSecretBox } from "./secrets/secret-box.ts";
import { DEFAULT_METHOD_BUDGETS } from "./slack/slack-method-budgets.ts";
import { SLACK_SCOPES_USED } from "./slack/slack-methods-used.ts";
import { type RunningBridge, startBridge } from "./start-bridge.ts";

const KEY = "an-encryption-key-of-forty-characters!!";
const API = "per-workspace-token";
const A = "T0SIMTEAM1";
const B = "T0SIMTEAM2";

let pd: PagerDutySimulator;
let account: DemoAccount;
let slack: SlackSimulator;
let b: SlackWorkspaceControl;
let subscription: SimWebhookSubscription;
let botA: SimToken;
let botB: SimToken;
let channelA: string;
let channelB: string;
let triggerA: string;
let triggerB: string;
let dir: string;
let databaseUrl: string;
let bridge: RunningBridge;
const logs: { level: number; msg: string; [k: string]: unknown }[] = [];
const open = () => openDatabase(databaseUrl);

const api = (path: string, method: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${bridge.port}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${API}`,
      "Content-Type": "application/json",
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const connect = (id: string, channelId: string, teamId: string) =>
  api(`/connections/${id}`, "PUT", {
    team_id: teamId,
    channel_id: channelId,
    source_type: "service",
    source_id: account.services.checkout,
    notification_type: "responder",
    events: [],
    urgency: null,
    priorities: null,
    thread_updates: true,
  });

const cardIn = (
  sim: SlackWorkspaceControl,
  channelId: string,
  incidentId: string,
) =>
  sim.transcript(channelId).find((m) =>
    m.metadata?.event_payload?.incident_id === incidentId
  );
const buttonsOf = (
  sim: SlackWorkspaceControl,
  channelId: string,
  incidentId: string,
) => {
  const blocks = JSON.stringify(cardIn(sim, channelId, incidentId)?.blocks);
  return blocks.includes("workflow_button") ? blocks : null;
};
/** chat.update calls Slack took in a workspace's channel. */
const editsIn = (sim: SlackWorkspaceControl, channelId: string) =>
  sim.calls({ method: "chat.update" }).filter((c) =>
    c.args.channel === channelId && c.status === 200 &&
    (c.result as { ok?: boolean }).ok === true
  ).length;

async function withDb<T>(
  work: (db: ReturnType<typeof open>["db"]) => Promise<T>,
): Promise<T> {
  const database = open();
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pagerslack-per-workspace-"));
  pd = await startPagerDutySimulator({
    webhooks: { timeoutMs: 5_000, backoffMs: [5, 30, 120, 600] },
  });
  account = seedDemoAccount(pd);
  slack = await startSlackSimulator();
  b = slack.addWorkspace({ teamId: B, name: "Second Co" });
  const scopes = [...SLACK_SCOPES_USED];
  botA = slack.createToken({ kind: "bot", appId: "ABRIDGE", scopes });
  botB = b.createToken({ kind: "bot", appId: "ABRIDGE", scopes });
  channelA = slack.createChannel({ name: "ops", members: [botA.userId] }).id;
  channelB = b.createChannel({ name: "ops", members: [botB.userId] }).id;
  triggerA = (await registerIncidentActionTrigger(slack)).url;
  triggerB = (await registerIncidentActionTrigger(b)).url;
  subscription = pd.webhooks.subscribe({
    url: "http://127.0.0.1:1/placeholder",
  });

  databaseUrl = `sqlite:${join(dir, "bridge.db")}`;
  const database = open();
  await database.migrate();
  await createInstallationStore(database.db, createSecretBox(KEY)).save({
    teamId: B,
    teamName: "Second Co",
    enterpriseId: null,
    appId: "ABRIDGE",
    botUserId: botB.userId,
    botToken: botB.token,
    scopes,
    installedBy: null,
  }, new Date());
  await database.close();

  const config: BridgeConfig = {
    port: 0,
    host: "127.0.0.1",
    databaseUrl,
    webhookSecrets: [...subscription.secrets],
    pagerDutyApiToken: null,
    pagerDutyApiUrl: pd.url,
    slackBotToken: botA.token,
    slackApiUrl: slack.url,
    slackActionsTriggerUrl: triggerA,
    apiTokens: [API],
    slackSigningSecret: null,
    slackMethodBudgets: DEFAULT_METHOD_BUDGETS,
    retentionDays: 30,
    slackClientId: "1234.5678",
    slackClientSecret: "client-secret",
    encryptionKey: KEY,
    publicUrl: null,
    stormDigestThreshold: 10,
  };
  bridge = await startBridge(config, {
    logger: pino({ level: "info" }, {
      write: (line) => logs.push(JSON.parse(line)),
    }),
    idleMs: 50,
    sender: { postIntervalMs: 50, blockRetryMs: 300, leaseMs: 1000 },
  });
  subscription.url = `http://127.0.0.1:${bridge.port}/webhooks/pagerduty`;
  await waitFor(() =>
    logs.some((l) => l.msg.startsWith("Slack bot token works"))
  );
  expect((await connect("ops-a", channelA, A)).status).toBe(200);
  expect((await connect("ops-b", channelB, B)).status).toBe(200);
});
afterAll(async () => {
  await bridge?.stop();
  await pd?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("per-workspace card buttons and delivery problems", () => {
  it("gives a workspace's open cards their buttons when its hosted app registers its trigger, and leaves the other workspace's cards alone", async () => {
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Checkout latency",
    });
    await pd.webhooks.waitForIdle();
    await waitFor(() =>
      cardIn(slack, channelA, incident.id) && cardIn(b, channelB, incident.id)
    );
    // B's hosted app has not registered its trigger yet: its card has no buttons; A's use SLACK_ACTIONS_TRIGGER_URL.
    expect(buttonsOf(b, channelB, incident.id)).toBeNull();
    expect(buttonsOf(slack, channelA, incident.id)).toContain(triggerA);
    const editsOfA = editsIn(slack, channelA);

    const put = await api("/workflow-triggers", "PUT", {
      team_id: B,
      triggers: [{ name: "incident_action", url: triggerB }],
    });
    expect(put.status).toBe(200);
    await waitFor(() => buttonsOf(b, channelB, incident.id), {
      what: "B's card edited with B's buttons",
    });
    expect(buttonsOf(b, channelB, incident.id)).toContain(triggerB);
    expect(buttonsOf(b, channelB, incident.id)).not.toContain(triggerA);
    expect(editsIn(b, channelB)).toBe(1);
    // A's card was not edited: its buttons did not change.
    expect(editsIn(slack, channelA)).toBe(editsOfA);
    expect(
      logs.some((l) =>
        l.msg ===
          "incident-actions trigger registered: rendering the 1 cards of open incidents in this workspace again" &&
        l.team_id === B
      ),
    ).toBe(true);

    // Registering the same URL again (the setup workflow run twice) edits nothing.
    expect(
      (await api("/workflow-triggers", "PUT", {
        team_id: B,
        triggers: [{ name: "incident_action", url: triggerB }],
      })).status,
    ).toBe(200);
    const incident2 = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "A later one, so the sender has run",
    });
    await pd.webhooks.waitForIdle();
    await waitFor(() => cardIn(b, channelB, incident2.id));
    expect(editsIn(b, channelB)).toBe(1);
  });

  it("remembers Slack refusing the buttons in A for A only: B's cards keep theirs, doctor names A", async () => {
    slack.workspace.refuseWorkflowButtonsFromClassicApps = true;
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Payments slow",
    });
    await pd.webhooks.waitForIdle();
    await waitFor(() =>
      cardIn(slack, channelA, incident.id) && cardIn(b, channelB, incident.id)
    );
    expect(buttonsOf(slack, channelA, incident.id)).toBeNull();
    expect(buttonsOf(b, channelB, incident.id)).toContain(triggerB);
    await waitFor(() =>
      logs.some((l) =>
        l.level === 50 &&
        l.msg.startsWith(
          "Slack refused the card buttons (chat.postMessage: invalid_blocks) in the SLACK_BOT_TOKEN workspace",
        )
      )
    );
    expect(await withDb((db) => readButtonsRefusal(db))).toMatchObject({
      value: { method: "chat.postMessage", error: "invalid_blocks" },
    });
    expect(await withDb((db) => readButtonsRefusal(db, B))).toBeNull();

    // Later cards in B still carry buttons; A's go out without trying.
    const later = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Payments slower",
    });
    await pd.webhooks.waitForIdle();
    await waitFor(() =>
      cardIn(slack, channelA, later.id) && cardIn(b, channelB, later.id)
    );
    expect(buttonsOf(b, channelB, later.id)).toContain(triggerB);
    expect(buttonsOf(slack, channelA, later.id)).toBeNull();

    const buttons = await checkCardButtons(open, triggerA);
    expect(buttons).toEqual([
      expect.objectContaining({
        ok: false,
        workspace: "default",
        detail: expect.stringContaining(
          "Slack refused the card buttons in the SLACK_BOT_TOKEN workspace (chat.postMessage: invalid_blocks)",
        ),
      }),
      {
        name: "card buttons",
        ok: true,
        workspace: B,
        detail:
          "workspace Second Co (T0SIMTEAM2): its hosted app registered the incident-actions trigger, and Slack has not refused the buttons",
      },
    ]);
    slack.workspace.refuseWorkflowButtonsFromClassicApps = false;
  });

  it("shows A's revoked token as a problem of A's channels only", async () => {
    slack.revokeToken(botA.token);
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Search down",
    });
    await pd.webhooks.waitForIdle();
    await waitFor(() => cardIn(b, channelB, incident.id));
    await waitFor(() =>
      logs.some((l) =>
        l.level === 50 && l.msg.includes("Slack refused the bot token")
      )
    );
    const problem = async (channelId: string) =>
      ((await (await api(`/connections?channel_id=${channelId}`, "GET"))
        .json()) as { delivery_problem: unknown }).delivery_problem;
    expect(await problem(channelB)).toBeNull();
    expect(await problem(channelA)).toMatchObject({
      scope: "workspace",
      // What Slack answers a revoked token's calls (the simulator as Slack).
      error: "invalid_auth",
      parked_jobs: 1,
    });

    const parked = await checkParkedDeliveries(
      open,
      tokenFingerprint(botA.token),
      A,
    );
    expect(parked).toEqual([
      expect.objectContaining({
        ok: false,
        workspace: "default",
        detail: expect.stringMatching(
          /^Slack refused the bot token \(invalid_auth\) since .*: 1 cards and updates wait, webhooks are still accepted \(other workspaces are not affected\)\. Set SLACK_BOT_TOKEN/,
        ),
      }),
    ]);
    expect(JSON.stringify(parked)).not.toContain(B);
    slack.workspace.tokens.set(botA.token, botA);
  });

  it("an installed workspace's refusal is its own, and ends when its hosted app registers its trigger again", async () => {
    b.workspace.refuseWorkflowButtonsFromClassicApps = true;
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Login errors",
    });
    await pd.webhooks.waitForIdle();
    await waitFor(() =>
      cardIn(b, channelB, incident.id) && cardIn(slack, channelA, incident.id)
    );
    expect(buttonsOf(b, channelB, incident.id)).toBeNull();
    // A's refusal (the test before) is still A's: its cards stay without buttons until A is retried.
    expect(buttonsOf(slack, channelA, incident.id)).toBeNull();
    await waitFor(() =>
      logs.some((l) =>
        l.level === 50 &&
        l.msg.startsWith(
          "Slack refused the card buttons (chat.postMessage: invalid_blocks) in workspace T0SIMTEAM2",
        )
      )
    );
    expect(await withDb((db) => readButtonsRefusal(db, B))).not.toBeNull();
    expect(await checkCardButtons(open, triggerA)).toContainEqual(
      expect.objectContaining({
        ok: false,
        workspace: B,
        detail: expect.stringContaining(
          `Slack refused the card buttons in workspace Second Co (T0SIMTEAM2) (chat.postMessage: invalid_blocks)`,
        ),
      }),
    );

    // The admin fixes what Slack objected to and runs "Set up pagerslack" again: same URL, registered again.
    b.workspace.refuseWorkflowButtonsFromClassicApps = false;
    const openCardsOfB = new Set(
      b.transcript(channelB).map((m) => m.metadata?.event_payload?.incident_id)
        .filter(Boolean),
    ).size;
    expect(
      (await api("/workflow-triggers", "PUT", {
        team_id: B,
        triggers: [{ name: "incident_action", url: triggerB }],
      })).status,
    ).toBe(200);
    expect(await withDb((db) => readButtonsRefusal(db, B))).toBeNull();
    expect(
      logs.filter((l) =>
        l.team_id === B && l.refusal_forgotten === true &&
        l.msg.startsWith(
          `incident-actions trigger registered: rendering the ${openCardsOfB} cards`,
        )
      ),
    ).toHaveLength(1);
    await waitFor(() => buttonsOf(b, channelB, incident.id), {
      what: "B's card edited with its buttons back",
    });
    expect(buttonsOf(b, channelB, incident.id)).toContain(triggerB);
    // Registering B's trigger lifted nothing of A's.
    expect(await withDb((db) => readButtonsRefusal(db))).not.toBeNull();
  });
});
