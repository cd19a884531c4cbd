// The PagerDuty webhook signing secrets the bridge keeps itself (issue 16 item 5): one `bridge_settings` row per
// subscription, so two replicas storing at once never overwrite each other, each secret sealed with
// PAGERSLACK_ENCRYPTION_KEY (bridge/secrets/secret-box.ts). Every replica reads them; the webhook route accepts
// them beside PAGERDUTY_WEBHOOK_SECRETS.
import type { BridgeDb } from "../db/database.ts";
import { deleteSetting, writeSetting } from "../db/bridge-settings.ts";
import type { SecretBox } from "../secrets/secret-box.ts";

const KEY_PREFIX = "pagerduty_webhook_secret:";

interface StoredValue {
  subscription_id: string;
  url: string;
  sealed: string;
}

export interface StoredWebhookSecret {
  subscriptionId: string;
  url: string;
  secret: string;
  storedAt: string;
}

export interface StoredWebhookSecrets {
  secrets: StoredWebhookSecret[];
  /** Subscriptions whose sealed secret does not open with this key (sealed under another key, or altered). */
  unopenable: string[];
}

export async function readStoredWebhookSecrets(
  db: BridgeDb,
  box: SecretBox,
): Promise<StoredWebhookSecrets> {
  const rows = await db.selectFrom("bridge_settings")
    .select(["value", "updated_at"])
    .where("key", "like", `${KEY_PREFIX}%`).orderBy("updated_at").execute();
  const result: StoredWebhookSecrets = { secrets: [], unopenable: [] };
  for (const row of rows) {
    // Parsed inside the try: one malformed row is reported as unopenable instead of hiding every other secret.
    let value: Partial<StoredValue> = {};
    try {
      value = JSON.parse(row.value) as StoredValue;
      if (typeof value.sealed !== "string") throw new Error("no sealed value");
      result.secrets.push({
        subscriptionId: String(value.subscription_id),
        url: String(value.url),
        secret: box.open(value.sealed),
        storedAt: row.updated_at,
      });
    } catch {
      result.unopenable.push(
        typeof value.subscription_id === "string"
          ? value.subscription_id
          : "(malformed row)",
      );
    }
  }
  return result;
}

export async function storeWebhookSecret(
  db: BridgeDb,
  box: SecretBox,
  entry: { subscriptionId: string; url: string; secret: string },
  now: Date,
): Promise<void> {
  const value: StoredValue = {
    subscription_id: entry.subscriptionId,
    url: entry.url,
    sealed: box.seal(entry.secret),
  };
  await writeSetting(db, KEY_PREFIX + entry.subscriptionId, value, now);
}

/** Forgets a subscription's secret (after it was deleted in PagerDuty); true when one was kept. */
export async function forgetWebhookSecret(
  db: BridgeDb,
  subscriptionId: string,
): Promise<boolean> {
  return await deleteSetting(db, KEY_PREFIX + subscriptionId);
}
