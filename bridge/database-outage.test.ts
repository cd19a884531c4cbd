// PostgreSQL goes away and comes back under a running bridge (the real entry point, a child process): its
// connections are terminated (pg_terminate_backend, as a restart or a failover does) and new ones refused for a
// while (a loopback TCP proxy in front of the server, stopped and started again). The bridge stays up, answers
// 503 while the database is gone, 202 again once it is back, and every acknowledged event reaches Slack.
import { registerIncidentActionTrigger } from "../test/support/register-incident-action-trigger.ts";
import { createServer, type Server, Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIncidentEvent } from "../shared/incident/fixtures.ts";
import { findFreePort } from "../test/find-free-port.ts";
import {
  type BridgeProcess,
  startBridgeProcess,
} from "../test/e2e/start-bridge-process.ts";
import { waitFor } from "../test/e2e/wait-for.ts";
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

const SECRET = "whsec-outage";
const API_TOKEN = "outage-api-token";

/** A loopback TCP proxy to PostgreSQL that the test can take down (every connection cut, new ones refused). */
interface DatabaseProxy {
  port: number;
  up(): Promise<void>;
  /** Refuses new connections, runs `meanwhile` (connections still open), then cuts every connection. */
  down(meanwhile?: () => Promise<void>): Promise<void>;
}

async function startDatabaseProxy(target: URL): Promise<DatabaseProxy> {
  const port = await findFreePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const up = () =>
    new Promise<void>((resolve, reject) => {
      const listening = createServer((client) => {
        const upstream = new Socket();
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => {});
        }
        upstream.connect(Number(target.port || 5432), target.hostname);
        client.pipe(upstream).pipe(client);
      });
      listening.once("error", reject);
      listening.listen(port, "127.0.0.1", () => {
        server = listening;
        resolve();
      });
    });
  const down = async (meanwhile?: () => Promise<void>) => {
    const closing = server;
    server = null;
    const closed = new Promise<void>((resolve) =>
      closing ? closing.close(() => resolve()) : resolve()
    );
    await meanwhile?.();
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await up();
  return { port, up, down };
}

const pgWhy = await postgresUnavailable();
if (pgWhy) console.warn(`skipping the database outage test: ${pgWhy}`);

describe.skipIf(pgWhy !== null)("PostgreSQL going away and coming back", () => {
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const schema = `t_outage_${suffix}`;
  // Names the bridge's own sessions, so the test terminates those and no one else's.
  const applicationName = `pagerslack-test-outage-${suffix}`;
  let admin: pg.Client;
  let proxy: DatabaseProxy;
  let slack: SlackSimulator;
  let bridge: BridgeProcess | undefined;

  const terminateBridgeSessions = async () =>
    (await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1",
      [applicationName],
    )).rowCount ?? 0;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`create schema "${schema}"`);
    proxy = await startDatabaseProxy(new URL(TEST_POSTGRES_URL));
    slack = await startSlackSimulator();
    await registerIncidentActionTrigger(slack, {
      url: "https://slack.com/shortcuts/Ft0OUT/abc",
    });
  });
  afterAll(async () => {
    await bridge?.stop();
    await proxy?.down();
    await slack?.close();
    if (admin) {
      await terminateBridgeSessions();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    }
  });

  it("answers 503 while it is gone, stays up, and delivers every acknowledged event once it is back", async () => {
    const token = slack.createToken({
      kind: "bot",
      appId: "ABRIDGE",
      scopes: [...SLACK_SCOPES_USED],
    });
    const channel =
      slack.createChannel({ name: "outage-incidents", members: [token.userId] })
        .id;
    const database = new URL(TEST_POSTGRES_URL);
    database.port = String(proxy.port);
    database.searchParams.set("application_name", applicationName);
    database.searchParams.set("options", `-c search_path=${schema}`);
    bridge = await startBridgeProcess({
      PORT: String(await findFreePort()),
      HOST: "127.0.0.1",
      DATABASE_URL: database.href,
      PAGERDUTY_WEBHOOK_SECRETS: SECRET,
      SLACK_BOT_TOKEN: token.token,
      SLACK_API_URL: slack.url,
      SLACK_ACTIONS_TRIGGER_URL: "https://slack.com/shortcuts/Ft0OUT/abc",
      PAGERSLACK_API_TOKENS: API_TOKEN,
    });
    const { url } = bridge;
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${url}/api/v1${path}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${API_TOKEN}`,
          "Content-Type": "application/json",
        },
      });
    const connected = await api("/connections/outage", {
      method: "PUT",
      body: JSON.stringify({
        channel_id: channel,
        source_type: "service",
        source_id: "PSVC001",
        notification_type: "responder",
        events: [],
        urgency: null,
        priorities: null,
        thread_updates: true,
      }),
    });
    expect(connected.status).toBe(200);

    const incident = (n: number) =>
      makeIncidentEvent("incident.triggered", {
        id: `E-OUTAGE-${n}`,
        incident: { id: `POUT00${n}`, number: 700 + n },
      });
    const deliver = async (n: number) => {
      const response = await fetch(
        `${url}/webhooks/pagerduty`,
        webhookRequest(incident(n), { secrets: [SECRET] }),
      );
      await response.body?.cancel();
      return response.status;
    };
    const cards = () =>
      slack.transcript(channel).map((m) =>
        m.metadata?.event_payload?.incident_id
      );
    const statusOf = async (path: string) => {
      const response = await fetch(`${url}${path}`);
      await response.body?.cancel();
      return response.status;
    };

    expect(await deliver(1)).toBe(202);
    await waitFor(() => cards().length === 1, { what: "the first card" });

    // The server goes away: the bridge's sessions are terminated, and new connections refused until it is back.
    let terminated = 0;
    await proxy.down(async () => {
      terminated = await terminateBridgeSessions();
      // Let the server's notice of the termination reach the bridge before the proxy cuts the rest.
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    expect(terminated).toBeGreaterThan(0);

    // PagerDuty's delivery during the outage is not acknowledged (it retries it), nor is it lost.
    expect(await deliver(2)).toBe(503);
    expect(await statusOf("/readyz")).toBe(503);
    expect((await api("/connections")).status).toBe(503);
    // The loops keep failing for a while, quietly.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(bridge.running).toBe(true);

    await proxy.up();
    await waitFor(async () => (await statusOf("/readyz")) === 200, {
      what: "readyz after the database is back",
    });
    expect(await deliver(3)).toBe(202);
    // PagerDuty's retry of the delivery it did not get a 2xx for.
    expect(await deliver(2)).toBe(202);
    await waitFor(() => cards().length >= 3, {
      what: "the cards of every acknowledged event",
      timeoutMs: 15_000,
      describe: cards,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cards().sort()).toEqual(["POUT001", "POUT002", "POUT003"]);

    // One line when the database went away and one when it came back, not one per retry.
    const messages = bridge.logs.flatMap((line) => {
      try {
        return [JSON.parse(line).msg as string];
      } catch {
        return [];
      }
    });
    const count = (msg: string) => messages.filter((m) => m === msg).length;
    expect(count("database unavailable; retrying with backoff")).toBe(1);
    expect(count("database available again")).toBe(1);
    // Every failing step was recognised as the database's outage, none reported as a failure of its own.
    expect(messages.filter((m) => m.startsWith("loop step failed"))).toEqual(
      [],
    );

    expect(await bridge.stop()).toBe(0);
  });
});
