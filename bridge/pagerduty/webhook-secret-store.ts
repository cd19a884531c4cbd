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
    const value = JSON.parse(row.value) as StoredValue;
    try {
      result.secrets.push({
        subscriptionId: value.subscription_id,
        url: value.url,
        secret: box.open(value.sealed),
        storedAt: row.updated_at,
      });
    } catch {
      result.unopenable.push(value.subscription_id);
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
