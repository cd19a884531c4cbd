// `npx tsx test/bench/run-storm.ts [--tiny]`: the storm benchmark alone (bench-storm.ts, the full run's sizes),
// for working on the outbox without the other phases. Prints the storm figures and their goals; never writes
// results.json (that is the full run's).
import { buildBenchEntries } from "./build-bench-entries.ts";
import { checkGoals } from "./bench-goals.ts";
import { benchStorm } from "./bench-storm.ts";
import { formatBenchLine } from "./format-bench-line.ts";
import { FULL_SIZES, TINY_SIZES } from "./run-bench.ts";

const tiny = process.argv.includes("--tiny");
await buildBenchEntries();
const { detail, ...figures } = await benchStorm(
  (tiny ? TINY_SIZES : FULL_SIZES).storm,
);
process.stderr.write(`${JSON.stringify(detail)}\n`);
for (const goal of checkGoals(figures)) {
  if (!(goal.figure in figures)) continue;
  process.stderr.write(
    `${goal.met ? "met   " : "MISSED"} ${goal.figure}=${goal.value}\n`,
  );
}
console.log(formatBenchLine(figures));
