// Reads a V8 `.cpuprofile` (node --cpu-prof) and lists where the time went: self time per function and
// location, and inclusive time for the same, so a missed goal can be explained without a GUI.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
  };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  selfMs: number;
  totalMs: number;
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, "").replace(/^.*\/work\/main\//, "")
    .replace(/^.*node_modules\//, "~/");
  return `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
}

function summarizeCpuProfile(
  profile: CpuProfile,
  top = 25,
): { totalMs: number; idleMs: number; lines: ProfileLine[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const node = byId.get(id);
    if (!node) return;
    if (node.callFrame.functionName === "(idle)") idleMs += ms;
    const name = label(node);
    self.set(name, (self.get(name) ?? 0) + ms);
    const seen = new Set<string>();
    for (
      let at: number | undefined = id;
      at !== undefined;
      at = parent.get(at)
    ) {
      const n = byId.get(at);
      if (!n) break;
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + ms);
    }
  });
  const lines = [...self.entries()].map(([name, selfMs]) => ({
    name,
    selfMs: Math.round(selfMs),
    totalMs: Math.round(total.get(name) ?? 0),
  })).sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  return { totalMs: Math.round(totalMs), idleMs: Math.round(idleMs), lines };
}

/** `tsx test/bench/summarize-cpu-profile.ts <file.cpuprofile> [top] [--total]` */
if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, topArg] = process.argv.slice(2);
  if (!file) {
    console.error(
      "usage: summarize-cpu-profile.ts <file.cpuprofile> [top] [--total]",
    );
    process.exit(2);
  }
  const summary = summarizeCpuProfile(
    JSON.parse(readFileSync(file, "utf8")) as CpuProfile,
    Number(topArg ?? 25),
  );
  const byTotal = process.argv.includes("--total");
  console.log(`total ${summary.totalMs} ms, idle ${summary.idleMs} ms`);
  const lines = byTotal
    ? [...summary.lines].sort((a, b) => b.totalMs - a.totalMs)
    : summary.lines;
  for (const l of lines) {
    console.log(
      `${String(l.selfMs).padStart(7)} self ${
        String(l.totalMs).padStart(7)
      } total  ${l.name}`,
    );
  }
}
