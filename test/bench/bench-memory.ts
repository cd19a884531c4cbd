// Figure 4: the bridge's peak resident memory (kernel VmHWM of the child process) while it ingests a large
// number of events from a closed-loop client, and the worker folds them into incident states.
import { buildEventScript } from "./build-event-script.ts";
import { createHttpPoster } from "./http-poster.ts";
import { round } from "./percentile.ts";
import { runClosedLoop } from "./run-closed-loop.ts";
import { signedWebhook } from "./signed-webhook.ts";
import { BENCH_SECRET, startBenchBridge } from "./start-bench-bridge.ts";
import { waitForEmptyInbox } from "./bench-ingest.ts";

export interface MemoryOptions {
  events: number;
  concurrency: number;
  logLevel?: string;
}

export interface MemoryFigures {
  rss_mb: number;
  detail: {
    events: number;
    accepted: number;
    seconds: number;
    acceptedPerSecond: number;
    /** Resident memory after start-up, before the first webhook. */
    idleRssMb: number;
    /** False when the worker had not applied every event 120 s after the last 202. */
    inboxDrained: boolean;
  };
}

export async function benchMemory(
  options: MemoryOptions,
): Promise<MemoryFigures> {
  const script = buildEventScript({
    incidents: Math.ceil(options.events / 3),
    services: 1,
    life: "ack-resolve",
    tag: `M${Date.now().toString(36)}`,
  });
  const signed = script.events.slice(0, options.events).map((e) =>
    signedWebhook(e.event, BENCH_SECRET)
  );
  const stack = await startBenchBridge({
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
  try {
    const idleRssMb = stack.bridge.peakRssMb();
    const poster = createHttpPoster(stack.bridge.url, {
      concurrency: options.concurrency,
    });
    const run = await runClosedLoop(poster, signed, {
      concurrency: options.concurrency,
    });
    poster.close();
    // The worker may still be folding the backlog: memory counts until it is done (bounded: a worker that
    // cannot drain in time is reported, not waited for).
    const inboxDrained = await waitForEmptyInbox(stack.bridge.url).then(
      () => true,
      () => false,
    );
    return {
      rss_mb: round(stack.bridge.peakRssMb(), 1),
      detail: {
        events: signed.length,
        accepted: run.statuses[202] ?? 0,
        seconds: round(run.durationMs / 1000, 1),
        acceptedPerSecond: round(run.acceptedPerSecond, 0),
        idleRssMb: round(idleRssMb, 1),
        inboxDrained,
      },
    };
  } finally {
    await stack.close();
  }
}
