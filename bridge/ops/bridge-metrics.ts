// Every metric the bridge exports, in one place, so names stay consistent across modules.
import {
  createMetricsRegistry,
  type MetricsRegistry,
} from "./metrics-registry.ts";

export function createBridgeMetrics(
  registry: MetricsRegistry = createMetricsRegistry(),
) {
  return {
    registry,
    /** labels: type (event type), outcome (stored | duplicate | ignored | rejected_<status>) */
    webhookEvents: registry.counter(
      "pagerslack_webhook_events_total",
      "PagerDuty webhook deliveries by event type and outcome.",
    ),
    /** labels: method, outcome (ok | rate_limited | retryable | permanent) */
    slackCalls: registry.counter(
      "pagerslack_slack_calls_total",
      "Slack Web API calls by method and outcome.",
    ),
    /** labels: method */
    rateLimitWaits: registry.counter(
      "pagerslack_slack_rate_limit_waits_total",
      "Times a Slack call waited for Retry-After or a pacing budget.",
    ),
    rateLimitWaitSeconds: registry.counter(
      "pagerslack_slack_rate_limit_wait_seconds_total",
      "Seconds spent waiting on Slack rate limits.",
    ),
    /** labels: error (Slack error code) */
    permanentErrors: registry.counter(
      "pagerslack_slack_permanent_errors_total",
      "Outbox jobs dropped after a permanent Slack error.",
    ),
    outboxDepth: registry.gauge(
      "pagerslack_outbox_depth",
      "Pending Slack jobs in the outbox.",
    ),
    inboxDepth: registry.gauge(
      "pagerslack_inbox_depth",
      "Stored webhook events not yet applied.",
    ),
    webhookToCardLag: registry.histogram(
      "pagerslack_webhook_to_card_lag_seconds",
      "Time from webhook receipt to the card or update reaching Slack.",
      [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    ),
  };
}

export type BridgeMetrics = ReturnType<typeof createBridgeMetrics>;
