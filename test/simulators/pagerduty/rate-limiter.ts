// PagerDuty's REST rate limit: 960 requests per minute per API key, per user for user tokens. A fixed window per
// caller; the headers say how many are left and when (seconds) the window resets. No Retry-After header.

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (rounded up, at least 1). */
  resetSeconds: number;
}

export interface RateLimiter {
  take(callerKey: string): RateLimitDecision;
  reset(): void;
}

export function createRateLimiter(
  { limit = 960, windowMs = 60_000, now = () => Date.now() }: {
    limit?: number;
    windowMs?: number;
    now?: () => number;
  } = {},
): RateLimiter {
  const windows = new Map<string, { start: number; used: number }>();
  return {
    take(callerKey) {
      const t = now();
      let window = windows.get(callerKey);
      if (!window || t - window.start >= windowMs) {
        window = { start: t, used: 0 };
        windows.set(callerKey, window);
      }
      const resetSeconds = Math.max(
        1,
        Math.ceil((window.start + windowMs - t) / 1000),
      );
      if (window.used >= limit) {
        return { allowed: false, limit, remaining: 0, resetSeconds };
      }
      window.used++;
      return {
        allowed: true,
        limit,
        remaining: limit - window.used,
        resetSeconds,
      };
    },
    reset() {
      windows.clear();
    },
  };
}
