import { type RateTier, TIER_BUDGETS } from "./method-table.ts";

export type RateLimitMode = "off" | "realistic";

/** Slack's tiers, with some methods' per-minute budgets replaced (a test's tight limits). */
export interface RateLimitSettings {
  mode: RateLimitMode;
  /** Calls per minute per workspace, by method; a burst of one, so `1` means one call a minute. */
  perMinute?: Readonly<Record<string, number>>;
}

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
  readonly #perMinute: Readonly<Record<string, number>>;

  constructor(
    settings: RateLimitMode | RateLimitSettings,
    now: () => number,
  ) {
    const { mode, perMinute = {} } = typeof settings === "string"
      ? { mode: settings }
      : settings;
    this.mode = mode;
    this.#perMinute = perMinute;
    this.#now = now;
  }

  take(method: string, tier: RateTier, channel?: string): RateDecision {
    if (this.mode === "off") return { allowed: true };
    const override = this.#perMinute[method];
    const budget = override === undefined
      ? TIER_BUDGETS[tier]
      : { capacity: 1, perSecond: override / 60, perChannel: false };
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
