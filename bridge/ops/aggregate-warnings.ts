// A flood of refused requests (a scanner, a misconfigured sender, a PagerDuty subscription with an old
// secret) wrote one warning per request: 11,910 lines in 15 s, costing CPU and burying everything else. The
// first refusal of a quiet spell is still logged at once, in full; the others of its interval are counted
// by status and reason and written as one summary line when the interval ends.
import type { Logger } from "pino";

export interface WarningAggregatorOptions {
  logger: Logger;
  /** The message of every line, e.g. "webhook rejected"; summaries say `<message> (summary)`. */
  message: string;
  intervalMs?: number;
  now?: () => number;
  /** Runs `flush` once, `ms` from now. Default: an unref'd setTimeout (a pending summary never holds the process). */
  schedule?: (flush: () => void, ms: number) => void;
  /** Distinct (status, reason) pairs counted per interval; the rest are counted as `other`. */
  maxKeys?: number;
}

export interface WarningAggregator {
  /** One refusal; `fields` (no secrets) go on the line only when it is logged at once. */
  warn(
    key: { status: number; reason: string },
    fields?: Record<string, unknown>,
  ): void;
}

const defaultSchedule = (flush: () => void, ms: number) => {
  setTimeout(flush, ms).unref();
};

export function createWarningAggregator(
  {
    logger,
    message,
    intervalMs = 10_000,
    now = Date.now,
    schedule = defaultSchedule,
    maxKeys = 20,
  }: WarningAggregatorOptions,
): WarningAggregator {
  /** Start of the current interval; null while quiet (the next refusal is logged at once). */
  let since: number | null = null;
  let counts = new Map<
    string,
    { status: number; reason: string; count: number }
  >();
  // Each interval's timer; one made stale by an early flush (see warn) does nothing.
  let interval = 0;
  const startInterval = () => {
    since = now();
    const mine = (interval += 1);
    schedule(() => {
      if (mine === interval) flush();
    }, intervalMs);
  };

  const flush = () => {
    if (since === null) return;
    if (counts.size === 0) {
      since = null;
      return;
    }
    const by = [...counts.values()].sort((a, b) => b.count - a.count);
    logger.warn({
      refused: by.reduce((sum, entry) => sum + entry.count, 0),
      by,
      interval_ms: now() - since,
    }, `${message} (summary)`);
    counts = new Map();
    // The flood may go on: count the next interval too, and fall quiet after one without refusals.
    startInterval();
  };

  return {
    warn(key, fields = {}) {
      // A summary the timer has not written yet (a stalled event loop, a manual clock) is written first.
      if (since !== null && now() - since >= intervalMs) flush();
      if (since === null) {
        logger.warn(
          { ...fields, status: key.status, reason: key.reason },
          message,
        );
        startInterval();
        return;
      }
      const id = `${key.status} ${key.reason}`;
      const overflow = !counts.has(id) && counts.size >= maxKeys;
      const reason = overflow ? "other" : key.reason;
      const entry = counts.get(`${key.status} ${reason}`) ??
        { status: key.status, reason, count: 0 };
      entry.count += 1;
      counts.set(`${key.status} ${reason}`, entry);
    },
  };
}
