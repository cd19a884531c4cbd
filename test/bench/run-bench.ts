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

/** The benchmarks, in the order a full run runs them. */
export const BENCH_NAMES = ["ingest", "e2e", "storm", "memory"] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

/**
 * `--only ingest,memory` (or `--only ingest --only memory`): the benchmarks named, in the full run's order.
 * Absent: all of them. An unknown name is an error naming the known ones, not a run that skips it silently.
 */
export function parseOnly(argv: readonly string[]): BenchName[] {
  const named: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--only") {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) {
        throw new Error(`--only needs names: ${BENCH_NAMES.join(", ")}`);
      }
      named.push(...value.split(","));
      i += 1;
    } else if (arg.startsWith("--only=")) {
      named.push(...arg.slice("--only=".length).split(","));
    }
  }
  if (named.length === 0) return [...BENCH_NAMES];
  const unknown = named.filter((n) =>
    !(BENCH_NAMES as readonly string[]).includes(n)
  );
  if (unknown.length > 0) {
    throw new Error(
      `unknown benchmark ${unknown.join(", ")} (known: ${
        BENCH_NAMES.join(", ")
      })`,
    );
  }
  return BENCH_NAMES.filter((n) => named.includes(n));
}

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
  {
    progress = (_: string) => {},
    only = BENCH_NAMES,
  }: {
    progress?: (line: string) => void;
    /** The benchmarks to run (default: all); the others' figures, goals and details are absent. */
    only?: readonly BenchName[];
  } = {},
): Promise<BenchResults> {
  const started = performance.now();
  // Other work on the machine skews every figure: the load averages say how quiet it was.
  const loadBefore = loadavg().map((l) => round(l));
  // Built once, before any clock starts.
  progress("building dist/…");
  await buildBenchEntries();
  const elapsed = () => `${Math.round((performance.now() - started) / 1000)} s`;
  const benches: Record<BenchName, () => Promise<{ detail: unknown }>> = {
    ingest: () => benchIngest(sizes.ingest),
    e2e: () => benchEndToEnd(sizes.e2e),
    storm: () => benchStorm(sizes.storm),
    memory: () => benchMemory(sizes.memory),
  };
  const figures: Record<string, number> = {};
  const details: Record<string, unknown> = {};
  for (const name of BENCH_NAMES) {
    if (!only.includes(name)) continue;
    progress(`${name}… (${elapsed()})`);
    const { detail, ...values } = await benches[name]();
    details[name] = detail;
    // Every value but the detail is a figure (IngestFigures, MemoryFigures, …).
    Object.assign(figures, values as Record<string, number>);
  }
  progress(`done (${elapsed()})`);
  const ran = only.length === BENCH_NAMES.length;
  return {
    figures,
    // A partial run judges only the figures it produced.
    goals: checkGoals(figures).filter((g) => ran || g.figure in figures),
    details,
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
  const only = parseOnly(process.argv.slice(2));
  const results = await runBench(tiny ? TINY_SIZES : FULL_SIZES, {
    progress: (line) => process.stderr.write(`${line}\n`),
    only,
  });
  // results.json is a full run's record; a partial run only prints.
  if (!tiny && only.length === BENCH_NAMES.length) {
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
