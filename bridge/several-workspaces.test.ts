// Several Slack workspaces through startBridge, a file database and the simulators: workspace A is the
// SLACK_BOT_TOKEN one, workspace B installed through "Add to Slack" (its installation saved as the install flow
// saves it). One incident → one card in each workspace, each posted with that workspace's bot token and carrying
// that workspace's incident-action trigger; then A's token is revoked mid-incident: B's card still follows the
// incident, A's work is parked with a clear log line and delivered once A works again, nothing lost.
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
import type { BridgeConfig } from "./config/load-config.ts";
import { openDatabase } from "./db/open-database.ts";
import { createInstallationStore } from "./install/installation-store.ts";
import { createSecretBox } from "./secrets/secret-box.ts";
import { DEFAULT_METHOD_BUDGETS } from "./slack/slack-method-budgets.ts";
import { SLACK_SCOPES_USED } from "./slack/slack-methods-used.ts";
import { type RunningBridge, startBridge } from "./start-bridge.ts";
import { waitFor } from "../test/e2e/wait-for.ts";
import { registerIncidentActionTrigger } from "../test/support/register-incident-action-trigger.ts";

const KEY = "an-encryption-key-of-forty-characters!!";
const API = "workspaces-token";
/** A bridge API token limited to workspace B (`T0SIMTEAM2:token` in PAGERSLACK_API_TOKENS). */
const B_ONLY = "b-only-token";

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
let bridge: RunningBridge;
const logs: { level: number; msg: string; [k: string]: unknown }[] = [];

const api = (path: string, method: string, body?: unknown, token = API) =>
  fetch(`http://127.0.0.1:${bridge.port}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const connection = (channelId: string, teamId?: string) => ({
  ...(teamId ? { team_id: teamId } : {}),
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

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pagerslack-workspaces-"));
  pd = await startPagerDutySimulator({
    webhooks: { timeoutMs: 5_000, backoffMs: [5, 30, 120, 600] },
  });
  account = seedDemoAccount(pd);
  slack = await startSlackSimulator();
  b = slack.addWorkspace({ teamId: "T0SIMTEAM2", name: "Second Co" });
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

  const databaseUrl = `sqlite:${join(dir, "bridge.db")}`;
  // Workspace B installed the app ("Add to Slack" saves this; the install flow is bridge/install/'s).
  const database = openDatabase(databaseUrl);
  await database.migrate();
  await createInstallationStore(database.db, createSecretBox(KEY)).save({
    teamId: "T0SIMTEAM2",
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
    apiTokens: [API, `T0SIMTEAM2:${B_ONLY}`],
    slackSigningSecret: null,
    slackMethodBudgets: DEFAULT_METHOD_BUDGETS,
    retentionDays: 30,
    slackClientId: "1234.5678",
    slackClientSecret: "client-secret",
    encryptionKey: KEY,
    publicUrl: null,
    stormDigestThreshold: 10,
  };
  const logger = pino({ level: "info" }, {
    write: (line) => logs.push(JSON.parse(line)),
  });
  bridge = await startBridge(config, {
    logger,
    idleMs: 50,
    sender: { postIntervalMs: 50, blockRetryMs: 300, leaseMs: 1000 },
  });
  subscription.url = `http://127.0.0.1:${bridge.port}/webhooks/pagerduty`;
  await waitFor(() =>
    logs.some((l) => l.msg.startsWith("Slack bot token works"))
  );
});
afterAll(async () => {
  if (process.env.DEBUG_LOGS) {
    for (const l of logs) console.log(JSON.stringify(l).slice(0, 400));
    for (const c of slack.calls()) {
      console.log(
        "CALL",
        c.method,
        c.teamId,
        JSON.stringify(c.result).slice(0, 100),
      );
    }
  }
  await bridge?.stop();
  await pd?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a bridge serving two Slack workspaces", () => {
  it("asks which workspace a connection is in, and checks the channel with that workspace's token", async () => {
    const unnamed = await api(
      "/connections/ops-a",
      "PUT",
      connection(channelA),
    );
    expect(unnamed.status).toBe(400);
    expect(JSON.stringify(await unnamed.json())).toMatch(
      /team_id.*is required: the bridge posts in 2 Slack workspaces \(T0SIMTEAM1, T0SIMTEAM2\)/,
    );
    // A's channel named as B's: B's bot cannot see it.
    const wrong = await api(
      "/connections/ops-a",
      "PUT",
      connection(channelA, "T0SIMTEAM2"),
    );
    expect(wrong.status).toBe(400);

    const a = await api(
      "/connections/ops-a",
      "PUT",
      connection(channelA, "T0SIMTEAM1"),
    );
    expect(a.status).toBe(200);
    expect(await a.json()).toMatchObject({ team_id: "T0SIMTEAM1" });
    const bSaved = await api(
      "/connections/ops-b",
      "PUT",
      connection(channelB, "T0SIMTEAM2"),
    );
    expect(bSaved.status).toBe(200);
    // A token limited to workspace B: only B's connections, never A's.
    const other = await api(
      "/connections/ops-a",
      "PUT",
      connection(channelA, "T0SIMTEAM1"),
      B_ONLY,
    );
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({
      error:
        "this API token is limited to Slack workspace T0SIMTEAM2, not T0SIMTEAM1",
    });
    expect(
      (await api("/connections/ops-a", "DELETE", undefined, B_ONLY)).status,
    )
      .toBe(403);
    const listed = await api("/connections", "GET", undefined, B_ONLY);
    expect(
      ((await listed.json()) as { connections: { id: string }[] }).connections
        .map((c) => c.id),
    ).toEqual(["ops-b"]);
    // It speaks for B without naming it.
    const again = await api(
      "/connections/ops-b",
      "PUT",
      connection(channelB),
      B_ONLY,
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ team_id: "T0SIMTEAM2" });
    expect(
      (await api(
        "/workflow-triggers?team_id=T0SIMTEAM1",
        "GET",
        undefined,
        B_ONLY,
      ))
        .status,
    ).toBe(403);

    const putTriggers = await api("/workflow-triggers", "PUT", {
      team_id: "T0SIMTEAM2",
      triggers: [{ name: "incident_action", url: triggerB }],
    });
    expect(putTriggers.status).toBe(200);
  });

  it("posts one card in each workspace with its own token and trigger; a revoked workspace parks only its own work", async () => {
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Checkout latency",
    });
    await pd.webhooks.waitForIdle();
    await waitFor(() =>
      cardIn(slack, channelA, incident.id) && cardIn(b, channelB, incident.id)
    );
    const posts = slack.calls({ method: "chat.postMessage" });
    const postedIn = (channelId: string) =>
      posts.filter((c) => c.args.channel === channelId && c.status === 200);
    expect(postedIn(channelA).map((c) => c.token)).toEqual([botA.token]);
    expect(postedIn(channelB).map((c) => c.token)).toEqual([botB.token]);
    expect(postedIn(channelB)[0]?.teamId).toBe("T0SIMTEAM2");
    // Each card's buttons start its own workspace's incident-actions workflow.
    expect(JSON.stringify(cardIn(slack, channelA, incident.id)?.blocks))
      .toContain(triggerA);
    expect(JSON.stringify(cardIn(b, channelB, incident.id)?.blocks))
      .toContain(triggerB);
    expect(JSON.stringify(cardIn(b, channelB, incident.id)?.blocks))
      .not.toContain(triggerA);
    // Neither workspace sees the other's card.
    expect(b.transcript(channelB)).toHaveLength(1);
    expect(slack.transcript(channelA)).toHaveLength(1);

    // Workspace A's token is revoked mid-incident.
    slack.revokeToken(botA.token);
    pd.updateIncident(
      incident.id,
      { status: "acknowledged" },
      account.users.responder.id,
    );
    await pd.webhooks.waitForIdle();
    await waitFor(() =>
      cardIn(b, channelB, incident.id)?.metadata?.event_payload?.status ===
        "acknowledged"
    );
    await waitFor(() =>
      logs.some((l) =>
        l.level === 50 && l.msg.includes("Slack refused the bot token")
      )
    );
    expect(
      cardIn(slack, channelA, incident.id)?.metadata?.event_payload?.status,
    )
      .toBe("triggered");

    // Nothing of A's is lost: once A's token works again (reinstalled with the same token here), its parked card
    // edit goes out.
    slack.workspace.tokens.set(botA.token, botA);
    await waitFor(
      () =>
        cardIn(slack, channelA, incident.id)?.metadata?.event_payload
          ?.status ===
          "acknowledged",
      { timeoutMs: 15_000 },
    );
  });

  it("workspace B uninstalled mid-incident: its work parks with its own log line, A's goes on", async () => {
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Checkout errors",
    });
    await pd.webhooks.waitForIdle();
    await waitFor(() =>
      cardIn(slack, channelA, incident.id) && cardIn(b, channelB, incident.id)
    );
    // Uninstalling revokes the workspace's tokens (the install helper also deletes its installation).
    b.revokeToken(botB.token);
    pd.updateIncident(
      incident.id,
      { status: "resolved" },
      account.users.responder.id,
    );
    await pd.webhooks.waitForIdle();
    await waitFor(() =>
      cardIn(slack, channelA, incident.id)?.metadata?.event_payload?.status ===
        "resolved"
    );
    await waitFor(() =>
      logs.some((l) =>
        l.level === 50 &&
        l.msg.includes("Slack refused the bot token of workspace T0SIMTEAM2")
      )
    );
    expect(cardIn(b, channelB, incident.id)?.metadata?.event_payload?.status)
      .toBe("triggered");
  });

  it("creates an incident channel in the workspace of the connection asking, with its token", async () => {
    b.workspace.tokens.set(botB.token, botB); // B installed again
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Payments down",
    });
    await pd.webhooks.waitForIdle();
    await waitFor(() => cardIn(slack, channelA, incident.id));
    const created = await api(
      `/incidents/${incident.id}/channels`,
      "POST",
      { team_id: "T0SIMTEAM2", create: { private: false } },
    );
    expect(created.status).toBe(201);
    const { channel_id } = await created.json() as { channel_id: string };
    expect(b.workspace.channels.has(channel_id)).toBe(true);
    expect(slack.workspace.channels.has(channel_id)).toBe(false);
    expect(b.calls({ method: "conversations.create" }).map((c) => c.token))
      .toEqual([botB.token]);
    // A token limited to B cannot create one in A.
    const refused = await api(
      `/incidents/${incident.id}/channels`,
      "POST",
      { team_id: "T0SIMTEAM1", create: { private: false } },
      B_ONLY,
    );
    expect(refused.status).toBe(403);
  });
});
