// The goals, as a table: each figure, the bound, and which way it must hold.
export interface Goal {
  figure: string;
  bound: number;
  /** "max": the figure must be at most the bound (strictly under when `strict`); "min": at least. */
  kind: "max" | "min";
  strict?: boolean;
}

const BENCH_GOALS: readonly Goal[] = [
  { figure: "ingest_ratio", bound: 0.5, kind: "min" },
  { figure: "ack_p99_ms", bound: 10, kind: "max", strict: true },
  { figure: "e2e_p99_ms", bound: 100, kind: "max", strict: true },
  { figure: "storm_call_ratio", bound: 1.5, kind: "max" },
  { figure: "storm_429", bound: 0, kind: "max" },
  { figure: "storm_lost", bound: 0, kind: "max" },
  { figure: "storm_visible_p99_s", bound: 10, kind: "max", strict: true },
  { figure: "rss_mb", bound: 150, kind: "max", strict: true },
];

export interface GoalVerdict extends Goal {
  value: number;
  met: boolean;
}

export function checkGoals(
  figures: Readonly<Record<string, number>>,
): GoalVerdict[] {
  return BENCH_GOALS.map((goal) => {
    const value = figures[goal.figure] ?? Number.NaN;
    const met = goal.kind === "min"
      ? value >= goal.bound
      : goal.strict
      ? value < goal.bound
      : value <= goal.bound;
    return { ...goal, value, met };
  });
}
