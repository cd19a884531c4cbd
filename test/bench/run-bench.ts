// `npm run bench`: every benchmark of issue 7 against the real bridge entry point and the simulators on
// loopback, one after the other (never two loads at once on a small machine). Writes test/bench/results.json
// and prints the `bench:` line. `--tiny` runs the same code on small sizes (a smoke run, not figures).
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { benchEndToEnd, type EndToEndOptions } from "./bench-end-to-end.ts";
import { buildBenchEntries } from "./build-bench-entries.ts";
import { checkGoals } from "./bench-goals.ts";
import { benchIngest, type IngestOptions } from "./bench-ingest.ts";
import { benchMemory, type MemoryOptions } from "./bench-memory.ts";
import { benchStorm, type StormOptions } from "./bench-storm.ts";
import { formatBenchLine } from "./format-bench-line.ts";
import { round } from "./percentile.ts";

export interface BenchSizes {
  ingest: IngestOptions;
  e2e: EndToEndOptions;
  storm: StormOptions;
  memory: MemoryOptions;
}

/** The sizes. */
export const FULL_SIZES: BenchSizes = {
  ingest: {
    requests: 10_000,
    warmup: 2_000,
    concurrency: 32,
    pacedRate: 500,
    pacedRequests: 5_000,
  },
  e2e: { incidents: 200, services: 200, ratePerSecond: 100, windowMs: 20_000 },
  storm: { incidents: 200, seconds: 30, settleTimeoutS: 300 },
  memory: { events: 100_000, concurrency: 32 },
};

/** Small enough for `npm test`: the harness runs end to end, the figures mean little. */
export const TINY_SIZES: BenchSizes = {
  ingest: {
    requests: 200,
    warmup: 50,
    concurrency: 8,
    pacedRate: 200,
    pacedRequests: 100,
  },
  e2e: { incidents: 20, services: 20, ratePerSecond: 100, windowMs: 10_000 },
  storm: { incidents: 5, seconds: 1, settleTimeoutS: 30 },
  memory: { events: 300, concurrency: 8 },
};

export interface BenchResults {
  figures: Record<string, number>;
  goals: ReturnType<typeof checkGoals>;
  details: Record<string, unknown>;
  sizes: BenchSizes;
  environment: Record<string, unknown>;
  seconds: number;
}

export async function runBench(
  sizes: BenchSizes,
  { progress = (_: string) => {} }: { progress?: (line: string) => void } = {},
): Promise<BenchResults> {
  const started = performance.now();
  // Other work on the machine skews every figure: the load averages say how quiet it was.
  const loadBefore = loadavg().map((l) => round(l));
  // Built once, before any clock starts.
  progress("building dist/…");
  await buildBenchEntries();
  const elapsed = () => `${Math.round((performance.now() - started) / 1000)} s`;
  progress(`ingest: ${sizes.ingest.requests} requests per target…`);
  const { detail: ingestDetail, ...ingest } = await benchIngest(sizes.ingest);
  progress(`ingest done (${elapsed()}); end-to-end…`);
  const { detail: e2eDetail, ...e2e } = await benchEndToEnd(sizes.e2e);
  progress(`end-to-end done (${elapsed()}); storm…`);
  const { detail: stormDetail, ...storm } = await benchStorm(sizes.storm);
  progress(`storm done (${elapsed()}); memory…`);
  const { detail: memoryDetail, ...memory } = await benchMemory(sizes.memory);
  progress(`memory done (${elapsed()})`);
  const figures = { ...ingest, ...e2e, ...storm, ...memory };
  return {
    figures,
    goals: checkGoals(figures),
    details: {
      ingest: ingestDetail,
      e2e: e2eDetail,
      storm: stormDetail,
      memory: memoryDetail,
    },
    sizes,
    environment: {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg().map((l) => round(l)),
    },
    seconds: Math.round((performance.now() - started) / 1000),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tiny = process.argv.includes("--tiny");
  const results = await runBench(tiny ? TINY_SIZES : FULL_SIZES, {
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  if (!tiny) {
    writeFileSync(
      new URL("./results.json", import.meta.url),
      `${JSON.stringify(results, null, 2)}\n`,
    );
  }
  for (const goal of results.goals) {
    process.stderr.write(
      `${goal.met ? "met   " : "MISSED"} ${goal.figure}=${goal.value} (goal ${
        goal.kind === "min" ? "≥" : goal.strict ? "<" : "≤"
      } ${goal.bound})\n`,
    );
  }
  console.log(formatBenchLine(results.figures));
}
