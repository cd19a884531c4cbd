// Rotating the signing secret the bridge keeps: PagerDuty cannot change a subscription's secret, so rotation is
// a new subscription (new secret, stored at once, accepted beside the old one by every replica within seconds)
// followed, once the operator is satisfied, by deleting the old subscription (`retire`), which also forgets its
// secret. During the overlap PagerDuty delivers each event through both; the inbox deduplicates by event id.
import type { BridgeDb } from "../db/database.ts";
import type { SecretBox } from "../secrets/secret-box.ts";
import type { PagerDutyClient } from "./pagerduty-client.ts";
import { PagerDutyApiError } from "./pagerduty-api-error.ts";
import {
  listSubscriptions,
  type SubscriptionFilter,
} from "./webhook-subscriptions.ts";
import {
  forgetWebhookSecret,
  storeWebhookSecret,
} from "./webhook-secret-store.ts";
import {
  createAndStoreSubscription,
  webhookUrlOf,
} from "./ensure-webhook-subscription.ts";

export async function rotateWebhookSubscription(
  {
    db,
    box,
    pagerDuty,
    publicUrl,
    now = () => new Date(),
    storeSecret = storeWebhookSecret,
  }: {
    db: BridgeDb;
    box: SecretBox;
    pagerDuty: PagerDutyClient;
    publicUrl: string;
    now?: () => Date;
    storeSecret?: typeof storeWebhookSecret;
  },
): Promise<{ created: string; previous: string[] }> {
  const url = webhookUrlOf(publicUrl);
  const previous = (await listSubscriptions(pagerDuty)).filter((s) =>
    s.delivery_method.url === url
  );
  // The new one covers what the old one did (an operator may have narrowed it to a service or team).
  const old = previous[0]?.filter;
  const filter: SubscriptionFilter = old &&
      (old.type === "service_reference" || old.type === "team_reference") &&
      old.id
    ? { type: old.type, id: old.id }
    : { type: "account_reference" };
  // A failed store deletes the new subscription again (the old one keeps delivering) and throws.
  const created = await createAndStoreSubscription({
    db,
    box,
    pagerDuty,
    url,
    filter,
    now,
    storeSecret,
  });
  return { created: created.id, previous: previous.map((s) => s.id) };
}

/** Deletes a subscription in PagerDuty (already gone is fine) and forgets its stored secret. */
export async function retireWebhookSubscription(
  { db, pagerDuty, subscriptionId }: {
    db: BridgeDb;
    pagerDuty: PagerDutyClient;
    subscriptionId: string;
  },
): Promise<{ deleted: boolean; forgotten: boolean }> {
  let deleted = true;
  try {
    await pagerDuty.delete(
      `/webhook_subscriptions/${encodeURIComponent(subscriptionId)}`,
    );
  } catch (error) {
    if (!(error instanceof PagerDutyApiError && error.status === 404)) {
      throw error;
    }
    deleted = false;
  }
  return { deleted, forgotten: await forgetWebhookSecret(db, subscriptionId) };
}
