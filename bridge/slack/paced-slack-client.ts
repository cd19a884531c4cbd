// Every Slack call through the shared pacing gate. A call the budget refuses is not sent: it comes back as a
// rate_limited SlackApiError marked `paced`, with the wait as retryAfterMs, so the outbox treats it like a 429
// without spending Slack's budget on finding out. A real 429 holds the budget for every replica.
//
// Callers that cannot reschedule (the bridge API creating an incident channel, CLI commands) pass
// `maxWaitMs`: the call sleeps for its slot when the slot comes within that time, and is refused otherwise.
// The outbox never waits (it has other jobs to run) and reschedules on `retryAfterMs`.
import type { BridgeMetrics } from "../ops/bridge-metrics.ts";
import type { PacingGate, PacingKey } from "./pacing-gate.ts";
import type { SlackClient, SlackResult } from "./slack-client.ts";
import { SlackApiError } from "./slack-errors.ts";

export interface PacedCallOptions {
  /** Sleep up to this long for a slot instead of refusing. Default 0: refuse at once. */
  maxWaitMs?: number;
}

export interface PacedSlackClient extends SlackClient {
  call<T = Record<string, unknown>>(
    method: string,
    args: Record<string, unknown>,
    options?: PacedCallOptions,
  ): Promise<SlackResult<T>>;
  /** Milliseconds before `call(method, args)` would be allowed (0 = now): skip rendering work it would refuse. */
  waitFor(method: string, args: Record<string, unknown>): Promise<number>;
}

export interface PacedSlackClientOptions {
  slack: SlackClient;
  gate: PacingGate;
  /**
   * The bot's team id (auth.test's `team_id`): budgets are per workspace. A function when it is learnt after
   * start-up (start-bridge.ts).
   */
  workspace: string | (() => string);
  /** `maxWaitMs` of calls that do not pass one (the bridge API's client waits a few seconds; the outbox 0). */
  maxWaitMs?: number;
  /**
   * When the gate's database fails, call Slack unpaced instead of failing (CLI commands: a handful of calls,
   * and `doctor` must still report on Slack when the database is what is broken).
   */
  unpacedWhenGateFails?: boolean;
  /** Counts the calls the budget refused (`pagerslack_slack_calls_paced_total`), whoever made them. */
  metrics?: Pick<BridgeMetrics, "slackCallsPaced">;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createPacedSlackClient(
  options: PacedSlackClientOptions,
): PacedSlackClient {
  const { slack, gate } = options;
  const workspaceOf = typeof options.workspace === "function"
    ? options.workspace
    : () => options.workspace as string;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const keyOf = (
    method: string,
    args: Record<string, unknown>,
  ): PacingKey => ({
    workspace: workspaceOf(),
    method,
    ...(typeof args.channel === "string" ? { channel: args.channel } : {}),
  });
  // The gate's database failing is not Slack refusing: retryable, like a network failure.
  const unavailable = (method: string, cause: unknown) => ({
    ok: false as const,
    error: new SlackApiError({
      method,
      error: "pacing_unavailable",
      outcome: "retryable",
    }, { cause }),
  });

  return {
    async call<T>(
      method: string,
      args: Record<string, unknown>,
      callOptions: PacedCallOptions = {},
    ): Promise<SlackResult<T>> {
      const key = keyOf(method, args);
      const deadline = now() +
        (callOptions.maxWaitMs ?? options.maxWaitMs ?? 0);
      for (;;) {
        let decision;
        try {
          decision = await gate.take(key, now());
        } catch (cause) {
          if (options.unpacedWhenGateFails) {
            return await slack.call<T>(method, args);
          }
          return unavailable(method, cause);
        }
        if (decision.ok) break;
        if (now() + decision.waitMs > deadline) {
          options.metrics?.slackCallsPaced.inc({ method });
          return {
            ok: false,
            error: new SlackApiError({
              method,
              error: "ratelimited",
              outcome: "rate_limited",
              retryAfterMs: decision.waitMs,
              paced: true,
            }),
          };
        }
        await sleep(decision.waitMs);
      }
      const result = await slack.call<T>(method, args);
      if (
        !result.ok && result.error.outcome === "rate_limited" &&
        result.error.retryAfterMs !== null
      ) {
        try {
          await gate.hold(key, now() + result.error.retryAfterMs);
        } catch {
          // The caller still gets the 429 and its Retry-After; only other replicas miss the hold.
        }
      }
      return result;
    },
    waitFor: (method, args) => gate.waitFor(keyOf(method, args), now()),
  };
}
