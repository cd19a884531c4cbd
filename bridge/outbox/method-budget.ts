// Per-method call budgets (Slack's tiers are per method and workspace: tier 3 ≈ 50/min, tier 4 ≈ 100/min),
// as a sliding window: the wait before the next call is allowed.

import { DEFAULT_METHOD_BUDGETS } from "../slack/slack-method-budgets.ts";

export interface MethodBudget {
  /** Milliseconds to wait before calling `method` (0 = go), without using the budget. */
  waitFor(method: string, nowMs: number): number;
  record(method: string, nowMs: number): void;
  /** Slack said 429: no calls of `method` before `untilMs`. */
  hold(method: string, untilMs: number): void;
}

export function createMethodBudget(
  perMinute: Readonly<Record<string, number>> = DEFAULT_METHOD_BUDGETS,
  windowMs = 60_000,
): MethodBudget {
  const calls = new Map<string, number[]>();
  const holds = new Map<string, number>();
  const recent = (method: string, nowMs: number) => {
    const list = (calls.get(method) ?? []).filter((t) => t > nowMs - windowMs);
    calls.set(method, list);
    return list;
  };
  return {
    waitFor(method, nowMs) {
      const held = Math.max(0, (holds.get(method) ?? 0) - nowMs);
      const limit = perMinute[method];
      if (limit === undefined) return held;
      const list = recent(method, nowMs);
      const budget = list.length < limit
        ? 0
        : (list[list.length - limit] ?? nowMs) + windowMs - nowMs;
      return Math.max(held, budget);
    },
    record(method, nowMs) {
      recent(method, nowMs).push(nowMs);
    },
    hold(method, untilMs) {
      holds.set(method, Math.max(holds.get(method) ?? 0, untilMs));
    },
  };
}
