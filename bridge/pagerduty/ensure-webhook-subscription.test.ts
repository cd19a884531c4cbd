import { afterEach, beforeEach, describe, expect, it } from "vitest";
import pino from "pino";
import { sql } from "kysely";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import { seedDemoAccount } from "../../test/simulators/pagerduty/seed-demo-account.ts";
import { createSecretBox } from "../secrets/secret-box.ts";
import { createPagerDutyClient } from "./pagerduty-client.ts";
import {
  ensureWebhookSubscription,
  explainEnsureResult,
  SecretNotStoredError,
} from "./ensure-webhook-subscription.ts";
import { keepWebhookSubscription } from "./keep-webhook-subscription.ts";
import {
  readStoredWebhookSecrets,
  storeWebhookSecret,
} from "./webhook-secret-store.ts";
import { claimSubscriptionCreation } from "./subscription-claim.ts";
import { setupSubscription } from "../commands/setup-subscription.ts";
import {
  retireWebhookSubscription,
  rotateWebhookSubscription,
} from "./rotate-webhook-subscription.ts";

const dialects = await testDialects();
const KEY = "an-encryption-key-of-forty-characters!!";
const PUBLIC = "https://bridge.example.com";
const URL_ = `${PUBLIC}/webhooks/pagerduty`;
const silent = pino({ level: "silent" });

for (const { dialect, skip } of dialects) {
  describe.skipIf(skip)(`ensureWebhookSubscription (${dialect})`, () => {
    let database!: TestDatabase;
    useTestDatabase(dialect, ["bridge_settings"], (d) => (database = d));
    let sim: PagerDutySimulator;
    let demo: ReturnType<typeof seedDemoAccount>;
    beforeEach(async () => {
      sim = await startPagerDutySimulator();
      demo = seedDemoAccount(sim);
    });
    afterEach(() => sim.close());

    const box = createSecretBox(KEY);
    const options = (instanceId: string, token = demo.apiKey) => ({
      db: database.db,
      box,
      pagerDuty: createPagerDutyClient({ apiUrl: sim.url, token }),
      publicUrl: PUBLIC,
      instanceId,
    });
    const ours = () =>
      [...sim.state.webhookSubscriptions.values()].filter((s) =>
        s.url === URL_
      );

    it("creates the subscription, keeps its secret sealed, and finds it again the next time", async () => {
      const first = await ensureWebhookSubscription(options("a"));
      expect(first.kind).toBe("created");
      const [created] = ours();
      expect(created?.filter.type).toBe("account_reference");
      const rows = await sql<
        { value: string }
      >`select value from bridge_settings`
        .execute(database.db);
      expect(JSON.stringify(rows.rows)).not.toContain(created!.secrets[0]);
      const stored = await readStoredWebhookSecrets(database.db, box);
      expect(stored.secrets.map((s) => [s.subscriptionId, s.secret])).toEqual([
        [created!.id, created!.secrets[0]],
      ]);
      expect(await ensureWebhookSubscription(options("b"))).toEqual({
        kind: "held",
        subscriptionId: created!.id,
      });
      expect(ours()).toHaveLength(1);
    });

    it("a secret that cannot be stored deletes the new subscription, so the retry creates a usable one", async () => {
      let failures = 1;
      const flaky: typeof storeWebhookSecret = (...args) =>
        failures-- > 0
          ? Promise.reject(new Error("database blipped"))
          : storeWebhookSecret(...args);
      const attempt = () =>
        ensureWebhookSubscription({ ...options("a"), storeSecret: flaky });
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SecretNotStoredError);
      expect((error as SecretNotStoredError).deleted).toBe(true);
      expect((error as Error).message).toContain("database blipped");
      expect(ours()).toEqual([]);
      const retried = await attempt();
      expect(retried.kind).toBe("created");
      const [created] = ours();
      expect(retried).toEqual({ kind: "created", subscriptionId: created!.id });
      expect(
        (await readStoredWebhookSecrets(database.db, box)).secrets.map((s) =>
          s.secret
        ),
      ).toEqual([created!.secrets[0]]);
    });

    it("two replicas starting together create one subscription", async () => {
      const keep = (id: string) =>
        keepWebhookSubscription({
          ensure: () => ensureWebhookSubscription(options(id)),
          logger: silent,
          url: URL_,
          busyRetryMs: 5,
        });
      const results = await Promise.all(
        ["a", "b", "c"].map((id) => keep(id).done),
      );
      expect(ours()).toHaveLength(1);
      expect(results.map((r) => r?.kind).sort()).toEqual([
        "created",
        "held",
        "held",
      ]);
      const stored = await readStoredWebhookSecrets(database.db, box);
      expect(stored.secrets).toHaveLength(1);
    });

    it("takes over a claim left by a replica that died mid-way once its lease is over", async () => {
      const t0 = new Date("2026-12-02T10:00:00Z");
      expect(await claimSubscriptionCreation(database.db, "dead", t0, 60_000))
        .toBe(true);
      expect(
        await claimSubscriptionCreation(
          database.db,
          "b",
          new Date(t0.getTime() + 30_000),
          60_000,
        ),
      ).toBe(false);
      expect(
        await claimSubscriptionCreation(
          database.db,
          "b",
          new Date(t0.getTime() + 61_000),
          60_000,
        ),
      ).toBe(true);
    });

    it("an existing subscription whose secret it does not hold is reported, not duplicated", async () => {
      const made = await setupSubscription({
        pagerDuty: options("x").pagerDuty,
        url: URL_,
        filter: { type: "account_reference" },
      });
      const result = await ensureWebhookSubscription(options("a"));
      expect(result).toEqual({
        kind: "secret_unknown",
        subscriptionIds: [made.id],
        unopenable: [],
      });
      expect(ours()).toHaveLength(1);
      const said = explainEnsureResult(result, URL_);
      expect(said.level).toBe("warn");
      expect(said.message).toContain("setup --rotate");
      expect(said.message).toContain("PAGERDUTY_WEBHOOK_SECRETS");
    });

    it("a read-only key gets one clear answer and creates nothing", async () => {
      const result = await ensureWebhookSubscription(
        options("a", demo.readOnlyApiKey),
      );
      expect(result).toEqual({ kind: "read_only" });
      expect(explainEnsureResult(result, URL_).message).toContain("read-only");
      expect(ours()).toHaveLength(0);
    });

    it("keeps retrying while PagerDuty is down, and says so", async () => {
      const lines: { msg: string; retry_in_ms?: number }[] = [];
      const logger = pino({ level: "info" }, {
        write: (l) => lines.push(JSON.parse(l)),
      });
      let calls = 0;
      const keeper = keepWebhookSubscription({
        ensure: () => {
          calls += 1;
          if (calls < 3) {
            return Promise.reject(new Error("connect ECONNREFUSED"));
          }
          return ensureWebhookSubscription(options("a"));
        },
        logger,
        url: URL_,
        backoffMs: [1, 2],
      });
      expect((await keeper.done)?.kind).toBe("created");
      const retries = lines.filter((l) => l.msg.includes("retrying"));
      expect(retries.map((l) => l.retry_in_ms)).toEqual([1, 2]);
      const secret = ours()[0]!.secrets[0]!;
      expect(JSON.stringify(lines)).not.toContain(secret);
    });
  });
}

for (const { dialect, skip } of dialects) {
  describe.skipIf(skip)(`rotation (${dialect})`, () => {
    let database!: TestDatabase;
    useTestDatabase(dialect, ["bridge_settings"], (d) => (database = d));
    let sim: PagerDutySimulator;
    let demo: ReturnType<typeof seedDemoAccount>;
    beforeEach(async () => {
      sim = await startPagerDutySimulator();
      demo = seedDemoAccount(sim);
    });
    afterEach(() => sim.close());
    const box = createSecretBox(KEY);

    it("a rotation whose secret cannot be stored leaves only the old subscription", async () => {
      const pagerDuty = createPagerDutyClient({
        apiUrl: sim.url,
        token: demo.apiKey,
      });
      const old = await setupSubscription({
        pagerDuty,
        url: URL_,
        filter: { type: "account_reference" },
      });
      if (old.kind !== "created") throw new Error("expected a new one");
      await expect(rotateWebhookSubscription({
        db: database.db,
        box,
        pagerDuty,
        publicUrl: PUBLIC,
        storeSecret: () => Promise.reject(new Error("disk full")),
      })).rejects.toThrow(/deleted it again/);
      expect(
        [...sim.state.webhookSubscriptions.values()].filter((s) =>
          s.url === URL_
        ).map((s) => s.id),
      ).toEqual([old.id]);
    });

    it("creates a new subscription with the old one's filter, keeps both secrets, then retires the old", async () => {
      const pagerDuty = createPagerDutyClient({
        apiUrl: sim.url,
        token: demo.apiKey,
      });
      const old = await setupSubscription({
        pagerDuty,
        url: URL_,
        filter: { type: "service_reference", id: demo.services.checkout },
      });
      if (old.kind !== "created") throw new Error("expected a new one");
      const rotated = await rotateWebhookSubscription({
        db: database.db,
        box,
        pagerDuty,
        publicUrl: PUBLIC,
      });
      expect(rotated.previous).toEqual([old.id]);
      const fresh = sim.state.webhookSubscriptions.get(rotated.created)!;
      expect(fresh.filter).toMatchObject({
        type: "service_reference",
        id: demo.services.checkout,
      });
      // The old secret came from the environment; the new one is kept by the bridge.
      expect(
        (await readStoredWebhookSecrets(database.db, box)).secrets.map((s) =>
          s.secret
        ),
      ).toEqual([fresh.secrets[0]]);
      expect(
        await ensureWebhookSubscription({
          db: database.db,
          box,
          pagerDuty,
          publicUrl: PUBLIC,
          instanceId: "a",
        }),
      ).toEqual({ kind: "held", subscriptionId: rotated.created });

      expect(
        await retireWebhookSubscription({
          db: database.db,
          pagerDuty,
          subscriptionId: old.id,
        }),
      ).toEqual({ deleted: true, forgotten: false });
      expect(sim.state.webhookSubscriptions.has(old.id)).toBe(false);
      expect(
        await retireWebhookSubscription({
          db: database.db,
          pagerDuty,
          subscriptionId: rotated.created,
        }),
      ).toEqual({ deleted: true, forgotten: true });
      expect((await readStoredWebhookSecrets(database.db, box)).secrets)
        .toEqual([]);
    });
  });
}

describe("keepWebhookSubscription", () => {
  it("stops during a backoff wait without another attempt", async () => {
    let calls = 0;
    const keeper = keepWebhookSubscription({
      ensure: () => {
        calls += 1;
        return Promise.reject(new Error("PagerDuty is down"));
      },
      logger: silent,
      url: URL_,
      backoffMs: [3_600_000],
    });
    await new Promise((r) => setTimeout(r, 10));
    keeper.stop();
    expect(await keeper.done).toBeNull();
    expect(calls).toBe(1);
  });
});
