import { type RateTier, TIER_BUDGETS } from "./method-table.ts";

export type RateLimitMode = "off" | "realistic";

export type RateDecision = { allowed: true } | {
  allowed: false;
  /** Whole seconds, as in Slack's `Retry-After` header. */
  retryAfter: number;
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets per (method, channel?) with an injectable clock, so tests move time instead of sleeping.
 * Buckets refill continuously; a refused call does not consume a token (Slack counts only accepted calls).
 */
export class RateLimiter {
  mode: RateLimitMode;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(mode: RateLimitMode, now: () => number) {
    this.mode = mode;
    this.#now = now;
  }

  take(method: string, tier: RateTier, channel?: string): RateDecision {
    if (this.mode === "off") return { allowed: true };
    const budget = TIER_BUDGETS[tier];
    const key = budget.perChannel ? `${method}:${channel ?? ""}` : method;
    const now = this.#now();
    const bucket = this.#buckets.get(key) ??
      { tokens: budget.capacity, updatedAt: now };
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(
      budget.capacity,
      bucket.tokens + elapsed * budget.perSecond,
    );
    bucket.updatedAt = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const wait = (1 - bucket.tokens) / budget.perSecond;
    return { allowed: false, retryAfter: Math.max(1, Math.ceil(wait)) };
  }

  reset(): void {
    this.#buckets.clear();
  }
}
