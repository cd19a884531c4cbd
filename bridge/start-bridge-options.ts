// What startBridge takes besides its configuration (tests shorten pacing, leases and timeouts), and what it returns.
import type { Logger } from "pino";
import type { CardRenderer } from "./outbox/card-renderer.ts";
import type { OutboxSenderOptions } from "./outbox/outbox-sender.ts";
import type { HttpLimits } from "./http/http-limits.ts";
import type { AlertContextsOptions } from "./enrichment/create-alert-contexts.ts";

export interface StartBridgeOptions {
  logger: Logger;
  renderer?: CardRenderer;
  /** Sender tuning (tests shorten pacing and leases). */
  sender?:
    & Partial<
      Pick<
        OutboxSenderOptions,
        "lagNoticeMs" | "leaseMs" | "retry" | "blockRetryMs"
      >
    >
    & {
      /** Interval of the per-channel post budget (Slack's: about one per second). */
      postIntervalMs?: number;
    };
  idleMs?: number;
  /** Alert-context tuning (tests set how long a first card waits for it, and the retry backoff). */
  alertContexts?: Partial<
    Pick<AlertContextsOptions, "waitMs" | "retry" | "maxAttempts" | "leaseMs">
  >;
  /** How often the reconciler compares PagerDuty with the snapshots (only with PAGERDUTY_API_TOKEN). */
  reconcileIntervalMs?: number;
  /** What slow or huge requests may cost (tests shorten the timeouts). Default: HTTP_LIMITS. */
  httpLimits?: Partial<HttpLimits>;
  /** A workspace uninstalled the app or revoked its bot token (its installation is already deleted). */
  onUninstalled?: (teamId: string) => void | Promise<void>;
}

export interface RunningBridge {
  port: number;
  stop(): Promise<void>;
}
