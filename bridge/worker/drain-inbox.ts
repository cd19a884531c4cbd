// Runs the inbox until it is empty, for startup and for tests that want every stored event applied.
import {
  INBOX_BATCH,
  processInboxOnce,
  type ProcessInboxOptions,
} from "./process-inbox.ts";

/** Applies everything pending (bounded, so one call cannot run forever under a flood). */
export async function drainInbox(
  options: ProcessInboxOptions,
  maxIncidents = 1000,
  /**
   * Awaited before each transaction; says how many pending events it takes. run-inbox.ts lets webhooks
   * waiting to be stored go first in a flood, and takes fewer while they keep coming.
   */
  before: () => Promise<number> = () => Promise.resolve(INBOX_BATCH),
  /** Told after each transaction how many events it applied, and whether more were pending than it took. */
  after: (applied: number, more: boolean) => void = () => {},
): Promise<number> {
  let applied = 0;
  for (let incidents = 0; incidents < maxIncidents;) {
    const result = await processInboxOnce(options, await before());
    if (result.incidents === 0) break;
    incidents += result.incidents;
    applied += result.applied;
    after(result.applied, result.more);
    // Events stored since are announced by their own wake-up: no extra transaction to find nothing.
    if (!result.more) break;
    // better-sqlite3 is synchronous: without a macrotask boundary the whole drain is one microtask chain
    // and webhooks wait behind it.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return applied;
}
