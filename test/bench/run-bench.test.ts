// The benchmark harness on tiny sizes, so it cannot rot: every figure is produced and is a number, the load
// generator's signatures are accepted, and the storm's bookkeeping agrees with what Slack received. No
// timing is asserted (benchmarks are not tests).
import { describe, expect, it } from "vitest";
import { verifySignature } from "../../bridge/webhooks/verify-signature.ts";
import { checkGoals } from "./bench-goals.ts";
import { buildEventScript } from "./build-event-script.ts";
import { formatBenchLine } from "./format-bench-line.ts";
import { percentile } from "./percentile.ts";
import { readProcCpuMs } from "./read-proc-cpu.ts";
import { readProcMemory } from "./read-proc-memory.ts";
import { BENCH_NAMES, parseOnly, runBench, TINY_SIZES } from "./run-bench.ts";
import { signedWebhook } from "./signed-webhook.ts";

const FIGURES = [
  "ingest_ratio",
  "ingest_rps",
  "baseline_rps",
  "ingest_cpu_us",
  "baseline_cpu_us",
  "ack_p50_ms",
  "ack_p99_ms",
  "e2e_p50_ms",
  "e2e_p99_ms",
  "e2e_post_p99_ms",
  "e2e_unseen",
  "storm_call_ratio",
  "storm_429",
  "storm_settle_s",
  "storm_settle_floor_s",
  "storm_lost",
  "storm_pd_calls",
  "storm_visible_p99_s",
  "storm_calls",
  "rss_mb",
];

describe("bench harness pieces", () => {
  it("percentile uses nearest rank and shows an empty sample as NaN", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("signs bodies as PagerDuty does, so the bridge's verifier accepts them", () => {
    const script = buildEventScript({
      incidents: 1,
      services: 1,
      life: "ack-resolve",
      tag: "T",
      startMs: 0,
    });
    const first = script.events[0];
    if (!first) throw new Error("no event");
    const { body, headers } = signedWebhook(first.event, "s3cret");
    expect(JSON.parse(body)).toEqual({ event: first.event });
    expect(headers["user-agent"]).toBe("PagerDuty-Webhook/V3.0");
    expect(headers["x-webhook-id"]).toBeTruthy();
    const raw = new TextEncoder().encode(body);
    expect(verifySignature(raw, headers["x-pagerduty-signature"], ["s3cret"]))
      .toBe(true);
    expect(verifySignature(raw, headers["x-pagerduty-signature"], ["other"]))
      .toBe(false);
  });

  it("scripts storms in rounds and knows each incident's final state", () => {
    const script = buildEventScript({
      incidents: 8,
      services: 2,
      life: "storm",
      tag: "T",
      startMs: Date.parse("2026-08-20T10:00:00.000Z"),
    });
    expect(script.events).toHaveLength(40);
    expect(script.events.slice(0, 8).map((e) => e.event.event_type)).toEqual(
      Array(8).fill("incident.triggered"),
    );
    // Every incident's events are in occurred_at order, ids are unique.
    const ids = new Set(script.events.map((e) => e.event.id));
    expect(ids.size).toBe(40);
    expect(
      [...script.final.entries()].map((
        [id, f],
      ) => [id, f.status, f.sameAsTriggered]),
    ).toEqual([
      ["PTI0", "resolved", false],
      ["PTI1", "resolved", false],
      ["PTI2", "acknowledged", false],
      ["PTI3", "triggered", true],
      ["PTI4", "resolved", false],
      ["PTI5", "resolved", false],
      ["PTI6", "acknowledged", false],
      ["PTI7", "triggered", true],
    ]);
    expect(script.final.get("PTI3")?.updatedAt).toBe(
      "2026-08-20T10:00:00.003Z",
    );
    expect(script.serviceIds).toEqual(["PST0", "PST1"]);
  });

  it("reads this process's memory from /proc", () => {
    const memory = readProcMemory(process.pid);
    expect(memory?.rssMb).toBeGreaterThan(10);
    expect(memory?.peakRssMb).toBeGreaterThanOrEqual(memory?.rssMb ?? Infinity);
    expect(readProcMemory(2 ** 22 + 12345)).toBeNull();
  });

  it("reads this process's CPU time from /proc, and it grows with work", () => {
    const before = readProcCpuMs(process.pid);
    expect(before).toBeGreaterThan(0);
    // 50 ms of CPU on the clock: at least a few 10 ms ticks more.
    const until = performance.now() + 50;
    while (performance.now() < until) Math.sqrt(Math.random());
    expect(readProcCpuMs(process.pid)).toBeGreaterThanOrEqual(
      (before ?? Infinity) + 20,
    );
    expect(readProcCpuMs(2 ** 22 + 12345)).toBeNull();
  });

  it("checks goals in the direction each one points", () => {
    const verdicts = checkGoals({
      ingest_ratio: 0.5,
      ack_p99_ms: 10,
      e2e_p99_ms: 99,
      storm_call_ratio: 1.5,
      storm_429: 1,
      storm_lost: 0,
      storm_visible_p99_s: 10,
      rss_mb: 149.9,
    });
    expect(Object.fromEntries(verdicts.map((v) => [v.figure, v.met]))).toEqual({
      ingest_ratio: true,
      ack_p99_ms: false,
      e2e_p99_ms: true,
      storm_call_ratio: true,
      storm_429: false,
      storm_lost: true,
      storm_visible_p99_s: false,
      rss_mb: true,
    });
    expect(checkGoals({}).every((v) => !v.met)).toBe(true);
  });

  it("runs only the benchmarks --only names, in the full run's order", () => {
    expect(parseOnly([])).toEqual([...BENCH_NAMES]);
    expect(parseOnly(["--tiny"])).toEqual([...BENCH_NAMES]);
    expect(parseOnly(["--only", "memory,ingest"])).toEqual([
      "ingest",
      "memory",
    ]);
    expect(parseOnly(["--only", "memory", "--only=storm"])).toEqual([
      "storm",
      "memory",
    ]);
    expect(() => parseOnly(["--only", "ingset"])).toThrow(
      "unknown benchmark ingset (known: ingest, e2e, storm, memory)",
    );
    expect(() => parseOnly(["--only"])).toThrow("--only needs names");
    expect(() => parseOnly(["--only", "--tiny"])).toThrow("--only needs names");
  });

  it("formats the summary line", () => {
    expect(formatBenchLine({ ingest_ratio: 0.61, rss_mb: 98.2 })).toBe(
      "bench: ingest_ratio=0.61 rss_mb=98.2",
    );
  });
});

describe("runBench on tiny sizes", () => {
  it(
    "produces every figure against the real bridge and simulators",
    async () => {
      const results = await runBench(TINY_SIZES);
      expect(Object.keys(results.figures).sort()).toEqual([...FIGURES].sort());
      for (const name of FIGURES) {
        const value = results.figures[name];
        expect(Number.isFinite(value), `${name}=${value}`).toBe(true);
        expect(value, name).toBeGreaterThanOrEqual(0);
      }
      const f = results.figures;
      expect(f.ingest_rps).toBeGreaterThan(0);
      expect(f.baseline_rps).toBeGreaterThan(0);
      // Three rounds of a baseline batch and a bridge batch; the figures are the rounds' medians.
      const ingest = results.details.ingest as {
        rounds: { baselineRps: number; bridgeRps: number; ratio: number }[];
        cpuUsWithFolding: number;
      };
      expect(ingest.rounds).toHaveLength(3);
      const middle = <T>(values: T[], key: (v: T) => number) =>
        [...values].sort((a, b) => key(a) - key(b))[1];
      expect(f.ingest_ratio).toBe(middle(ingest.rounds, (r) => r.ratio)?.ratio);
      expect(f.ingest_rps).toBe(
        middle(ingest.rounds, (r) => r.bridgeRps)?.bridgeRps,
      );
      for (const r of ingest.rounds) {
        expect(r.ratio).toBeCloseTo(r.bridgeRps / r.baselineRps, 2);
      }
      expect(ingest.cpuUsWithFolding).toBeGreaterThanOrEqual(
        f.ingest_cpu_us ?? Infinity,
      );
      expect(f.ack_p99_ms).toBeGreaterThanOrEqual(f.ack_p50_ms ?? Infinity);
      // Few enough events that Slack's budgets never bite: every event reaches a card, no card is lost.
      expect(f.e2e_unseen).toBe(0);
      expect(f.e2e_p99_ms).toBeGreaterThanOrEqual(f.e2e_p50_ms ?? Infinity);
      expect(f.storm_lost).toBe(0);
      expect(f.storm_429).toBe(0);
      expect(f.storm_call_ratio).toBeGreaterThan(0);
      // Enrichment was on, and cached per kind, never one call per render (every card is posted and most are
      // edited): the REST incident (acknowledgers, alert count) at most once per incident state the storm's
      // events make (five events per incident), the first alert once per incident, and otherwise one call per
      // user the events name (alice, bob, carol) and two per escalation policy (its levels, who is on call).
      expect(results.details.storm).toMatchObject({ pd429: 0 });
      const pdCalls = (results.details.storm as {
        pdCalls: Record<string, number>;
      }).pdCalls;
      const n = TINY_SIZES.storm.incidents;
      const {
        "GET /incidents/{id}": incidents = 0,
        "GET /incidents/{id}/alerts": alerts = 0,
        ...rest
      } = pdCalls;
      expect(incidents).toBeLessThanOrEqual(5 * n);
      expect(alerts).toBeLessThanOrEqual(n);
      expect(Object.values(rest).reduce((a, b) => a + b, 0))
        .toBeLessThanOrEqual(3 + 2);
      expect(f.rss_mb).toBeGreaterThan(10);
      expect(results.details.memory).toMatchObject({ accepted: 300 });
      // Every storm incident became visible (a miss would count as the whole run, within storm_settle_s, so it is
      // counted on its own), and no later than the storm settled.
      expect(results.details.storm).toMatchObject({ neverShown: 0 });
      expect(f.storm_visible_p99_s).toBeLessThanOrEqual(
        f.storm_settle_s ?? -1,
      );
      expect(f.storm_calls).toBeGreaterThanOrEqual(TINY_SIZES.storm.incidents);
      expect(results.goals).toHaveLength(8);
    },
    120_000,
  );

  it(
    "with only memory, produces its figure and goal alone",
    async () => {
      const results = await runBench(TINY_SIZES, { only: ["memory"] });
      expect(Object.keys(results.figures)).toEqual(["rss_mb"]);
      expect(results.figures.rss_mb).toBeGreaterThan(10);
      expect(Object.keys(results.details)).toEqual(["memory"]);
      expect(results.goals.map((g) => g.figure)).toEqual(["rss_mb"]);
    },
    60_000,
  );
});
