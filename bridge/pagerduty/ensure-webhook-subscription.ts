// Item 5 of issue 16: with a full-access key the bridge finds or creates the subscription delivering to
// `${BRIDGE_PUBLIC_URL}/webhooks/pagerduty` and keeps its signing secret sealed in the database, so
// PAGERDUTY_WEBHOOK_SECRETS becomes optional. PagerDuty shows a secret only in the create response ("Only
// provided on the initial create response": delivery_method.secret in PagerDuty's REST OpenAPI), so an existing
// subscription whose secret the bridge does not hold cannot be adopted: the result says so and what to do.
import type { BridgeDb } from "../db/database.ts";
import type { SecretBox } from "../secrets/secret-box.ts";
import type { PagerDutyClient } from "./pagerduty-client.ts";
import { PagerDutyApiError } from "./pagerduty-api-error.ts";
import {
  createSubscription,
  listSubscriptions,
  type SubscriptionFilter,
} from "./webhook-subscriptions.ts";
import {
  claimSubscriptionCreation,
  creationClaimedByOther,
  releaseSubscriptionCreation,
} from "./subscription-claim.ts";
import {
  readStoredWebhookSecrets,
  storeWebhookSecret,
} from "./webhook-secret-store.ts";

export const WEBHOOK_PATH = "/webhooks/pagerduty";
/** What `setup` creates by default: every incident of the account. */
const ACCOUNT_FILTER: SubscriptionFilter = { type: "account_reference" };
/** Long enough for a slow create; short enough that a replica dying mid-way blocks the others briefly. */
const CLAIM_LEASE_MS = 60_000;

export type EnsureResult =
  /** A subscription delivers to the bridge and its secret is in the database. */
  | { kind: "held"; subscriptionId: string }
  | { kind: "created"; subscriptionId: string }
  /** Subscriptions deliver to the bridge but none of their secrets is known. */
  | { kind: "secret_unknown"; subscriptionIds: string[]; unopenable: string[] }
  /** The key may read but not create subscriptions (PagerDuty's 403). */
  | { kind: "read_only" }
  /** The key was refused (401). */
  | { kind: "refused" }
  /** Another replica is creating the subscription right now: look again shortly. */
  | { kind: "busy" };

export interface EnsureOptions {
  db: BridgeDb;
  box: SecretBox;
  pagerDuty: PagerDutyClient;
  /** BRIDGE_PUBLIC_URL (no trailing slash). */
  publicUrl: string;
  /** This replica, for the creation claim. */
  instanceId: string;
  now?: () => Date;
  description?: string;
  /** Where the new secret goes (injectable so a test can make the store fail). */
  storeSecret?: typeof storeWebhookSecret;
}

/** The secret of a subscription just created could not be stored; the subscription was deleted again. */
export class SecretNotStoredError extends Error {
  constructor(
    readonly subscriptionId: string,
    readonly deleted: boolean,
    options: { cause: unknown },
  ) {
    super(
      `could not store the signing secret of new PagerDuty subscription ${subscriptionId} (${
        (options.cause as Error)?.message ?? String(options.cause)
      }); ${
        deleted
          ? "deleted it again, a later attempt creates a new one"
          : "deleting it failed too: delete it in PagerDuty (setup --retire)"
      }`,
      options,
    );
    this.name = "SecretNotStoredError";
  }
}

/**
 * Creates a subscription and stores its secret. PagerDuty shows the secret only in the create answer, so a
 * subscription whose secret could not be stored is useless and, left in place, would block every later attempt
 * (the bridge would find it delivering without a secret): it is deleted again (best effort) and the error
 * rethrown, so the caller's retry creates a fresh one.
 */
export async function createAndStoreSubscription(
  { db, box, pagerDuty, url, filter, description, now, storeSecret }: {
    db: BridgeDb;
    box: SecretBox;
    pagerDuty: PagerDutyClient;
    url: string;
    filter: SubscriptionFilter;
    description?: string;
    now: () => Date;
    storeSecret: typeof storeWebhookSecret;
  },
): Promise<{ id: string }> {
  const created = await createSubscription({
    pagerDuty,
    url,
    filter,
    ...(description ? { description } : {}),
  });
  try {
    await storeSecret(db, box, {
      subscriptionId: created.id,
      url,
      secret: created.secret,
    }, now());
  } catch (cause) {
    let deleted = false;
    try {
      await pagerDuty.delete(
        `/webhook_subscriptions/${encodeURIComponent(created.id)}`,
      );
      deleted = true;
    } catch {
      // Reported through `deleted`: the operator removes it by hand.
    }
    throw new SecretNotStoredError(created.id, deleted, { cause });
  }
  return { id: created.id };
}

export function webhookUrlOf(publicUrl: string): string {
  return `${publicUrl}${WEBHOOK_PATH}`;
}

/** One attempt. Throws on a network error, a 5xx or a 429: the caller retries later. */
export async function ensureWebhookSubscription(
  options: EnsureOptions,
): Promise<EnsureResult> {
  const {
    db,
    box,
    pagerDuty,
    instanceId,
    now = () => new Date(),
    storeSecret = storeWebhookSecret,
  } = options;
  const url = webhookUrlOf(options.publicUrl);
  // The order matters with a replica creating concurrently (it stores the secret, then releases its claim):
  // a subscription in the list whose creator still holds the claim may have no stored secret yet; once the
  // claim is gone, its secret is stored.
  const look = async (): Promise<EnsureResult | null> => {
    const delivering = (await listSubscriptions(pagerDuty)).filter((s) =>
      s.delivery_method.url === url
    );
    if (delivering.length === 0) return null;
    if (await creationClaimedByOther(db, instanceId, now())) {
      return { kind: "busy" };
    }
    const stored = await readStoredWebhookSecrets(db, box);
    const held = delivering.find((s) =>
      stored.secrets.some((k) => k.subscriptionId === s.id)
    );
    if (held) return { kind: "held", subscriptionId: held.id };
    return {
      kind: "secret_unknown",
      subscriptionIds: delivering.map((s) => s.id),
      unopenable: stored.unopenable,
    };
  };
  try {
    const seen = await look();
    if (seen) return seen;
    if (
      !await claimSubscriptionCreation(db, instanceId, now(), CLAIM_LEASE_MS)
    ) {
      return { kind: "busy" };
    }
    try {
      // Another replica may have created it between our look and our claim.
      const again = await look();
      if (again) return again;
      const created = await createAndStoreSubscription({
        db,
        box,
        pagerDuty,
        url,
        filter: ACCOUNT_FILTER,
        ...(options.description ? { description: options.description } : {}),
        now,
        storeSecret,
      });
      return { kind: "created", subscriptionId: created.id };
    } finally {
      await releaseSubscriptionCreation(db, instanceId);
    }
  } catch (error) {
    if (error instanceof PagerDutyApiError) {
      if (error.status === 403) return { kind: "read_only" };
      if (error.status === 401) return { kind: "refused" };
    }
    throw error;
  }
}

/** What to tell the operator about a result that needs them; null when nothing. Never the secret. */
export function explainEnsureResult(
  result: EnsureResult,
  url: string,
): { level: "info" | "warn"; message: string } {
  switch (result.kind) {
    case "held":
      return {
        level: "info",
        message:
          `PagerDuty webhook subscription ${result.subscriptionId} delivers to ${url}; its signing secret is kept in the database`,
      };
    case "created":
      return {
        level: "info",
        message:
          `created PagerDuty webhook subscription ${result.subscriptionId} delivering to ${url}; its signing secret is sealed in the database`,
      };
    case "secret_unknown":
      return {
        level: "warn",
        message: `PagerDuty subscription ${
          result.subscriptionIds.join(", ")
        } already delivers to ${url}, but the bridge does not hold its signing secret (PagerDuty shows it only when a subscription is created)${
          result.unopenable.length > 0
            ? `; a secret kept for ${
              result.unopenable.join(", ")
            } does not open with this PAGERSLACK_ENCRYPTION_KEY`
            : ""
        }. Either set PAGERDUTY_WEBHOOK_SECRETS to that secret, or run \`setup --rotate\` (creates a new subscription whose secret the bridge keeps), then delete the old subscription in PagerDuty`,
      };
    case "read_only":
      return {
        level: "warn",
        message:
          "PAGERDUTY_API_TOKEN is read-only: the bridge cannot create its webhook subscription; use a full-access key once (or `setup`) and set PAGERDUTY_WEBHOOK_SECRETS",
      };
    case "refused":
      return {
        level: "warn",
        message:
          "PAGERDUTY_API_TOKEN was refused (401): the bridge cannot find or create its webhook subscription",
      };
    case "busy":
      return {
        level: "info",
        message:
          "another replica is creating the PagerDuty webhook subscription; looking again shortly",
      };
  }
}
