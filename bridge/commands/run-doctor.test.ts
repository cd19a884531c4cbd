import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import { seedDemoAccount } from "../../test/simulators/pagerduty/seed-demo-account.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../../test/simulators/slack/start-slack-simulator.ts";
import { seedWorkspace } from "../../test/simulators/slack/seed-workspace.ts";
import { putConnection } from "../connections/connection-store.ts";
import { putWorkflowTriggers } from "../triggers/workflow-trigger-store.ts";
import { openDatabase } from "../db/open-database.ts";
import { createPagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { createSlackClient } from "../slack/slack-client.ts";
import { tokenFingerprint } from "../outbox/delivery-blocks.ts";
import { checkWebhookSecrets, runDoctor } from "./run-doctor.ts";

const run = promisify(execFile);
const HOOK = "https://bridge.example.com/webhooks/pagerduty";
const TRIGGER = "https://slack.com/shortcuts/Ft0123/abcdef";

describe("doctor and setup", () => {
  let pd: PagerDutySimulator;
  let slack: SlackSimulator;
  let demo: ReturnType<typeof seedDemoAccount>;
  let bridgeToken: string;
  let workspace: ReturnType<typeof seedWorkspace>;
  let dir: string;
  let dbUrl: string;

  beforeAll(async () => {
    pd = await startPagerDutySimulator();
    demo = seedDemoAccount(pd);
    slack = await startSlackSimulator();
    workspace = seedWorkspace(slack);
    bridgeToken = workspace.bridgeToken;
    dir = mkdtempSync(join(tmpdir(), "pagerslack-doctor-"));
    dbUrl = `sqlite:${join(dir, "bridge.db")}`;
    const db = openDatabase(dbUrl);
    await db.migrate();
    await db.close();
  });
  afterAll(async () => {
    await pd.close();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function input(overrides: Partial<Parameters<typeof runDoctor>[0]> = {}) {
    return {
      database: () => openDatabase(dbUrl),
      slack: createSlackClient({
        token: bridgeToken,
        slackApiUrl: slack.url,
      }),
      slackTokenFingerprint: tokenFingerprint(bridgeToken),
      slackActionsTriggerUrl: TRIGGER,
      pagerDuty: createPagerDutyClient({ apiUrl: pd.url, token: demo.apiKey }),
      webhookUrl: HOOK,
      ...overrides,
    };
  }
  const failing = (checks: { ok: boolean; name: string }[]) =>
    checks.filter((c) => !c.ok).map((c) => c.name);

  it("names each broken piece and what to do", async () => {
    const checks = await runDoctor(input({
      slack: createSlackClient({
        token: "xoxb-revoked",
        slackApiUrl: slack.url,
      }),
      slackActionsTriggerUrl: "https://example.com/x",
      database: () => openDatabase(`sqlite:${join(dir, "empty.db")}`),
    }));
    expect(failing(checks)).toEqual([
      "database",
      "slack",
      "actions trigger",
      "webhook subscription",
    ]);
    const text = checks.map((c) => c.detail).join("\n");
    expect(text).toContain("invalid_auth");
    expect(text).toContain("SLACK_BOT_TOKEN");
    expect(text).toContain("setup command");
    expect(text).not.toContain("xoxb-revoked");
  });

  it("takes the incident-actions link Set up pagerslack registered when SLACK_ACTIONS_TRIGGER_URL is unset", async () => {
    const url = `sqlite:${join(dir, "registered.db")}`;
    const db = openDatabase(url);
    await db.migrate();
    const actionsLine = async () =>
      (await runDoctor(input({
        database: () => openDatabase(url),
        slackActionsTriggerUrl: null,
      }))).find((c) => c.name === "actions trigger");
    expect(await actionsLine()).toMatchObject({
      ok: false,
      detail: expect.stringContaining('"Set up pagerslack" link is run'),
    });
    await putWorkflowTriggers(
      db.db,
      [{ name: "incident_action", url: TRIGGER }],
      new Date(),
      "T0SECOND",
    );
    await db.close();
    expect(await actionsLine()).toEqual({
      name: "actions trigger",
      ok: true,
      detail:
        'the incident-actions link "Set up pagerslack" registered, for T0SECOND (no SLACK_ACTIONS_TRIGGER_URL override)',
    });
  });

  it("names the connected channels the bot is not in", async () => {
    const url = `sqlite:${join(dir, "channels.db")}`;
    const db = openDatabase(url);
    await db.migrate();
    const connect = (id: string, channel_id: string) =>
      putConnection(db.db, {
        id,
        channel_id,
        source_type: "service",
        source_id: demo.services.checkout,
        notification_type: "responder",
        events: [],
        urgency: null,
        priorities: null,
        thread_updates: true,
      }, new Date());
    await connect("in", workspace.incidents);
    const healthy = await runDoctor(
      input({ database: () => openDatabase(url) }),
    );
    expect(healthy.find((c) => c.name === "connected channels")).toEqual({
      name: "connected channels",
      ok: true,
      detail: "the bot is in all 1",
    });

    await connect("public-outside", workspace.general);
    await connect("private-outside", workspace.hr);
    await db.close();
    const checks = await runDoctor(
      input({ database: () => openDatabase(url) }),
    );
    const channels = checks.find((c) => c.name === "connected channels");
    expect(channels?.ok).toBe(false);
    expect(channels?.detail).toContain(workspace.general);
    expect(channels?.detail).toContain(workspace.hr);
    expect(channels?.detail).not.toContain(workspace.incidents);
    expect(channels?.detail).toContain("/invite @PagerSlack");
  });

  it("says webhooks wait for a signing secret before setup has made one", async () => {
    const checks = await runDoctor(input({ webhookSecretCount: 0 }));
    expect(checks.find((c) => c.name === "webhook secret")).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/answered 503 until one is known/),
    });
    const set = await runDoctor(input({ webhookSecretCount: 2 }));
    expect(set.find((c) => c.name === "webhook secret")?.ok).toBe(true);
  });

  it("says where the signing secrets come from, and when a kept one does not open", async () => {
    const stored = {
      secrets: [{
        subscriptionId: "PSUBNEW",
        url: "https://b.example/webhooks/pagerduty",
        secret: "whsec-never-shown",
        storedAt: "2026-12-02T10:00:00.000Z",
      }],
      unopenable: [],
    };
    const both = await runDoctor(input({
      webhookSecretCount: 1,
      storedWebhookSecrets: () => Promise.resolve(stored),
    }));
    const check = both.find((c) => c.name === "webhook secret");
    expect(check).toMatchObject({
      ok: true,
      detail:
        "signing secrets: 1 from PAGERDUTY_WEBHOOK_SECRETS and 1 kept sealed in the database (subscription PSUBNEW)",
    });
    expect(JSON.stringify(both)).not.toContain("whsec-never-shown");
    const wrongKey = await runDoctor(input({
      webhookSecretCount: 0,
      storedWebhookSecrets: () =>
        Promise.resolve({ secrets: [], unopenable: ["PSUBOLD"] }),
    }));
    expect(wrongKey.find((c) => c.name === "webhook secret")).toMatchObject({
      ok: false,
      detail: expect.stringContaining(
        "PSUBOLD does not open with PAGERSLACK_ENCRYPTION_KEY",
      ),
    });
  });

  it("explains a refused PagerDuty key", async () => {
    const checks = await runDoctor(input({
      pagerDuty: createPagerDutyClient({ apiUrl: pd.url, token: "wrong" }),
    }));
    const check = checks.find((c) => c.name === "pagerduty");
    expect(check?.ok).toBe(false);
    expect(check?.detail).toContain("401");
  });

  it("setup as a command, then doctor reports everything healthy, then a disabled subscription", async () => {
    const env = {
      PATH: process.env.PATH,
      PAGERDUTY_API_TOKEN: demo.apiKey,
      PAGERDUTY_API_URL: pd.url,
      DATABASE_URL: dbUrl,
      PAGERDUTY_WEBHOOK_SECRETS: "placeholder",
      SLACK_BOT_TOKEN: bridgeToken,
      SLACK_API_URL: slack.url,
      SLACK_ACTIONS_TRIGGER_URL: TRIGGER,
      PAGERSLACK_API_TOKENS: "t",
    };
    const cli = (...args: string[]) =>
      run(process.execPath, ["--import", "tsx", "bridge/cli.ts", ...args], {
        env,
      }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e) => ({ code: e.code as number, stdout: e.stdout, stderr: e.stderr }),
      );

    // Without a terminal and without --secret-file the secret would be lost: refuse before creating anything.
    const refused = await cli("setup", "--url", HOOK);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--secret-file");
    expect(pd.state.webhookSubscriptions.size).toBe(0);

    const secretFile = join(dir, "secret");
    const created = await cli(
      "setup",
      "--url",
      HOOK,
      "--secret-file",
      secretFile,
    );
    expect(created.code).toBe(0);
    const secret = readFileSync(secretFile, "utf8").trim();
    const [subscription] = pd.state.webhookSubscriptions.values();
    expect(subscription?.secrets).toContain(secret);
    expect(created.stdout).not.toContain(secret);

    const healthy = await cli("doctor", "--url", HOOK);
    expect(healthy.stdout).not.toContain("FAIL");
    expect(healthy.code).toBe(0);

    // What PagerDuty does after repeated failed deliveries.
    subscription!.active = false;
    const disabled = await cli("doctor", "--url", HOOK);
    expect(disabled.code).toBe(1);
    expect(disabled.stdout).toContain(
      `${subscription!.id}/enable`,
    );
  });
});

describe("checkWebhookSecrets", () => {
  it("names a failed read of the stored secrets without the database password", async () => {
    const check = await checkWebhookSecrets(
      1,
      () =>
        Promise.reject(
          new Error("connect to postgres://bridge:hunter2@db:5432/x refused"),
        ),
    );
    expect(check.ok).toBe(false);
    expect(check.detail).toContain(
      "could not read the secrets kept in the database: connect to postgres://bridge:",
    );
    expect(check.detail).not.toContain("hunter2");
  });
});
