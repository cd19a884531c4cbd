// A V3 webhook delivery as PagerDuty sends it: the raw JSON body, `X-PagerDuty-Signature` (HMAC-SHA256 of the
// raw body with the subscription secret, the PagerDuty simulator's signer), `X-Webhook-Id`,
// `X-Webhook-Subscription`, PagerDuty's User-Agent and content type.
import type { WebhookEvent } from "../../shared/pagerduty/webhook-event.ts";
import { signPagerDutyBody } from "../simulators/pagerduty/sign-pagerduty-body.ts";
import { WEBHOOK_USER_AGENT } from "../simulators/pagerduty/webhook-dispatcher.ts";

export const WEBHOOK_PATH = "/webhooks/pagerduty";
const BENCH_SUBSCRIPTION_ID = "PBENCHSUB";

export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

export function signedWebhook(
  event: WebhookEvent,
  secret: string,
  deliveryId: string = `delivery-${event.id}`,
): SignedWebhook {
  const body = JSON.stringify({ event });
  return {
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": WEBHOOK_USER_AGENT,
      "x-pagerduty-signature": signPagerDutyBody(body, secret),
      "x-webhook-id": deliveryId,
      "x-webhook-subscription": BENCH_SUBSCRIPTION_ID,
    },
  };
}
