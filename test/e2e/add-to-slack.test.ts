// Issue 16: "Add to Slack" with the real bridge process, configured by environment variables only, and a
// browser played by fetch: open /slack/install (keep its cookie), follow the Add to Slack link to the simulated
// Slack's consent page, submit Allow, follow Slack's redirect back with the cookie; then the workspace removes the
// app and Slack's events make the bridge forget it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInstallationStore } from "../../bridge/install/installation-store.ts";
import { openDatabase } from "../../bridge/db/open-database.ts";
import { createSecretBox } from "../../bridge/secrets/secret-box.ts";
import { findFreePort } from "../find-free-port.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../simulators/slack/start-slack-simulator.ts";
import { addToSlack } from "./add-to-slack-browser.ts";
import {
  type BridgeProcess,
  startBridgeProcess,
} from "./start-bridge-process.ts";

const CLIENT_ID = "4242.4242";
const CLIENT_SECRET = "e2e-client-secret-never-logged";
const SIGNING_SECRET = "e2e-signing-secret";
const KEY = "e2e-encryption-key-0123456789abcdef";

let sim: SlackSimulator;
let bridge: BridgeProcess;
let dir: string;

beforeAll(async () => {
  sim = await startSlackSimulator();
  sim.createUser({ id: "U0ALICE", name: "alice", isAdmin: true });
  const single = sim.createToken({
    kind: "bot",
    scopes: ["chat:write"],
    appId: "A0E2EAPP",
  });
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  dir = mkdtempSync(join(tmpdir(), "pagerslack-install-e2e-"));
  sim.registerOAuthApp({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    appId: "A0E2EAPP",
    signingSecret: SIGNING_SECRET,
    redirectUrls: [`${url}/slack/oauth_redirect`],
    scopes: [],
    eventsUrl: `${url}/slack/events`,
    botName: "PagerSlack",
  });
  bridge = await startBridgeProcess({
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: `sqlite:${join(dir, "pagerslack.db")}`,
    SLACK_BOT_TOKEN: single.token,
    SLACK_API_URL: sim.url,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    PAGERSLACK_ENCRYPTION_KEY: KEY,
    BRIDGE_PUBLIC_URL: url,
    PAGERSLACK_API_TOKENS: "e2e-api-token",
    LOG_LEVEL: "debug",
  });
}, 60_000);

afterAll(async () => {
  await bridge?.stop();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

const installations = async () => {
  const database = openDatabase(`sqlite:${join(dir, "pagerslack.db")}`);
  try {
    return await createInstallationStore(database.db, createSecretBox(KEY))
      .list();
  } finally {
    await database.close();
  }
};

describe("Add to Slack with the bridge process", () => {
  it(
    "installs through the browser flow, then forgets the workspace when it removes the app",
    async () => {
      const done = await addToSlack(bridge.url, { userId: "U0ALICE" });
      const { code, html } = done;
      expect(done.status, html).toBe(200);
      expect(html).toContain("Installed in pagerslack-sim");

      const [installed] = await installations();
      expect(installed).toMatchObject({
        teamId: sim.workspace.teamId,
        installedBy: "U0ALICE",
      });
      const token =
        [...sim.workspace.tokens.values()].find((t) =>
          t.userId === installed!.botUserId
        )!.token;

      // Slack checks the Request URL, then the workspace removes the app.
      expect((await sim.verifyEventsUrl(CLIENT_ID)).verified).toBe(true);
      const deliveries = await sim.uninstallApp(CLIENT_ID);
      expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
      expect(await installations()).toEqual([]);
      const logs = bridge.logs.join("\n");
      expect(logs).toContain("Slack workspace installed");
      expect(logs).toContain("removed the app");
      for (const secret of [token, CLIENT_SECRET, code]) {
        expect(logs).not.toContain(secret);
      }
    },
    60_000,
  );
});
