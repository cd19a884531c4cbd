// A background loop that runs `step` again after the delay it returns (null = idle), can be woken early, and
// stops after the step in flight finishes (the drain on SIGTERM).
import type { Logger } from "pino";

export interface Loop {
  wake(): void;
  stop(): Promise<void>;
}

export function startLoop(
  step: () => Promise<number | null>,
  { idleMs, name, logger, firstInMs = 0 }: {
    idleMs: number;
    name: string;
    logger: Logger;
    /** Delay before the first step (work that need not compete with start-up); a wake ends it early. */
    firstInMs?: number;
  },
): Loop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeUp = resolve;
      timer = setTimeout(resolve, ms);
    });
  const done = (async () => {
    if (firstInMs > 0) {
      await sleep(firstInMs);
      clearTimeout(timer);
    }
    while (!stopped) {
      let delay: number | null;
      try {
        delay = await step();
      } catch (error) {
        logger.error({ err: error, loop: name }, "loop step failed");
        delay = idleMs;
      }
      if (stopped) break;
      if (delay === 0) continue;
      await sleep(delay ?? idleMs);
      clearTimeout(timer);
    }
  })();
  return {
    wake() {
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await done;
    },
  };
}
