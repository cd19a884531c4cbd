// The webhook route with secrets the bridge keeps in its database: a replica accepts a secret another replica
// stored a moment ago, without waiting for its cache to expire, and answers 503 (not 401) while none is known.
import { describe, expect, it } from "vitest";
import { makeIncidentEvent } from "../../shared/incident/fixtures.ts";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import {
  silentLogger,
  TEST_API_TOKEN,
  testMetrics,
  webhookRequest,
} from "../../test/support/bridge-test-support.ts";
import { createBridgeApp } from "../server.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import { createSecretBox } from "../secrets/secret-box.ts";
import type { Logger } from "pino";
import {
  readStoredWebhookSecrets,
  storeWebhookSecret,
} from "./webhook-secret-store.ts";
import { createWebhookSecretSource } from "./webhook-secret-source.ts";

const dialects = await testDialects();
const box = createSecretBox("an-encryption-key-of-forty-characters!!");
const noSlack: SlackClient = {
  call: () => Promise.reject(new Error("no Slack in this test")),
};
const T0 = new Date("2026-12-02T10:00:00Z");

for (const { dialect, skip } of dialects) {
  describe.skipIf(skip)(`stored webhook secrets (${dialect})`, () => {
    let database!: TestDatabase;
    useTestDatabase(
      dialect,
      ["bridge_settings", "webhook_inbox"],
      (d) => (database = d),
    );

    function replica(configured: string[], clock: { ms: number }) {
      const source = createWebhookSecretSource({
        configured,
        db: database.db,
        box,
        ttlMs: 60_000,
        minRefreshMs: 1_000,
        now: () => clock.ms,
      });
      return createBridgeApp({
        db: database.db,
        isReady: database.isReady,
        slack: noSlack,
        metrics: testMetrics(),
        logger: silentLogger(),
        webhookSecrets: configured,
        webhookSecretSource: source,
        apiTokens: [TEST_API_TOKEN],
      });
    }
    const post = (app: ReturnType<typeof replica>, secret: string) =>
      app.request(
        "/webhooks/pagerduty",
        webhookRequest(makeIncidentEvent("incident.triggered"), {
          secrets: [secret],
        }),
      );

    it("503 before any secret, then accepts one another replica stored, at once", async () => {
      const clock = { ms: 0 };
      const app = replica([], clock);
      expect((await post(app, "whsec-stored")).status).toBe(503);
      await storeWebhookSecret(database.db, box, {
        subscriptionId: "PSUB1",
        url: "https://b.example/webhooks/pagerduty",
        secret: "whsec-stored",
      }, T0);
      clock.ms += 1_000; // the refresh floor, far inside the cache's 60 s
      expect((await post(app, "whsec-stored")).status).toBe(202);
    });

    it("accepts configured and stored secrets side by side (rotation overlap), refuses others", async () => {
      await storeWebhookSecret(database.db, box, {
        subscriptionId: "PSUB2",
        url: "https://b.example/webhooks/pagerduty",
        secret: "whsec-new",
      }, T0);
      const clock = { ms: 0 };
      const app = replica(["whsec-old"], clock);
      expect((await post(app, "whsec-old")).status).toBe(202);
      expect((await post(app, "whsec-new")).status).toBe(202);
      clock.ms += 5_000;
      expect((await post(app, "whsec-forged")).status).toBe(401);
    });

    it("reads the database at most once per refresh floor for bad signatures", async () => {
      let reads = 0;
      const counting = new Proxy(box, {
        get: (target, prop) =>
          prop === "open"
            ? (v: string) => {
              reads += 1;
              return target.open(v);
            }
            : Reflect.get(target, prop),
      });
      await storeWebhookSecret(database.db, box, {
        subscriptionId: "PSUB3",
        url: "https://b.example/webhooks/pagerduty",
        secret: "whsec-x",
      }, T0);
      const clock = { ms: 0 };
      const source = createWebhookSecretSource({
        configured: [],
        db: database.db,
        box: counting,
        ttlMs: 60_000,
        now: () => clock.ms,
      });
      await source.current();
      for (let i = 0; i < 5; i++) expect(await source.refresh()).toBeNull();
      expect(reads).toBe(1);
      clock.ms += 1_000;
      expect(await source.refresh()).toEqual(["whsec-x"]);
      expect(reads).toBe(2);
    });

    it("one malformed row hides no other secret; an unreadable database is logged once, and its recovery", async () => {
      await storeWebhookSecret(database.db, box, {
        subscriptionId: "PSUB4",
        url: "https://b.example/webhooks/pagerduty",
        secret: "whsec-good",
      }, T0);
      await database.db.insertInto("bridge_settings").values({
        key: "pagerduty_webhook_secret:PBROKEN",
        value: "{not json",
        updated_at: T0.toISOString(),
      }).execute();
      const stored = await readStoredWebhookSecrets(database.db, box);
      expect(stored.secrets.map((s) => s.secret)).toEqual(["whsec-good"]);
      expect(stored.unopenable).toEqual(["(malformed row)"]);

      const logged: { level: string; message: string }[] = [];
      const logger = {
        warn: (_: unknown, message: string) =>
          logged.push({ level: "warn", message }),
        info: (message: string) => logged.push({ level: "info", message }),
      } as unknown as Pick<Logger, "warn" | "info">;
      const down = { value: false };
      const db = new Proxy(database.db, {
        get: (target, prop) => {
          if (prop === "selectFrom" && down.value) {
            return () => {
              throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
            };
          }
          const value = Reflect.get(target, prop) as unknown;
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const clock = { ms: 0 };
      const source = createWebhookSecretSource({
        configured: [],
        db,
        box,
        ttlMs: 1,
        now: () => clock.ms,
        logger,
      });
      expect(await source.current()).toEqual(["whsec-good"]);
      down.value = true;
      for (let i = 0; i < 3; i++) {
        clock.ms += 10;
        expect(await source.current()).toEqual(["whsec-good"]);
      }
      down.value = false;
      clock.ms += 10;
      await source.current();
      expect(logged).toEqual([
        {
          level: "warn",
          message:
            "cannot read the PagerDuty webhook secrets kept in the database; using the last known ones",
        },
        {
          level: "info",
          message: "stored PagerDuty webhook secrets are readable again",
        },
      ]);
    });
  });
}
