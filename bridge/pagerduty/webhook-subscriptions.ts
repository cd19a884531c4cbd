// V3 webhook subscriptions as the bridge uses them: list (every page), find the one delivering to a URL, create
// one for every incident event. Shared by `setup` (bridge/commands/setup-subscription.ts) and the bridge keeping
// its own subscription (ensure-webhook-subscription.ts).
import { INCIDENT_EVENT_TYPES } from "../../shared/pagerduty/event-types.ts";
import type { PagerDutyClient } from "./pagerduty-client.ts";

export type SubscriptionFilter =
  | { type: "account_reference" }
  | { type: "service_reference" | "team_reference"; id: string };

export interface RestSubscription {
  id: string;
  active?: boolean;
  delivery_method: { url: string; secret?: string | null };
  filter: { type: string; id?: string | null };
}

/** Every page of `GET /webhook_subscriptions` (offset pagination). */
export async function listSubscriptions(
  pagerDuty: PagerDutyClient,
): Promise<RestSubscription[]> {
  const all: RestSubscription[] = [];
  for (let offset = 0;; offset += 100) {
    const page = await pagerDuty.get<
      { webhook_subscriptions: RestSubscription[]; more: boolean }
    >(`/webhook_subscriptions?limit=100&offset=${offset}`);
    all.push(...page.webhook_subscriptions);
    if (!page.more || page.webhook_subscriptions.length === 0) return all;
  }
}

/** Whether `s` delivers to `url` with `filter`: the subscription `setup` (and the bridge at start) would create. */
export function deliversTo(
  s: RestSubscription,
  url: string,
  filter: SubscriptionFilter,
): boolean {
  return s.delivery_method.url === url && s.filter.type === filter.type &&
    (s.filter.id ?? null) === ("id" in filter ? filter.id : null);
}

/** The subscription delivering to `url` with `filter`, if any (every page of the list). */
export async function findSubscription(
  pagerDuty: PagerDutyClient,
  url: string,
  filter: SubscriptionFilter,
): Promise<RestSubscription | undefined> {
  return (await listSubscriptions(pagerDuty)).find((s) =>
    deliversTo(s, url, filter)
  );
}

/**
 * POST /webhook_subscriptions for every incident event. The answer is the only one that carries the signing
 * secret ("Only provided on the initial create response": PagerDuty's REST OpenAPI, delivery_method.secret).
 */
export async function createSubscription(
  { pagerDuty, url, filter, description = "pagerslack bridge" }: {
    pagerDuty: PagerDutyClient;
    url: string;
    filter: SubscriptionFilter;
    description?: string;
  },
): Promise<{ id: string; secret: string }> {
  const { webhook_subscription: created } = await pagerDuty.post<
    { webhook_subscription: RestSubscription }
  >("/webhook_subscriptions", {
    webhook_subscription: {
      type: "webhook_subscription",
      description,
      delivery_method: { type: "http_delivery_method", url },
      events: [...INCIDENT_EVENT_TYPES],
      filter,
    },
  });
  const secret = created.delivery_method.secret;
  if (!secret) {
    throw new Error(
      `PagerDuty created subscription ${created.id} but returned no signing secret`,
    );
  }
  return { id: created.id, secret };
}
