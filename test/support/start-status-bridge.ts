// The real bridge (startBridge, a file database) over both simulators, configured the way item 5 of issue 16
// allows: a full-access PagerDuty key, BRIDGE_PUBLIC_URL and PAGERSLACK_ENCRYPTION_KEY, no
// PAGERDUTY_WEBHOOK_SECRETS. Seeded with what the status page shows (seed-status-data.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../simulators/pagerduty/start-pagerduty-simulator.ts";
import {
  type DemoAccount,
  seedDemoAccount,
} from "../simulators/pagerduty/seed-demo-account.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../simulators/slack/start-slack-simulator.ts";
import type { BridgeConfig } from "../../bridge/config/load-config.ts";
import { openDatabase } from "../../bridge/db/open-database.ts";
import { createSecretBox } from "../../bridge/secrets/secret-box.ts";
import { DEFAULT_METHOD_BUDGETS } from "../../bridge/slack/slack-method-budgets.ts";
import { SLACK_SCOPES_USED } from "../../bridge/slack/slack-methods-used.ts";
import { type RunningBridge, startBridge } from "../../bridge/start-bridge.ts";
import { seedStatusData } from "./seed-status-data.ts";

export const STATUS_API_TOKEN = "status-page-api-token-0123456789";
export const STATUS_ENCRYPTION_KEY = "status-page-encryption-key-0123456789";

export interface StatusBridge {
  url: string;
  bridge: RunningBridge;
  pd: PagerDutySimulator;
  account: DemoAccount;
  slack: SlackSimulator;
  databaseUrl: string;
  dir: string;
  logs: { level: number; msg: string }[];
  stop(): Promise<void>;
}

/** A port free a moment ago: BRIDGE_PUBLIC_URL must name it before the bridge listens. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startStatusBridge(): Promise<StatusBridge> {
  const dir = mkdtempSync(join(tmpdir(), "pagerslack-status-"));
  const pd = await startPagerDutySimulator({
    webhooks: { timeoutMs: 5_000, backoffMs: [5, 30, 120, 600] },
  });
  const account = seedDemoAccount(pd);
  const slack = await startSlackSimulator();
  const token = slack.createToken({
    kind: "bot",
    appId: "ABRIDGE",
    scopes: [...SLACK_SCOPES_USED],
  });
  const databaseUrl = `sqlite:${join(dir, "bridge.db")}`;
  const seeding = openDatabase(databaseUrl);
  await seeding.migrate();
  await seedStatusData(
    seeding.db,
    createSecretBox(STATUS_ENCRYPTION_KEY),
    new Date(),
  );
  await seeding.close();
  const port = await freePort();
  const config: BridgeConfig = {
    port,
    host: "127.0.0.1",
    databaseUrl,
    webhookSecrets: [],
    pagerDutyApiToken: account.apiKey,
    pagerDutyApiUrl: pd.url,
    slackBotToken: token.token,
    slackApiUrl: slack.url,
    slackActionsTriggerUrl: null,
    apiTokens: [STATUS_API_TOKEN],
    slackSigningSecret: null,
    slackMethodBudgets: DEFAULT_METHOD_BUDGETS,
    retentionDays: 30,
    slackClientId: null,
    slackClientSecret: null,
    encryptionKey: STATUS_ENCRYPTION_KEY,
    publicUrl: `http://127.0.0.1:${port}`,
    stormDigestThreshold: 10,
  };
  const logs: { level: number; msg: string }[] = [];
  const logger = pino({ level: "info" }, {
    write: (line) => logs.push(JSON.parse(line)),
  });
  const bridge = await startBridge(config, {
    logger,
    idleMs: 50,
    sender: { postIntervalMs: 50 },
  });
  return {
    url: `http://127.0.0.1:${bridge.port}`,
    bridge,
    pd,
    account,
    slack,
    databaseUrl,
    dir,
    logs,
    async stop() {
      await bridge.stop();
      await pd.close();
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
