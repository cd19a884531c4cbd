// Figure 1: sustained accepted webhooks per second of the bridge over a bare Hono endpoint that checks the
// same signature (same client, same concurrency, same run), and the acknowledgement latency at a fixed rate.
// Events belong to services with no connected channel: the worker still folds every event into its incident
// (same process, same CPU), but no Slack work is queued.
import { buildEventScript } from "./build-event-script.ts";
import { createHttpPoster } from "./http-poster.ts";
import { percentile, round } from "./percentile.ts";
import { type LoadResult, runClosedLoop } from "./run-closed-loop.ts";
import { runPaced } from "./run-paced.ts";
import { signedWebhook } from "./signed-webhook.ts";
import { BENCH_SECRET, startBenchBridge } from "./start-bench-bridge.ts";
import { startBenchProcess } from "./start-bench-process.ts";
import { BENCH_ENTRIES } from "./build-bench-entries.ts";

const BASELINE_BATCHES = 3;

export interface IngestOptions {
  /** Measured requests per target in the closed loop (after `warmup` more). */
  requests: number;
  warmup: number;
  concurrency: number;
  pacedRate: number;
  pacedRequests: number;
  logLevel?: string;
}

export interface IngestFigures {
  ingest_ratio: number;
  ingest_rps: number;
  baseline_rps: number;
  /**
   * CPU (all threads of the process) per accepted webhook in the closed loop, in µs: the bridge's includes the
   * folding it did meanwhile. The baseline's shows what its server needs: its rate is bound by the load generator.
   */
  ingest_cpu_us: number;
  baseline_cpu_us: number;
  ack_p50_ms: number;
  ack_p99_ms: number;
  /** Detail for results.json. */
  detail: {
    bridge: Omit<LoadResult, "latenciesMs"> & { p99Ms: number };
    baseline: Omit<LoadResult, "latenciesMs"> & { p99Ms: number };
    /** Accepted per second of each baseline batch (the median is the figure). */
    baselineBatches: number[];
    paced: Omit<LoadResult, "latenciesMs"> & { maxSendLagMs: number };
  };
}

/** µs of CPU per webhook, whole µs (the counter's unit is 10 ms: the closed loop's thousands of ms make it fine). */
const cpuPerWebhookUs = (cpuMs: number, webhooks: number) =>
  round((cpuMs * 1000) / webhooks, 0);

function summary({ latenciesMs, ...rest }: LoadResult) {
  return { ...rest, p99Ms: round(percentile(latenciesMs, 99)) };
}

function assertAllAccepted(what: string, result: LoadResult) {
  const other = Object.entries(result.statuses).filter(([s]) => s !== "202");
  if (other.length > 0) {
    throw new Error(
      `${what}: not every webhook got 202: ${JSON.stringify(result.statuses)}`,
    );
  }
}

export async function benchIngest(
  options: IngestOptions,
): Promise<IngestFigures> {
  const { requests, warmup, concurrency, pacedRate, pacedRequests } = options;
  const total = warmup + requests;
  // Distinct events for the warm-up, the closed loop and the paced run: the bridge stores each one once.
  const script = buildEventScript({
    incidents: Math.ceil((total + pacedRequests) / 3),
    services: 1,
    life: "ack-resolve",
    tag: `IN${Date.now().toString(36)}`,
  });
  const signed = script.events.map((e) => signedWebhook(e.event, BENCH_SECRET));
  const warm = signed.slice(0, warmup);
  const measured = signed.slice(warmup, total);
  const paced = signed.slice(total, total + pacedRequests);

  const baseline = await startBenchProcess({
    entry: BENCH_ENTRIES.baseline,
    env: { PAGERDUTY_WEBHOOK_SECRETS: BENCH_SECRET },
  });
  // The baseline is fast, so one batch takes about a second and is at the mercy of a GC or a neighbour:
  // the median of three batches (the baseline stores nothing, so the same webhooks can be sent again).
  const baselineRuns: LoadResult[] = [];
  let baselineCpuUs = NaN;
  try {
    const poster = createHttpPoster(baseline.url, { concurrency });
    await runClosedLoop(poster, warm, { concurrency });
    const cpuBefore = baseline.cpuMs();
    for (let i = 0; i < BASELINE_BATCHES; i++) {
      const run = await runClosedLoop(poster, measured, { concurrency });
      assertAllAccepted("baseline", run);
      baselineRuns.push(run);
    }
    baselineCpuUs = cpuPerWebhookUs(
      baseline.cpuMs() - cpuBefore,
      BASELINE_BATCHES * measured.length,
    );
    poster.close();
  } finally {
    await baseline.stop();
  }
  baselineRuns.sort((a, b) => a.acceptedPerSecond - b.acceptedPerSecond);
  const baselineRun = baselineRuns[Math.floor(BASELINE_BATCHES / 2)];
  if (!baselineRun) throw new Error("no baseline run");

  const stack = await startBenchBridge({
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
  try {
    const poster = createHttpPoster(stack.bridge.url, { concurrency });
    await runClosedLoop(poster, warm, { concurrency });
    const cpuBefore = stack.bridge.cpuMs();
    const bridgeRun = await runClosedLoop(poster, measured, { concurrency });
    const bridgeCpuMs = stack.bridge.cpuMs() - cpuBefore;
    poster.close();
    assertAllAccepted("bridge", bridgeRun);
    // Let the worker catch up with the closed loop's backlog so the paced run starts from a quiet bridge.
    await waitForEmptyInbox(stack.bridge.url);
    const pacedPoster = createHttpPoster(stack.bridge.url, {
      concurrency: 256,
    });
    const pacedRun = await runPaced(pacedPoster, paced, {
      ratePerSecond: pacedRate,
    });
    pacedPoster.close();
    assertAllAccepted("bridge (paced)", pacedRun);
    const { latenciesMs, ...pacedRest } = pacedRun;
    return {
      ingest_ratio: round(
        bridgeRun.acceptedPerSecond / baselineRun.acceptedPerSecond,
        3,
      ),
      ingest_rps: round(bridgeRun.acceptedPerSecond, 0),
      baseline_rps: round(baselineRun.acceptedPerSecond, 0),
      ingest_cpu_us: cpuPerWebhookUs(bridgeCpuMs, measured.length),
      baseline_cpu_us: baselineCpuUs,
      ack_p50_ms: round(percentile(latenciesMs, 50)),
      ack_p99_ms: round(percentile(latenciesMs, 99)),
      detail: {
        bridge: summary(bridgeRun),
        baseline: summary(baselineRun),
        baselineBatches: baselineRuns.map((r) => round(r.acceptedPerSecond, 0)),
        paced: pacedRest,
      },
    };
  } finally {
    await stack.close();
  }
}

/** Polls the bridge's own inbox gauge until the worker has applied everything stored. */
export async function waitForEmptyInbox(
  url: string,
  { timeoutMs = 120_000 } = {},
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const depth = Number(/^pagerslack_inbox_depth (\S+)$/m.exec(text)?.[1]);
    if (depth === 0) return;
    if (performance.now() > deadline) {
      throw new Error(
        `the bridge's inbox did not drain in ${timeoutMs} ms (depth ${depth})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
