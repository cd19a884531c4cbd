import type { Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { makeIncidentEvent } from "../../shared/incident/fixtures.ts";
import type { WebhookEvent } from "../../shared/pagerduty/webhook-event.ts";
import {
  silentLogger,
  testMetrics,
} from "../../test/support/bridge-test-support.ts";
import type { BridgeDatabase } from "../db/database.ts";
import { openDatabase } from "../db/open-database.ts";
import {
  type HeldSync,
  heldSyncDatabase,
} from "../../test/support/held-sync-database.ts";
import { parseWebhookEnvelope } from "../webhooks/parse-webhook-envelope.ts";
import { storeWebhookEvent } from "../webhooks/store-webhook-event.ts";
import { drainInbox } from "./drain-inbox.ts";
import { runInbox, type RunningInbox } from "./run-inbox.ts";

const input = (event: WebhookEvent) => {
  const text = JSON.stringify({ event });
  const parsed = parseWebhookEnvelope(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return {
    ...parsed,
    webhookId: `wh-${event.id}`,
    rawBody: text,
    receivedAt: new Date(),
  };
};
const triggered = (id: string, incident: string) =>
  makeIncidentEvent("incident.triggered", {
    id,
    incident: { id: incident },
  });

function start(db: Kysely<BridgeDatabase>, onApplied = () => {}) {
  return runInbox({
    db,
    dialect: "sqlite",
    logger: silentLogger(),
    metrics: testMetrics(),
    idleMs: 60_000,
    onApplied,
  });
}

const statusOf = async (db: Kysely<BridgeDatabase>, incidentId: string) =>
  (await db.selectFrom("incident_states").select("status")
    .where("incident_id", "=", incidentId).executeTakeFirst())?.status ??
    null;

async function eventually(check: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("not within 2 s");
}

let running: {
  inbox: RunningInbox;
  close(): Promise<void>;
  syncs?: HeldSync[];
} | null = null;
afterEach(async () => {
  // A held sync would keep stop() waiting for its write.
  for (const sync of running?.syncs ?? []) sync.resolve();
  await running?.inbox.stop();
  await running?.close();
  running = null;
});

async function memoryDatabase() {
  const database = openDatabase(":memory:");
  await database.migrate();
  return database;
}

describe("runInbox", () => {
  it("applies what its writer stored without being woken, and says so", async () => {
    const database = await memoryDatabase();
    const { db } = database;
    let applied = 0;
    const inbox = start(db, () => (applied += 1));
    running = { inbox, close: () => database.close() };
    expect(await inbox.writer.write(input(triggered("E1", "PINC1")))).toBe(
      "stored",
    );
    await eventually(async () => (await statusOf(db, "PINC1")) !== null);
    expect(await statusOf(db, "PINC1")).toBe("triggered");
    expect(applied).toBeGreaterThan(0);
  });

  it("looks for pending events once per burst it is woken for, not again to find the inbox empty", async () => {
    const database = await memoryDatabase();
    // Counts the worker's reads of the queue (oldest pending events first, up to a batch).
    let looks = 0;
    const db = database.db.withPlugin({
      transformQuery({ node }) {
        if (
          node.kind === "SelectQueryNode" && node.limit !== undefined &&
          JSON.stringify(node.from).includes('"webhook_inbox"')
        ) looks += 1;
        return node;
      },
      transformResult: ({ result }) => Promise.resolve(result),
    });
    const inbox = start(db);
    running = { inbox, close: () => database.close() };
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const burst of [1, 2]) {
      const before = looks;
      await Promise.all(
        ["A", "B", "C"].map((n) =>
          inbox.writer.write(input(triggered(`E${burst}${n}`, `P${burst}${n}`)))
        ),
      );
      await eventually(async () => (await statusOf(db, `P${burst}C`)) !== null);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(looks - before).toBe(1);
    }
  });

  it("lets a webhook being stored go first, and still folds while webhooks keep coming", async () => {
    const { db, syncs } = await heldSyncDatabase();
    const inbox = start(db);
    running = { inbox, close: () => db.destroy(), syncs };
    // Its first step (nothing to apply) is over: it now waits for a wake.
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Stored by someone else (the reconciler) while a webhook waits for its fsync.
    await storeWebhookEvent(db, input(triggered("E-OTHER", "PINC2")));
    // A flood: webhooks waiting for their fsync, more than 500 a second.
    const flood = Array.from(
      { length: 60 },
      (_, i) =>
        inbox.writer.write(input(triggered(`E-WAIT${i}`, `PINC3-${i}`))),
    );
    const waiting = flood[0] as Promise<unknown>;
    await eventually(() => Promise.resolve(syncs.length > 0));
    inbox.wake();
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await statusOf(db, "PINC2")).toBeNull();
    // Not for ever: the worker takes its turn after a bounded wait, though the webhook is still in flight.
    await eventually(async () => (await statusOf(db, "PINC2")) !== null);
    let answered = false;
    void waiting.then(() => (answered = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    for (const sync of syncs) sync.resolve();
    expect(new Set(await Promise.all(flood))).toEqual(new Set(["stored"]));
  });
});

describe("drainInbox's transactions", () => {
  it("take as many events as `before` says, and `after` hears each one's count", async () => {
    const database = await memoryDatabase();
    const { db } = database;
    try {
      for (let i = 0; i < 10; i++) {
        await storeWebhookEvent(db, input(triggered(`E${i}`, `PINC${i}`)));
      }
      const counts: number[] = [];
      const applied = await drainInbox(
        { db, dialect: "sqlite", logger: silentLogger() },
        1000,
        () => Promise.resolve(4),
        (n) => counts.push(n),
      );
      expect(applied).toBe(10);
      expect(counts).toEqual([4, 4, 2]);
    } finally {
      await database.close();
    }
  });
});
