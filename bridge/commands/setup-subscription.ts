// `setup`: create the PagerDuty V3 webhook subscription that feeds the bridge. PagerDuty shows the signing secret
// only in the create response, so this is the one moment an operator can capture it.
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import {
  createSubscription,
  findSubscription,
  type SubscriptionFilter,
} from "../pagerduty/webhook-subscriptions.ts";

export {
  listSubscriptions,
  type SubscriptionFilter,
} from "../pagerduty/webhook-subscriptions.ts";

export type SetupResult =
  | { kind: "created"; id: string; secret: string }
  | { kind: "exists"; id: string; active: boolean };

/**
 * Creates the subscription unless one already delivers to `url` with the same filter: a second one would
 * deliver every event twice (harmless for the bridge, which deduplicates, but wasteful).
 */
export async function setupSubscription(
  options: {
    pagerDuty: PagerDutyClient;
    url: string;
    filter: SubscriptionFilter;
    description?: string;
  },
): Promise<SetupResult> {
  const existing = await findSubscription(
    options.pagerDuty,
    options.url,
    options.filter,
  );
  if (existing) {
    return {
      kind: "exists",
      id: existing.id,
      active: existing.active !== false,
    };
  }
  return { kind: "created", ...await createSubscription(options) };
}
