// The inbox on one database connection: the group-committing writer that stores webhooks, and the worker loop
// that applies them, woken by what the writer stored. Both run on the event loop that answers webhooks (a
// worker thread with a connection of its own was built and measured: on two cores it stored no more webhooks
// per second, and its second V8 heap cost about 30 MB), so the worker yields to the writer: see writesFirst.
import type { Logger } from "pino";
import type { BridgeDb, Dialect } from "../db/database.ts";
import {
  createInboxWriter,
  type InboxWriter,
} from "../webhooks/create-inbox-writer.ts";
import { drainInbox } from "./drain-inbox.ts";
import type { BridgeMetrics } from "../ops/bridge-metrics.ts";
import { INBOX_BATCH } from "./process-inbox.ts";
import { type OutageLog, startLoop } from "./start-loop.ts";

/** A burst of stored webhooks wakes the worker once per window of this length, not once per webhook. */
const WORKER_WAKE_WINDOW_MS = 5;

// How writes go first (writesFirst). MAX_BEHIND bounds what a flood may leave unfolded: cards lag by at most
// that many events, and the catch-up after the flood stays small (folding 90,000 events at full speed grew the
// heap by some 40 MB in the memory benchmark).
const FLOOD_WINDOW_MS = 100;
/** Webhooks per FLOOD_WINDOW_MS from which it is a flood (500 per second). */
const FLOOD_WRITES = 50;
const WRITES_QUIET_MS = 2;
const FOLD_AT_LEAST_EVERY_MS = 20;
const FLOOD_BATCH = 8;
const MAX_BEHIND = 10_000;

export interface RunningInbox {
  writer: InboxWriter;
  /** Events were stored by someone else (the reconciler, another replica's retry): apply them now. */
  wake(): void;
  /** Stops the worker after the step in flight and waits for the writes in flight to commit. */
  stop(): Promise<void>;
}

export function runInbox(
  { db, dialect, logger, metrics, outage, idleMs, onApplied }: {
    db: BridgeDb;
    dialect: Dialect;
    logger: Logger;
    metrics: BridgeMetrics;
    outage?: OutageLog;
    idleMs: number;
    /** Events were applied: the outbox may have new jobs. */
    onApplied: () => void;
  },
): RunningInbox {
  // Events this writer stored, and how many of them had been stored when a step last began: a step reads
  // after it begins, so a wake for events it already had would only find the inbox empty.
  let stored = 0;
  let seen = 0;
  // The worker's transactions then take many events each instead of one or two, for a few milliseconds of
  // latency.
  let wakeTimer: NodeJS.Timeout | undefined;
  const wakeSoon = () => {
    wakeTimer ??= setTimeout(() => {
      wakeTimer = undefined;
      if (stored > seen) loop.wake();
    }, WORKER_WAKE_WINDOW_MS);
  };

  const rows = createInboxWriter({ db });
  const inFlight = new Set<Promise<unknown>>();
  // A webhook waiting for its 202 goes before folding. A worker transaction holds this thread for a few
  // milliseconds, and under a flood of webhooks (FLOOD_WRITES or more in a window) the thread cannot both
  // store and fold all of them: while webhooks keep arriving (one in flight, or one within WRITES_QUIET_MS),
  // a transaction waits, at most FOLD_AT_LEAST_EVERY_MS, and takes FLOOD_BATCH events instead of
  // INBOX_BATCH, so folding goes on, slower, and catches up when the flood ends; once MAX_BEHIND events wait,
  // it folds as if there were no flood. Below a flood nothing waits: a fold there delays no one much.
  let lastWrite = 0;
  // Events stored by this writer and not yet applied, as far as this process knows.
  let behind = 0;
  const flowing = () =>
    inFlight.size > 0 || Date.now() - lastWrite < WRITES_QUIET_MS;
  // Writes in this window and the one before: a flood is seen at once, and ends a window after it ends.
  let windowStart = 0;
  let windowWrites = 0;
  let previousWrites = 0;
  const roll = (now: number) => {
    if (now - windowStart < FLOOD_WINDOW_MS) return;
    previousWrites = now - windowStart < 2 * FLOOD_WINDOW_MS ? windowWrites : 0;
    windowStart = now;
    windowWrites = 0;
  };
  const flood = () => {
    roll(Date.now());
    return Math.max(windowWrites, previousWrites) >= FLOOD_WRITES;
  };
  async function writesFirst(): Promise<number> {
    if (!flood()) return INBOX_BATCH;
    const since = Date.now();
    while (flowing() && behind < MAX_BEHIND) {
      if (Date.now() - since >= FOLD_AT_LEAST_EVERY_MS) return FLOOD_BATCH;
      await Promise.race([
        ...inFlight,
        new Promise((resolve) => setTimeout(resolve, WRITES_QUIET_MS)),
      ]);
    }
    return INBOX_BATCH;
  }

  // Last: its first step runs at once, and reads everything above.
  const loop = startLoop(async () => {
    seen = stored;
    let more = false;
    const applied = await drainInbox(
      { db, dialect, logger, metrics },
      undefined,
      writesFirst,
      (n, pending) => {
        behind = Math.max(0, behind - n);
        more = pending;
      },
    );
    if (applied === 0) return null;
    onApplied();
    // A drain stops after so many incidents: a backlog (a flood just ended) goes on at once. Otherwise the
    // inbox was empty when the drain last read it, and whatever was stored since wakes the loop, which then
    // steps again at once (startLoop); stepping again anyway, and being woken for events the step had already
    // read, found nothing in half the transactions at 500 webhooks/s.
    return more ? 0 : null;
  }, { idleMs, name: "inbox", logger, ...(outage ? { outage } : {}) });

  return {
    writer: {
      write(input) {
        lastWrite = Date.now();
        roll(lastWrite);
        windowWrites += 1;
        const written = rows.write(input);
        const settled = written.then((outcome) => {
          if (outcome !== "stored") return;
          behind += 1;
          stored += 1;
          wakeSoon();
        }, () => {}).finally(() => {
          inFlight.delete(settled);
          lastWrite = Date.now();
        });
        inFlight.add(settled);
        return written;
      },
    },
    wake: () => loop.wake(),
    async stop() {
      clearTimeout(wakeTimer);
      await Promise.all(inFlight);
      await loop.stop();
    },
  };
}
