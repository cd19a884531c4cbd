// Failed logins per client address: after `maxFailures` within `windowMs` further attempts are refused until
// the window ends, so API tokens cannot be guessed through the login form at any useful rate. In memory, per
// replica: a guesser spread over replicas still gets only `maxFailures` per window from each.
export interface LoginRateLimit {
  /** Null when `key` may try now, else the milliseconds until it may. */
  blockedFor(key: string): number | null;
  failed(key: string): void;
  succeeded(key: string): void;
}

export function createLoginRateLimit(
  { maxFailures = 5, windowMs = 15 * 60_000, now = Date.now, maxKeys = 10_000 }:
    {
      maxFailures?: number;
      windowMs?: number;
      now?: () => number;
      /** Bounds memory under a flood of addresses; the oldest entry goes first. */
      maxKeys?: number;
    } = {},
): LoginRateLimit {
  const failures = new Map<string, { since: number; count: number }>();
  const entry = (key: string) => {
    const found = failures.get(key);
    if (found && now() - found.since >= windowMs) {
      failures.delete(key);
      return undefined;
    }
    return found;
  };
  return {
    blockedFor(key) {
      const found = entry(key);
      return found && found.count >= maxFailures
        ? found.since + windowMs - now()
        : null;
    },
    failed(key) {
      const found = entry(key);
      if (found) found.count += 1;
      else {
        if (failures.size >= maxKeys) {
          failures.delete(failures.keys().next().value!);
        }
        failures.set(key, { since: now(), count: 1 });
      }
    },
    succeeded(key) {
      failures.delete(key);
    },
  };
}
