// The signing secrets the webhook route accepts: PAGERDUTY_WEBHOOK_SECRETS(_FILE) plus those the bridge keeps in
// its database (bridge/pagerduty/webhook-secret-store.ts). Stored ones are cached briefly, and looked up again
// (at most once per `minRefreshMs`) when a signature matches none: another replica may have stored a new
// secret a moment ago, and PagerDuty's first delivery must not wait for the cache to expire.
import type { Logger } from "pino";
import { redactCredentials } from "../../shared/pagerduty/redact-credentials.ts";
import type { BridgeDb } from "../db/database.ts";
import type { SecretBox } from "../secrets/secret-box.ts";
import { readStoredWebhookSecrets } from "./webhook-secret-store.ts";

export interface WebhookSecretSource {
  /** Configured and stored secrets (the last known stored ones when the database cannot be read). */
  current(): Promise<readonly string[]>;
  /** Like current() but reads the database unless it was read within `minRefreshMs`; null when it was. */
  refresh(): Promise<readonly string[] | null>;
  /** Forget the cache (this replica just stored a secret). */
  invalidate(): void;
}

export function createWebhookSecretSource(
  {
    configured,
    db,
    box,
    ttlMs = 5_000,
    minRefreshMs = 1_000,
    now = Date.now,
    logger,
  }: {
    configured: readonly string[];
    /** Without a box (no PAGERSLACK_ENCRYPTION_KEY) only the configured secrets count. */
    db: BridgeDb;
    box: SecretBox | null;
    ttlMs?: number;
    minRefreshMs?: number;
    now?: () => number;
    /** Says once (until reads work again) that stored secrets cannot be read: otherwise webhooks get 503 silently. */
    logger?: Pick<Logger, "warn" | "info">;
  },
): WebhookSecretSource {
  let failing: string | null = null;
  let stored: readonly string[] = [];
  let readAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | null = null;
  const combined = () => [...configured, ...stored];
  const read = () => {
    // One read at a time: a burst of webhooks after expiry costs one query.
    reading ??= (async () => {
      try {
        if (box) {
          stored = (await readStoredWebhookSecrets(db, box)).secrets.map((s) =>
            s.secret
          );
          if (failing !== null) {
            failing = null;
            logger?.info("stored PagerDuty webhook secrets are readable again");
          }
        }
      } catch (error) {
        // The database is down: keep the last known secrets; the inbox write will answer 503 anyway. Logged
        // once per distinct problem, not once per webhook.
        const problem = redactCredentials((error as Error).message);
        if (problem !== failing) {
          failing = problem;
          logger?.warn(
            { problem, keptSecrets: stored.length },
            "cannot read the PagerDuty webhook secrets kept in the database; using the last known ones",
          );
        }
      } finally {
        readAt = now();
        reading = null;
      }
    })();
    return reading;
  };
  return {
    async current() {
      if (box && now() - readAt >= ttlMs) await read();
      return combined();
    },
    async refresh() {
      if (!box || now() - readAt < minRefreshMs) return null;
      await read();
      return combined();
    },
    invalidate() {
      readAt = Number.NEGATIVE_INFINITY;
    },
  };
}
