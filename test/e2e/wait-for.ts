/** A condition that did not come true in time; `last` is what the probe saw last, for the failure message. */
export class WaitTimeoutError extends Error {
  override name = "WaitTimeoutError";
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    last: unknown,
  ) {
    super(
      `timed out after ${timeoutMs} ms waiting for ${what}${
        last === undefined ? "" : `; last seen: ${describe(last)}`
      }`,
    );
  }
}

function describe(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

export interface WaitOptions {
  /** Named in the timeout error. */
  what?: string;
  timeoutMs?: number;
  intervalMs?: number;
  /** Called on timeout: what to show about the state of the world. */
  describe?: () => unknown;
}

/**
 * Polls `probe` until it returns something truthy (returned) or the bound is reached. Probes may be async and
 * may throw: a throw counts as "not yet", and the last error is reported on timeout.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  {
    what = "a condition",
    timeoutMs = 15_000,
    intervalMs = 20,
    describe,
  }: WaitOptions = {},
): Promise<Exclude<T, false | null | undefined>> {
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as Exclude<T, false | null | undefined>;
      last = value;
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (performance.now() > deadline) {
      throw new WaitTimeoutError(what, timeoutMs, describe ? describe() : last);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
