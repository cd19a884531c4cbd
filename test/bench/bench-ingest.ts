// Figure 1: accepted webhooks per second of the bridge over a bare Hono endpoint that checks the same signature
// (same client, same concurrency, same run, in alternating batches), each bridge batch a burst of 10,000 into a
// quiet bridge; and the acknowledgement latency at a fixed rate.
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

/**
 * Rounds of the closed loop, each a baseline batch and then a bridge batch: the machine is shared, and its
 * speed drifts from one minute to the next (the baseline moved between 4,700 and 7,800 per second within an
 * hour), so each bridge batch is compared with the baseline batch run just before it, and the figure is the
 * median of those ratios.
 */
const ROUNDS = 3;

export interface IngestOptions {
  /** Measured requests per batch in the closed loop (after `warmup` more, once per target). */
  requests: number;
  warmup: number;
  concurrency: number;
  pacedRate: number;
  pacedRequests: number;
  logLevel?: string;
}

export interface IngestFigures {
  /** Median over the rounds of the bridge's rate over the baseline's in the same round. */
  ingest_ratio: number;
  /** Medians over the rounds. */
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
    /** The median round's batches. */
    bridge: Omit<LoadResult, "latenciesMs"> & { p99Ms: number };
    baseline: Omit<LoadResult, "latenciesMs"> & { p99Ms: number };
    /** Each round: accepted per second of its baseline and bridge batches, and their ratio. */
    rounds: { baselineRps: number; bridgeRps: number; ratio: number }[];
    /**
     * The bridge's CPU per webhook from the start of its batch until everything in it is folded: what the
     * worker deferred during the burst (run-inbox.ts, webhooks first) is counted too.
     */
    cpuUsWithFolding: number;
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
  const measuredTotal = ROUNDS * requests;
  // Distinct events for the warm-up, each round's bridge batch and the paced run: the bridge stores each one
  // once. The baseline stores nothing, so its batches send the same webhooks as the bridge's.
  const script = buildEventScript({
    incidents: Math.ceil((warmup + measuredTotal + pacedRequests) / 3),
    services: 1,
    life: "ack-resolve",
    tag: `IN${Date.now().toString(36)}`,
  });
  const signed = script.events.map((e) => signedWebhook(e.event, BENCH_SECRET));
  const warm = signed.slice(0, warmup);
  const batches = Array.from(
    { length: ROUNDS },
    (_, i) => signed.slice(warmup + i * requests, warmup + (i + 1) * requests),
  );
  const paced = signed.slice(
    warmup + measuredTotal,
    warmup + measuredTotal + pacedRequests,
  );

  const baseline = await startBenchProcess({
    entry: BENCH_ENTRIES.baseline,
    env: { PAGERDUTY_WEBHOOK_SECRETS: BENCH_SECRET },
  });
  let stack: Awaited<ReturnType<typeof startBenchBridge>> | undefined;
  try {
    stack = await startBenchBridge({
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    });
    const bridge = stack.bridge;
    const baselinePoster = createHttpPoster(baseline.url, { concurrency });
    const bridgePoster = createHttpPoster(bridge.url, { concurrency });
    await runClosedLoop(baselinePoster, warm, { concurrency });
    await runClosedLoop(bridgePoster, warm, { concurrency });
    // The warm-up is folded before the first round, and each bridge batch's folding before the next round:
    // every bridge batch starts from a quiet bridge, as a burst of webhooks finds it.
    await waitForEmptyInbox(bridge.url);
    const rounds: { baseline: LoadResult; bridge: LoadResult }[] = [];
    let baselineCpuMs = 0;
    let bridgeCpuMs = 0;
    let bridgeCpuWithFoldingMs = 0;
    for (const batch of batches) {
      let cpuBefore = baseline.cpuMs();
      const baselineRun = await runClosedLoop(baselinePoster, batch, {
        concurrency,
      });
      baselineCpuMs += baseline.cpuMs() - cpuBefore;
      assertAllAccepted("baseline", baselineRun);
      cpuBefore = bridge.cpuMs();
      const bridgeRun = await runClosedLoop(bridgePoster, batch, {
        concurrency,
      });
      bridgeCpuMs += bridge.cpuMs() - cpuBefore;
      assertAllAccepted("bridge", bridgeRun);
      await waitForEmptyInbox(bridge.url);
      bridgeCpuWithFoldingMs += bridge.cpuMs() - cpuBefore;
      rounds.push({ baseline: baselineRun, bridge: bridgeRun });
    }
    baselinePoster.close();
    bridgePoster.close();
    await baseline.stop();

    // The last round's folding is done: the paced run starts from a quiet bridge.
    const pacedPoster = createHttpPoster(bridge.url, { concurrency: 256 });
    const pacedRun = await runPaced(pacedPoster, paced, {
      ratePerSecond: pacedRate,
    });
    pacedPoster.close();
    assertAllAccepted("bridge (paced)", pacedRun);

    const ratios = rounds.map((r) => ({
      baselineRps: round(r.baseline.acceptedPerSecond, 0),
      bridgeRps: round(r.bridge.acceptedPerSecond, 0),
      ratio: round(
        r.bridge.acceptedPerSecond / r.baseline.acceptedPerSecond,
        3,
      ),
    }));
    const ingestRatio = percentile(ratios.map((r) => r.ratio), 50);
    // The round whose ratio is the figure: its batches are the detail.
    const middle = rounds[ratios.findIndex((r) => r.ratio === ingestRatio)];
    if (!middle) throw new Error("no closed-loop round");
    const { latenciesMs, ...pacedRest } = pacedRun;
    return {
      ingest_ratio: ingestRatio,
      ingest_rps: percentile(ratios.map((r) => r.bridgeRps), 50),
      baseline_rps: percentile(ratios.map((r) => r.baselineRps), 50),
      ingest_cpu_us: cpuPerWebhookUs(bridgeCpuMs, measuredTotal),
      baseline_cpu_us: cpuPerWebhookUs(baselineCpuMs, measuredTotal),
      ack_p50_ms: round(percentile(latenciesMs, 50)),
      ack_p99_ms: round(percentile(latenciesMs, 99)),
      detail: {
        bridge: summary(middle.bridge),
        baseline: summary(middle.baseline),
        rounds: ratios,
        cpuUsWithFolding: cpuPerWebhookUs(
          bridgeCpuWithFoldingMs,
          measuredTotal,
        ),
        paced: pacedRest,
      },
    };
  } finally {
    await baseline.stop();
    await stack?.close();
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
