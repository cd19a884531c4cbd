// The bridge's webhook signing secrets at start: configured ones, those kept sealed in the database (read by
// the webhook route through a short cache), and, when the configuration allows (item 5 of issue 16), the
// background keeper that finds or creates the subscription. Says once what an operator must do when neither
// a secret nor the keeper is there.
import type { Logger } from "pino";
import type { BridgeConfig } from "../config/load-config.ts";
import type { BridgeDb } from "../db/database.ts";
import { createSecretBox, type SecretBox } from "../secrets/secret-box.ts";
import {
  createWebhookSecretSource,
  type WebhookSecretSource,
} from "./webhook-secret-source.ts";
import type { PagerDutyClient } from "./pagerduty-client.ts";
import { startSubscriptionKeeper } from "./keep-webhook-subscription.ts";

export interface WebhookSecrets {
  /** Null without PAGERSLACK_ENCRYPTION_KEY. */
  box: SecretBox | null;
  source: WebhookSecretSource;
  stop(): Promise<void>;
}

export function startWebhookSecrets(
  { config, db, pagerDuty, instanceId, logger, backoffMs }: {
    config: BridgeConfig;
    db: BridgeDb;
    pagerDuty: PagerDutyClient | null;
    instanceId: string;
    logger: Logger;
    backoffMs?: readonly number[];
  },
): WebhookSecrets {
  const box = config.encryptionKey
    ? createSecretBox(config.encryptionKey)
    : null;
  const source = createWebhookSecretSource({
    configured: config.webhookSecrets,
    db,
    box,
    logger,
  });
  const keeper = startSubscriptionKeeper({
    config,
    db,
    box,
    pagerDuty,
    instanceId,
    logger,
    onStored: () => source.invalidate(),
    ...(backoffMs ? { backoffMs } : {}),
  });
  if (config.webhookSecrets.length === 0 && !keeper) {
    logger.warn(
      "PAGERDUTY_WEBHOOK_SECRETS is not set (nor a PAGERDUTY_WEBHOOK_SECRETS_FILE holding a secret): webhooks are answered 503 (PagerDuty retries them for up to 48 h) until it is. Create the subscription with `setup --url https://<this bridge>/webhooks/pagerduty --secret-file <file>`, set its secret and restart; or set PAGERDUTY_API_TOKEN (full access), BRIDGE_PUBLIC_URL and PAGERSLACK_ENCRYPTION_KEY and the bridge keeps a subscription and its secret itself.",
    );
  }
  return {
    box,
    source,
    async stop() {
      keeper?.stop();
      await keeper?.done;
    },
  };
}
