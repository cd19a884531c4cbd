import { describe, expect, it } from "vitest";
import { createMetricsRegistry } from "./metrics-registry.ts";

describe("createMetricsRegistry", () => {
  it("renders counters, gauges and histograms in Prometheus text format", async () => {
    const registry = createMetricsRegistry();
    const calls = registry.counter("calls_total", "Calls.", [
      "method",
      "outcome",
    ]);
    const depth = registry.gauge("depth", "Depth.");
    const lag = registry.histogram("lag_seconds", "Lag.", [1, 5]);
    calls.inc({ method: "chat.postMessage", outcome: "ok" });
    calls.inc({ method: "chat.postMessage", outcome: "ok" }, 2);
    calls.inc({ method: 'we"ird', outcome: "ok" });
    registry.onCollect(() => {
      depth.set(7);
      return Promise.resolve();
    });
    lag.observe(0.5);
    lag.observe(3);
    const text = await registry.render();
    expect(text).toContain("# HELP calls_total Calls.");
    expect(text).toContain("# TYPE calls_total counter");
    expect(text).toContain(
      'calls_total{method="chat.postMessage",outcome="ok"} 3',
    );
    expect(text).toContain('calls_total{method="we\\"ird",outcome="ok"} 1');
    expect(text).toContain("depth 7");
    expect(text).toContain('lag_seconds_bucket{le="1"} 1');
    expect(text).toContain('lag_seconds_bucket{le="5"} 2');
    expect(text).toContain('lag_seconds_bucket{le="+Inf"} 2');
    expect(text).toContain("lag_seconds_sum 3.5");
    expect(text).toContain("lag_seconds_count 2");
  });

  it("reads a series' value synchronously, 0 for one never touched", () => {
    const registry = createMetricsRegistry();
    const calls = registry.counter("calls_total", "Calls.", ["method"]);
    const blocked = registry.gauge("blocked", "Blocked.", ["scope"]);
    const lag = registry.histogram("lag_seconds", "Lag.", [1], ["method"]);
    calls.inc({ method: "chat.update" }, 4);
    blocked.set(2, { scope: "channel" });
    lag.observe(0.1, { method: "chat.update" });
    expect(calls.get({ method: "chat.update" })).toBe(4);
    expect(calls.get({ method: "chat.postMessage" })).toBe(0);
    expect(blocked.get({ scope: "channel" })).toBe(2);
    expect(lag.count({ method: "chat.update" })).toBe(1);
    expect(lag.count({ method: "chat.postMessage" })).toBe(0);
  });

  it("refuses a label the metric does not declare", () => {
    const calls = createMetricsRegistry().counter("calls_total", "Calls.", [
      "method",
    ]);
    expect(() => calls.inc({ channel: "C1" })).toThrow(/channel/);
  });

  it("adds prom-client's process and Node metrics, on each registry alone", async () => {
    // Two bridges in one process (as in the tests): the same names on two registries, neither sees the other.
    const first = createMetricsRegistry();
    const second = createMetricsRegistry();
    first.counter("calls_total", "Calls.").inc();
    second.counter("calls_total", "Calls.");
    const [a, b] = [await first.render(), await second.render()];
    for (
      const name of [
        "process_cpu_seconds_total",
        "process_resident_memory_bytes",
        "nodejs_eventloop_lag_seconds",
        "nodejs_heap_size_used_bytes",
        "nodejs_gc_duration_seconds",
      ]
    ) {
      expect(a).toContain(`# TYPE ${name} `);
      expect(b).toContain(`# TYPE ${name} `);
    }
    expect(a).toMatch(/^calls_total 1$/m);
    expect(b).toMatch(/^calls_total 0$/m);
    expect(first.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
