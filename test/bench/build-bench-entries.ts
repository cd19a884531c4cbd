// The benchmark's servers are the built JavaScript (what the container runs), built once per process before the
// first one starts, so that a benchmark never measures stale output or the TypeScript loader.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const ROOT = new URL("../../", import.meta.url).pathname;
const TSC = `${ROOT}node_modules/typescript/bin/tsc`;

/** Paths from the repository root, as startBenchProcess takes them. */
export const BENCH_ENTRIES = {
  bridge: "dist/bridge/main.js",
  baseline: "dist/test/bench/baseline-main.js",
} as const;

let built: Promise<void> | undefined;

export function buildBenchEntries(): Promise<void> {
  // `tsc -p tsconfig.json` (npm run check) type-checks these files already: emit only, in seconds.
  built ??= promisify(execFile)(
    process.execPath,
    [TSC, "-p", "test/bench/tsconfig.bench.json", "--noCheck"],
    { cwd: ROOT },
  ).then(
    () => undefined,
    (error: Error & { stdout?: string }) => {
      built = undefined;
      throw new Error(`building the benchmark entries: ${error.stdout ?? ""}`, {
        cause: error,
      });
    },
  );
  return built;
}
