// A background loop that runs `step` again after the delay it returns (null = idle), can be woken early (a wake
// while a step runs ends the wait after it: that step may have read before the new work arrived), and stops
// after the step in flight finishes (the drain on SIGTERM). A failing step (the database gone, locked or
// restarting) is retried with backoff and reported once when the failures start and once when they end,
// however long they last.
import type { Logger } from "pino";
import { isDatabaseUnavailable } from "../db/database-error.ts";
import { backoffDelay } from "../jobs/backoff-delay.ts";

export interface Loop {
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Shared by the loops of one process: every loop notices a database outage, and it is one outage, so it is
 * one line when the first loop fails and one when the first loop succeeds again.
 */
export interface OutageLog {
  failed(loop: string, error: unknown): void;
  succeeded(loop: string): void;
}

export function createOutageLog(
  logger: Logger,
  now: () => number = Date.now,
): OutageLog {
  let since: number | null = null;
  let failedSteps = 0;
  return {
    failed(loop, error) {
      failedSteps += 1;
      if (since !== null) return;
      since = now();
      logger.error(
        { err: error, loop },
        "database unavailable; retrying with backoff",
      );
    },
    succeeded(loop) {
      if (since === null) return;
      logger.info(
        { loop, down_ms: now() - since, failed_steps: failedSteps },
        "database available again",
      );
      since = null;
      failedSteps = 0;
    },
  };
}

export function startLoop(
  step: () => Promise<number | null>,
  {
    idleMs,
    name,
    logger,
    firstInMs = 0,
    outage = createOutageLog(logger),
    failureBackoff = {
      baseMs: Math.min(idleMs, 1000),
      maxMs: Math.max(idleMs, 30_000),
    },
  }: {
    idleMs: number;
    name: string;
    logger: Logger;
    /** Delay before the first step (work that need not compete with start-up); a wake ends it early. */
    firstInMs?: number;
    /** Where database outages are reported; pass one to every loop of a process. Default: this loop's own. */
    outage?: OutageLog;
    /**
     * Exponential backoff (full jitter) between failed steps; a wake (new work, stored by a database that
     * answers again) ends the wait early. Default: from min(idleMs, 1 s) up to max(idleMs, 30 s), so an
     * outage costs a few log-free retries a minute, and a loop with a long period keeps it.
     */
    failureBackoff?: { baseMs: number; maxMs: number };
  },
): Loop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  // Whether a wake came since the current step began.
  let woken = false;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeUp = resolve;
      timer = setTimeout(resolve, ms);
    });
  // The current run of failures of this loop; its first error (or a different one) is logged, not every retry.
  let failures = 0;
  let lastLogged: string | null = null;
  let failingSince = 0;
  const failed = (error: unknown) => {
    failures += 1;
    if (isDatabaseUnavailable(error)) {
      outage.failed(name, error);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (message === lastLogged) {
      logger.debug({ err: error, loop: name, failures }, "loop step failed");
      return;
    }
    if (lastLogged === null) failingSince = Date.now();
    lastLogged = message;
    logger.error(
      { err: error, loop: name },
      "loop step failed; retrying with backoff",
    );
  };
  const succeeded = () => {
    outage.succeeded(name);
    if (lastLogged !== null) {
      logger.info(
        { loop: name, failures, failing_ms: Date.now() - failingSince },
        "loop step succeeded again",
      );
    }
    failures = 0;
    lastLogged = null;
  };
  const done = (async () => {
    if (firstInMs > 0) {
      await sleep(firstInMs);
      clearTimeout(timer);
    }
    while (!stopped) {
      let delay: number | null;
      woken = false;
      try {
        delay = await step();
        succeeded();
      } catch (error) {
        failed(error);
        delay = backoffDelay(failures, failureBackoff);
      }
      if (stopped) break;
      if (delay === 0 || woken) continue;
      await sleep(delay ?? idleMs);
      clearTimeout(timer);
    }
  })();
  return {
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await done;
    },
  };
}
