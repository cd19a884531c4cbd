// Our own small Slack boundary: one `call` returning a result union. The @slack/web-api WebClient sits behind
// it with its retries off (its default policy waits up to 30 minutes inside a call); the outbox decides
// when to retry, from the typed outcome.
import {
  type ErrorCode,
  LogLevel,
  type WebAPICallResult,
  WebClient,
} from "@slack/web-api";
import type { BridgeMetrics } from "../ops/bridge-metrics.ts";
import { SlackApiError, slackErrorOutcome } from "./slack-errors.ts";

export type SlackResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: SlackApiError };

export interface SlackClient {
  call<T = Record<string, unknown>>(
    method: string,
    args: Record<string, unknown>,
  ): Promise<SlackResult<T>>;
}

export interface SlackClientOptions {
  token: string;
  /** Base URL ending in `/api/` (SLACK_API_URL). */
  slackApiUrl: string;
  metrics?: BridgeMetrics;
  timeoutMs?: number;
}

interface WebClientError {
  code?: ErrorCode | string;
  data?: { error?: string };
  retryAfter?: number;
  statusCode?: number;
  message?: string;
}

function toSlackApiError(method: string, cause: unknown): SlackApiError {
  const error = cause as WebClientError;
  switch (error.code) {
    case "slack_webapi_platform_error": {
      const code = error.data?.error ?? "unknown_error";
      return new SlackApiError({
        method,
        error: code,
        outcome: slackErrorOutcome(code),
      }, { cause });
    }
    case "slack_webapi_rate_limited_error":
      return new SlackApiError({
        method,
        error: "ratelimited",
        outcome: "rate_limited",
        retryAfterMs: (error.retryAfter ?? 1) * 1000,
      }, { cause });
    case "slack_webapi_http_error": {
      const status = error.statusCode ?? 0;
      return new SlackApiError({
        method,
        error: `http_${status}`,
        outcome: status >= 500 || status === 408 ? "retryable" : "permanent",
      }, { cause });
    }
    default:
      // Network failures and timeouts: worth another try.
      return new SlackApiError({
        method,
        error: `request_failed: ${error.message ?? String(cause)}`,
        outcome: "retryable",
      }, { cause });
  }
}

export function createSlackClient(options: SlackClientOptions): SlackClient {
  const web = new WebClient(options.token, {
    slackApiUrl: options.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
    timeout: options.timeoutMs ?? 10_000,
  });
  return {
    async call<T>(method: string, args: Record<string, unknown>) {
      try {
        const data = await web.apiCall(method, args) as WebAPICallResult;
        options.metrics?.slackCalls.inc({ method, outcome: "ok" });
        return { ok: true as const, data: data as T };
      } catch (cause) {
        const error = toSlackApiError(method, cause);
        options.metrics?.slackCalls.inc({ method, outcome: error.outcome });
        return { ok: false as const, error };
      }
    },
  };
}
