// The real entry point as a child process, configured by environment variables only, driven over HTTP.
import { registerIncidentActionTrigger } from "../test/support/register-incident-action-trigger.ts";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIncidentEvent } from "../shared/incident/fixtures.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../test/simulators/slack/start-slack-simulator.ts";
import {
  postgresUnavailable,
  TEST_POSTGRES_URL,
} from "../test/support/test-databases.ts";
import { SLACK_SCOPES_USED } from "./slack/slack-methods-used.ts";
import { webhookRequest } from "../test/support/bridge-test-support.ts";
import { childEnv } from "../test/support/child-env.ts";
import { waitFor } from "../test/e2e/wait-for.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const SECRET = "whsec-child-process";
const API_TOKEN = "child-api-token";

interface Child {
  process: ChildProcess;
  port: number;
  logs: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

function spawnBridge(
  env: Record<string, string>,
): Child & { ready: Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", "bridge/main.ts"], {
    cwd: ROOT,
    // Only what node itself needs, plus the bridge's configuration.
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const result = {
    process: child,
    port: 0,
    logs: [] as string[],
    stderr: [] as string[],
    exited: new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code))
    ),
  } as Child & { ready: Promise<void> };
  result.ready = new Promise<void>((resolve, reject) => {
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        result.logs.push(line);
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg === "bridge listening" && entry.port) {
            result.port = entry.port;
            resolve();
          }
        } catch {
          // not a JSON line: kept in logs for the assertion below
        }
      }
    });
    child.stderr!.on(
      "data",
      (chunk: Buffer) => result.stderr.push(chunk.toString()),
    );
    void result.exited.then((code) =>
      reject(new Error(`bridge exited ${code}: ${result.stderr.join("")}`))
    );
  });
  return result;
}

let slack: SlackSimulator;
let botToken: string;
let botUser: string;
let dir: string;

beforeAll(async () => {
  slack = await startSlackSimulator();
  await registerIncidentActionTrigger(slack, {
    url: "https://slack.com/shortcuts/Ft0CHILD/abc",
  });
  const token = slack.createToken({
    kind: "bot",
    appId: "ABRIDGE",
    scopes: [...SLACK_SCOPES_USED],
  });
  botToken = token.token;
  botUser = token.userId;
  dir = mkdtempSync(join(tmpdir(), "pagerslack-bridge-"));
});
afterAll(async () => {
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

const baseEnv = () => ({
  PORT: "0",
  HOST: "127.0.0.1",
  PAGERDUTY_WEBHOOK_SECRETS: SECRET,
  SLACK_BOT_TOKEN: botToken,
  SLACK_API_URL: slack.url,
  SLACK_ACTIONS_TRIGGER_URL: "https://slack.com/shortcuts/Ft0CHILD/abc",
  PAGERSLACK_API_TOKENS: API_TOKEN,
});

const connect = (port: number, id: string, channel: string) =>
  fetch(`http://127.0.0.1:${port}/api/v1/connections/${id}`, {
    method: "PUT",
    headers: {
      Authorization: `Bearer ${API_TOKEN}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({
      channel_id: channel,
      source_type: "service",
      source_id: "PSVC001",
      notification_type: "responder",
      events: ["incident.acknowledged"],
      urgency: null,
      priorities: null,
      thread_updates: true,
    }),
  });

describe("bridge/main.ts as a child process", () => {
  it("refuses to start on bad configuration, one line per problem, no secrets", async () => {
    const child = spawnBridge({
      SLACK_BOT_TOKEN: "xoxp-secret-user-token",
      PORT: "x",
    });
    child.ready.catch(() => {});
    expect(await child.exited).toBe(1);
    const lines = child.stderr.join("").trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.every((l) => l.startsWith("configuration error: "))).toBe(
      true,
    );
    expect(child.stderr.join("")).not.toContain("xoxp-secret-user-token");
  });

  it("on a port already in use, says so in one line and exits 1", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) =>
      holder.listen(0, "127.0.0.1", resolve)
    );
    const { port } = holder.address() as AddressInfo;
    try {
      const child = spawnBridge({
        ...baseEnv(),
        PORT: String(port),
        DATABASE_URL: `sqlite:${join(dir, "port-in-use.db")}`,
      });
      child.ready.catch(() => {});
      expect(await child.exited).toBe(1);
      expect(child.stderr.join("")).toBe(
        `start-up error: cannot listen on 127.0.0.1:${port}: the address is already in use (another process has the port)\n`,
      );
    } finally {
      holder.close();
    }
  });

  it("with the database unreachable, says so in one line and exits 1", async () => {
    const child = spawnBridge({
      ...baseEnv(),
      // Nothing listens on port 1.
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/pagerslack",
    });
    child.ready.catch(() => {});
    expect(await child.exited).toBe(1);
    expect(child.stderr.join("")).toBe(
      "start-up error: cannot connect to the database: connect ECONNREFUSED 127.0.0.1:1\n",
    );
  });

  it("refuses an unknown LOG_LEVEL in one line (pino would crash on it) and names a misspelt variable", async () => {
    const child = spawnBridge({
      ...baseEnv(),
      LOG_LEVEL: "verbose",
      PAGERDUTY_API_TOKN: "a-secret-key",
    });
    child.ready.catch(() => {});
    expect(await child.exited).toBe(1);
    expect(child.stderr.join("").trim().split("\n")).toEqual([
      "configuration warning: PAGERDUTY_API_TOKN is not a variable the bridge reads (ignored): did you mean PAGERDUTY_API_TOKEN?",
      'configuration error: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    ]);
  });

  it("starts before setup has a secret and with a refused Slack token: says each once, webhooks wait with 503", async () => {
    const child = spawnBridge({
      ...baseEnv(),
      PAGERDUTY_WEBHOOK_SECRETS: "",
      SLACK_BOT_TOKEN: "xoxb-not-a-token-slack-knows",
      DATABASE_URL: `sqlite:${join(dir, "no-secret.db")}`,
    });
    try {
      await child.ready;
      const webhook = await fetch(
        `http://127.0.0.1:${child.port}/webhooks/pagerduty`,
        {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ event: { id: "E1" } }),
        },
      );
      // PagerDuty retries a 5xx; a 4xx would be dropped and count towards disabling the subscription.
      expect(webhook.status).toBe(503);
      const messages = () =>
        child.logs.map((line) => {
          try {
            return (JSON.parse(line) as { msg: string }).msg;
          } catch {
            return line;
          }
        });
      await waitFor(() =>
        messages().some((m) => m.startsWith("Slack refuses SLACK_BOT_TOKEN"))
      );
      expect(
        messages().filter((m) => m.startsWith("Slack refuses SLACK_BOT_TOKEN")),
      ).toHaveLength(1);
      expect(
        messages().filter((m) =>
          m.startsWith("PAGERDUTY_WEBHOOK_SECRETS is not set")
        ),
      ).toHaveLength(1);
      expect(child.logs.join("\n")).not.toContain(
        "xoxb-not-a-token-slack-knows",
      );
    } finally {
      child.process.kill("SIGTERM");
      await child.exited;
    }
  });

  it("with a refused Slack token, says so in one line at once and still accepts and keeps webhooks", async () => {
    const child = spawnBridge({
      ...baseEnv(),
      SLACK_BOT_TOKEN: "xoxb-revoked-long-ago",
      DATABASE_URL: `sqlite:${join(dir, "refused-token.db")}`,
    });
    try {
      await child.ready;
      const refusals = () =>
        child.logs.filter((line) =>
          line.includes('"msg":"Slack refuses SLACK_BOT_TOKEN (invalid_auth)')
        );
      await waitFor(() => refusals().length > 0);
      const response = await fetch(
        `http://127.0.0.1:${child.port}/webhooks/pagerduty`,
        webhookRequest(makeIncidentEvent("incident.triggered"), {
          secrets: [SECRET],
        }),
      );
      expect(response.status).toBe(202);
      expect(refusals()).toHaveLength(1);
      expect(child.logs.join("\n")).not.toContain("xoxb-revoked-long-ago");
    } finally {
      child.process.kill("SIGTERM");
      await child.exited;
    }
  });

  it("receives webhooks, posts and edits the card, serves ops endpoints, drains on SIGTERM", async () => {
    const channel =
      slack.createChannel({ name: "child-incidents", members: [botUser] }).id;
    const child = spawnBridge({
      ...baseEnv(),
      DATABASE_URL: `sqlite:${join(dir, "bridge.db")}`,
    });
    await child.ready;
    const base = `http://127.0.0.1:${child.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await connect(child.port, "conn-1", channel)).status).toBe(200);

    const post = (event: ReturnType<typeof makeIncidentEvent>) =>
      fetch(
        `${base}/webhooks/pagerduty`,
        webhookRequest(event, { secrets: [SECRET] }),
      );
    expect((await post(makeIncidentEvent("incident.triggered"))).status).toBe(
      202,
    );
    await waitFor(() => slack.transcript(channel).length === 1);
    expect(
      (await post(
        makeIncidentEvent("incident.acknowledged", {
          occurred_at: "2026-08-20T10:05:00.000Z",
        }),
      ))
        .status,
    ).toBe(202);
    const card = await waitFor(() => {
      const [first] = slack.transcript(channel);
      return first && first.edits.length === 1 && first.replies.length === 1 &&
        first;
    });
    expect(JSON.stringify(card.blocks)).toMatch(/[Aa]cknowledged/);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(
      'pagerslack_slack_calls_total{method="chat.postMessage",outcome="ok"}',
    );
    expect(metrics).toContain("pagerslack_outbox_depth 0");
    // Logs are JSON and never carry a secret.
    const logText = child.logs.join("\n");
    expect(child.logs.every((line) => line.startsWith("{"))).toBe(true);
    for (const secret of [SECRET, botToken, API_TOKEN]) {
      expect(logText).not.toContain(secret);
    }
    expect(logText).toContain('"incident_id":"PINC001"');
    // The start-up check of the bot token names the bot and the workspace.
    expect(logText).toMatch(
      /"msg":"Slack bot token works: @[^"]+ in pagerslack simulator"/,
    );

    child.process.kill("SIGTERM");
    expect(await child.exited).toBe(0);
  });
});

const pgWhy = await postgresUnavailable();
if (pgWhy) console.warn(`skipping two-process PostgreSQL test: ${pgWhy}`);

describe.skipIf(pgWhy !== null)(
  "two bridge processes on one PostgreSQL database",
  () => {
    const schema = `t_main_${process.pid}`;
    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query(
        `drop schema if exists "${schema}" cascade; create schema "${schema}"`,
      );
      await admin.end();
    });
    afterAll(async () => {
      const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    });

    it("posts every card exactly once", async () => {
      const channels = [0, 1].map((i) =>
        slack.createChannel({ name: `replicas-${i}`, members: [botUser] }).id
      );
      const url = `${TEST_POSTGRES_URL}?options=${
        encodeURIComponent(`-c search_path=${schema}`)
      }`;
      const first = spawnBridge({ ...baseEnv(), DATABASE_URL: url });
      await first.ready;
      const second = spawnBridge({ ...baseEnv(), DATABASE_URL: url });
      await second.ready;
      for (const [i, channel] of channels.entries()) {
        expect((await connect(first.port, `conn-${i}`, channel)).status).toBe(
          200,
        );
      }
      const incidents = 4;
      await Promise.all(Array.from({ length: incidents }, async (_, i) => {
        const event = makeIncidentEvent("incident.triggered", {
          id: `R${i}`,
          incident: { id: `PREP00${i}`, number: 300 + i },
        });
        // Both replicas receive every delivery (PagerDuty retries land anywhere behind a load balancer).
        for (const child of [first, second]) {
          const response = await fetch(
            `http://127.0.0.1:${child.port}/webhooks/pagerduty`,
            webhookRequest(event, { secrets: [SECRET] }),
          );
          expect(response.status).toBe(202);
        }
      }));
      for (const channel of channels) {
        await waitFor(
          () => slack.transcript(channel).length >= incidents,
          { timeoutMs: 20_000 },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (const channel of channels) {
        const ids = slack.transcript(channel).map((m) =>
          m.metadata?.event_payload?.incident_id
        );
        expect(ids).toHaveLength(incidents);
        expect(new Set(ids).size).toBe(incidents);
      }
      for (const child of [first, second]) child.process.kill("SIGTERM");
      expect(await Promise.all([first.exited, second.exited])).toEqual([0, 0]);
    });
  },
);
