// Every metric the bridge exports, in one place, so names and label names stay consistent across modules.
// prom-client's default metrics (process_*, nodejs_*) come with the registry.
import {
  createMetricsRegistry,
  type MetricsRegistry,
} from "./metrics-registry.ts";

export function createBridgeMetrics(
  registry: MetricsRegistry = createMetricsRegistry(),
) {
  const databaseUp = registry.gauge(
    "pagerslack_database_up",
    "1 when the last scrape read the queue depths from the database, 0 when the database did not answer.",
  );
  return {
    registry,
    databaseUp,
    /**
     * Refreshes gauges from the database before every scrape. A database that does not answer shows as
     * pagerslack_database_up 0 (and the gauges keep their last values) instead of failing the whole scrape:
     * the process metrics and the counters are what an operator needs most then.
     */
    collectFromDatabase(read: () => Promise<void>) {
      registry.onCollect(async () => {
        try {
          await read();
          databaseUp.set(1);
        } catch {
          databaseUp.set(0);
        }
      });
    },
    /** labels: type (event type), outcome (stored | duplicate | ignored | rejected_<status>) */
    webhookEvents: registry.counter(
      "pagerslack_webhook_events_total",
      "PagerDuty webhook deliveries by event type and outcome.",
      ["type", "outcome"],
    ),
    /**
     * labels: type (event type), reason (the reducer's IgnoredReason: unsupported_event_type | unexpected_data |
     * invalid_occurred_at | other_incident). Stored events the bridge reads nothing from, at intake or in the
     * worker: a new PagerDuty type or shape shows up here instead of as a refused webhook.
     */
    webhookEventsIgnored: registry.counter(
      "pagerslack_webhook_events_ignored_total",
      "Stored webhook events ignored, by event type and reason.",
      ["type", "reason"],
    ),
    /** labels: type (event type). Listed by `doctor`, kept in webhook_inbox with status `failed`. */
    webhookEventsSetAside: registry.counter(
      "pagerslack_webhook_events_set_aside_total",
      "Stored webhook events set aside because applying them failed.",
      ["type"],
    ),
    /** labels: method, outcome (ok | rate_limited | retryable | permanent) */
    slackCalls: registry.counter(
      "pagerslack_slack_calls_total",
      "Slack Web API calls by method and outcome.",
      ["method", "outcome"],
    ),
    /** labels: method */
    rateLimitWaits: registry.counter(
      "pagerslack_slack_rate_limit_waits_total",
      "Times Slack answered 429 (rate limited) and the call waited for its Retry-After.",
      ["method"],
    ),
    /** labels: method. Calls the shared pacing gate held back before Slack saw them (no 429 involved). */
    slackCallsPaced: registry.counter(
      "pagerslack_slack_calls_paced_total",
      "Slack calls the bridge's own pacing held back for a later slot, before Slack saw them.",
      ["method"],
    ),
    rateLimitWaitSeconds: registry.counter(
      "pagerslack_slack_rate_limit_wait_seconds_total",
      "Seconds spent waiting on Slack rate limits.",
    ),
    /** labels: error (Slack error code) */
    permanentErrors: registry.counter(
      "pagerslack_slack_permanent_errors_total",
      "Outbox jobs dropped after a permanent Slack error.",
      ["error"],
    ),
    /** labels: scope (workspace | channel), error (Slack error code) */
    deliveryBlocks: registry.counter(
      "pagerslack_slack_delivery_blocks_total",
      "Times Slack refused the bot token or a channel and its deliveries were parked.",
      ["scope", "error"],
    ),
    /** labels: scope (workspace | channel) */
    deliveryBlocked: registry.gauge(
      "pagerslack_slack_delivery_blocked",
      "Scopes whose Slack deliveries are parked now: 1 when the bot token is refused; channels refusing the bot.",
      ["scope"],
    ),
    /** labels: scope (workspace | channel) */
    parkedJobs: registry.gauge(
      "pagerslack_slack_parked_jobs",
      "Pending Slack jobs held back by a refused bot token or channel.",
      ["scope"],
    ),
    /** labels: reason (the job's last Slack error, or none) */
    jobsGivenUp: registry.counter(
      "pagerslack_slack_jobs_given_up_total",
      "Slack jobs still undelivered after the retention window, given up.",
      ["reason"],
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
