// A background loop that runs `step` again after the delay it returns (null = idle), can be woken early, and
// stops after the step in flight finishes (the drain on SIGTERM).
import type { Logger } from "pino";

export interface Loop {
  wake(): void;
  stop(): Promise<void>;
}

export function startLoop(
  step: () => Promise<number | null>,
  { idleMs, name, logger }: { idleMs: number; name: string; logger: Logger },
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
