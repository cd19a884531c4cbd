// Failed token checks (the login form and `Authorization: Bearer` on GET /): after `maxFailures` within
// `windowMs` from one client further attempts are refused until the window ends, and after `maxGlobalFailures`
// from everyone together all are, so API tokens cannot be guessed at any useful rate even by a guesser cycling
// through addresses (or, behind a proxy the bridge is not told to trust, sharing the proxy's address with every
// admin). An attempt is counted the moment it starts, before its body is read: parallel requests cannot all pass
// the check. A success takes its own attempt back. In memory, per replica: a guesser spread over replicas still
// gets only the budget of each. Token entropy (`openssl rand -hex 32`) remains the real protection.
export interface LoginRateLimit {
  /**
   * Counts one attempt by `key` now (call it before any await): null when it may go ahead (it counts as a
   * failure until `succeeded`), else the milliseconds until one may.
   */
  attempt(key: string): number | null;
  /** The attempt by `key` was right: its count and this client's earlier failures are forgotten. */
  succeeded(key: string): void;
}

interface Window {
  since: number;
  count: number;
}

export function createLoginRateLimit(
  {
    maxFailures = 5,
    maxGlobalFailures = 50,
    windowMs = 15 * 60_000,
    now = Date.now,
  }: {
    maxFailures?: number;
    /** Failures from all clients together per window (bounds memory as well: one entry per failing client). */
    maxGlobalFailures?: number;
    windowMs?: number;
    now?: () => number;
  } = {},
): LoginRateLimit {
  const perClient = new Map<string, Window>();
  let global: Window = { since: now(), count: 0 };
  const current = (w: Window | undefined) =>
    w && now() - w.since < windowMs ? w : undefined;
  const waitOf = (w: Window) => w.since + windowMs - now();
  return {
    attempt(key) {
      if (!current(global)) {
        global = { since: now(), count: 0 };
        for (const [k, w] of perClient) if (!current(w)) perClient.delete(k);
      }
      const mine = current(perClient.get(key));
      if (mine && mine.count >= maxFailures) return waitOf(mine);
      if (global.count >= maxGlobalFailures) return waitOf(global);
      global.count += 1;
      if (mine) mine.count += 1;
      else perClient.set(key, { since: now(), count: 1 });
      return null;
    },
    succeeded(key) {
      perClient.delete(key);
      if (global.count > 0) global.count -= 1;
    },
  };
}
