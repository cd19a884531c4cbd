import { describe, expect, it } from "vitest";
import { createMetricsRegistry } from "./metrics-registry.ts";

describe("createMetricsRegistry", () => {
  it("renders counters, gauges and histograms in Prometheus text format", async () => {
    const registry = createMetricsRegistry();
    const calls = registry.counter("calls_total", "Calls.");
    const depth = registry.gauge("depth", "Depth.");
    const lag = registry.histogram("lag_seconds", "Lag.", [1, 5]);
    calls.inc({ method: "chat.postMessage", outcome: "ok" });
    calls.inc({ method: "chat.postMessage", outcome: "ok" });
    calls.inc({ method: 'we"ird' });
    registry.onCollect(() => {
      depth.set(7);
      return Promise.resolve();
    });
    lag.observe(0.5);
    lag.observe(3);
    const text = await registry.render();
    expect(text).toContain("# TYPE calls_total counter");
    expect(text).toContain(
      'calls_total{method="chat.postMessage",outcome="ok"} 2',
    );
    expect(text).toContain('calls_total{method="we\\"ird"} 1');
    expect(text).toContain("depth 7");
    expect(text).toContain('lag_seconds_bucket{le="1"} 1');
    expect(text).toContain('lag_seconds_bucket{le="5"} 2');
    expect(text).toContain('lag_seconds_bucket{le="+Inf"} 2');
    expect(text).toContain("lag_seconds_sum 3.5");
    expect(text).toContain("lag_seconds_count 2");
  });
});
