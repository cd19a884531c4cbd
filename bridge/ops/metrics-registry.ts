// The bridge's metrics on its own prom-client registry (never the global one: tests start many bridges in one
// process, and nothing may leak between them). Call sites keep a small interface of ours: `inc(labels, n)`,
// `set(value, labels)`, `observe(value, labels)`, and synchronous reads for tests.
import {
  collectDefaultMetrics,
  Counter as PromCounter,
  Gauge as PromGauge,
  Histogram as PromHistogram,
  Registry,
} from "prom-client";

type Labels = Record<string, string>;

export interface Counter {
  inc(labels?: Labels, by?: number): void;
  get(labels?: Labels): number;
}
export interface Gauge {
  set(value: number, labels?: Labels): void;
  get(labels?: Labels): number;
}
export interface Histogram {
  observe(value: number, labels?: Labels): void;
  count(labels?: Labels): number;
}

export interface MetricsRegistry {
  counter(name: string, help: string, labelNames?: readonly string[]): Counter;
  gauge(name: string, help: string, labelNames?: readonly string[]): Gauge;
  histogram(
    name: string,
    help: string,
    buckets: readonly number[],
    labelNames?: readonly string[],
  ): Histogram;
  /** Called before every render, to refresh gauges read from elsewhere (outbox depth). Must not throw. */
  onCollect(collect: () => Promise<void>): void;
  render(): Promise<string>;
  /** The exposition format's content type, as prom-client renders it. */
  readonly contentType: string;
}

/**
 * prom-client's own `get()` is asynchronous (it may run a collect callback); the series it holds are plain
 * objects, read here so a test can assert a count in one line. Pinned prom-client version; the registry's test
 * fails if this shape changes.
 */
interface SeriesHolder<T> {
  hashMap: Record<string, T & { labels: Labels }>;
}

const sameLabels = (a: Labels, b: Labels) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length &&
    keys.every((key) => a[key] === b[key]);
};

function seriesOf<T>(metric: unknown, labels: Labels): T | undefined {
  return Object.values((metric as SeriesHolder<T>).hashMap).find((series) =>
    sameLabels(series.labels, labels)
  );
}

export function createMetricsRegistry(): MetricsRegistry {
  const registry = new Registry();
  // Process CPU, memory and file descriptors, event-loop lag and GC, with prom-client's own names.
  collectDefaultMetrics({ register: registry });
  const collectors: (() => Promise<void>)[] = [];

  return {
    counter(name, help, labelNames = []) {
      const counter = new PromCounter({
        name,
        help,
        labelNames,
        registers: [registry],
      });
      return {
        inc: (labels = {}, by = 1) => counter.inc(labels, by),
        get: (labels = {}) =>
          seriesOf<{ value: number }>(counter, labels)?.value ?? 0,
      };
    },
    gauge(name, help, labelNames = []) {
      const gauge = new PromGauge({
        name,
        help,
        labelNames,
        registers: [registry],
      });
      return {
        set: (value, labels = {}) => gauge.set(labels, value),
        get: (labels = {}) =>
          seriesOf<{ value: number }>(gauge, labels)?.value ?? 0,
      };
    },
    histogram(name, help, buckets, labelNames = []) {
      const histogram = new PromHistogram({
        name,
        help,
        buckets: [...buckets],
        labelNames,
        registers: [registry],
      });
      return {
        observe: (value, labels = {}) => histogram.observe(labels, value),
        count: (labels = {}) =>
          seriesOf<{ count: number }>(histogram, labels)?.count ?? 0,
      };
    },
    onCollect(collect) {
      collectors.push(collect);
    },
    async render() {
      // Before prom-client reads its metrics, which it does all at once: one collector sets several gauges.
      for (const collect of collectors) await collect();
      return await registry.metrics();
    },
    contentType: registry.contentType,
  };
}
