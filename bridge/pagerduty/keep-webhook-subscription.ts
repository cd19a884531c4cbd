// Runs ensureWebhookSubscription at start without holding start-up: the bridge serves (webhooks answered 503
// until a secret is known, which PagerDuty retries) while PagerDuty is slow or down, and this retries with
// backoff, saying so in the log. It stops at the first answer that needs no retry.
import type { Logger } from "pino";
import { redactCredentials } from "../../shared/pagerduty/redact-credentials.ts";
import type { BridgeConfig } from "../config/load-config.ts";
import type { BridgeDb } from "../db/database.ts";
import type { SecretBox } from "../secrets/secret-box.ts";
import type { PagerDutyClient } from "./pagerduty-client.ts";
import {
  type EnsureResult,
  ensureWebhookSubscription,
  explainEnsureResult,
  webhookUrlOf,
} from "./ensure-webhook-subscription.ts";

export interface SubscriptionKeeper {
  /** The final result (null when stopped before one). */
  readonly done: Promise<EnsureResult | null>;
  stop(): void;
}

export interface KeepOptions {
  ensure: () => Promise<EnsureResult>;
  logger: Logger;
  url: string;
  /** Waits after failures, the last one repeated. */
  backoffMs?: readonly number[];
  /** Wait while another replica holds the creation claim. */
  busyRetryMs?: number;
  /** After a secret was stored, so this replica's route reads it at once. */
  onStored?: () => void;
}

const DEFAULT_BACKOFF_MS = [1_000, 5_000, 15_000, 60_000, 300_000];

export function keepWebhookSubscription(
  {
    ensure,
    logger,
    url,
    backoffMs = DEFAULT_BACKOFF_MS,
    busyRetryMs = 2_000,
    onStored,
  }: KeepOptions,
): SubscriptionKeeper {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
      timer.unref?.();
    });
  const run = async (): Promise<EnsureResult | null> => {
    let failures = 0;
    while (!stopped) {
      let result: EnsureResult;
      try {
        result = await ensure();
      } catch (error) {
        const waitMs = backoffMs[Math.min(failures, backoffMs.length - 1)]!;
        failures += 1;
        logger.warn(
          {
            err_message: redactCredentials((error as Error).message),
            attempt: failures,
            retry_in_ms: waitMs,
          },
          "could not reach PagerDuty to find or create the webhook subscription; retrying",
        );
        await sleep(waitMs);
        continue;
      }
      const said = explainEnsureResult(result, url);
      if (result.kind === "busy") {
        logger.debug(said.message);
        await sleep(busyRetryMs);
        continue;
      }
      if (result.kind === "created") onStored?.();
      logger[said.level]({ subscription_result: result.kind }, said.message);
      return result;
    }
    return null;
  };
  return {
    done: run(),
    stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
    },
  };
}

/**
 * Item 5 of issue 16 in the running bridge: with no secret configured but a key, a public URL and an encryption
 * key, the bridge finds or creates its subscription itself; null when it does not.
 */
export function startSubscriptionKeeper(
  { config, db, box, pagerDuty, instanceId, ...rest }:
    & {
      config: BridgeConfig;
      db: BridgeDb;
      box: SecretBox | null;
      pagerDuty: PagerDutyClient | null;
      instanceId: string;
    }
    & Pick<KeepOptions, "logger" | "onStored" | "backoffMs">,
): SubscriptionKeeper | null {
  const { publicUrl } = config;
  if (!pagerDuty || !box || !publicUrl || config.webhookSecrets.length > 0) {
    return null;
  }
  return keepWebhookSubscription({
    ensure: () =>
      ensureWebhookSubscription({ db, box, pagerDuty, publicUrl, instanceId }),
    url: webhookUrlOf(publicUrl),
    ...rest,
  });
}
