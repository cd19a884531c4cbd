// A tiny Prometheus registry (text exposition format 0.0.4): counters, gauges and histograms with labels.
// Enough for /metrics without a dependency.

type Labels = Record<string, string>;

interface Series {
  labels: Labels;
  value: number;
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

function formatLabels(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  if (pairs.length === 0) return "";
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
}

const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());

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
  counter(name: string, help: string): Counter;
  gauge(name: string, help: string): Gauge;
  histogram(name: string, help: string, buckets: number[]): Histogram;
  /** Called before every render, to refresh gauges read from elsewhere (outbox depth). */
  onCollect(collect: () => Promise<void>): void;
  render(): Promise<string>;
}

export function createMetricsRegistry(): MetricsRegistry {
  const renderers: (() => string[])[] = [];
  const collectors: (() => Promise<void>)[] = [];

  const simple = (name: string, help: string, type: "counter" | "gauge") => {
    const series = new Map<string, Series>();
    const entry = (labels: Labels) => {
      const key = keyOf(labels);
      let found = series.get(key);
      if (!found) {
        found = { labels, value: 0 };
        series.set(key, found);
      }
      return found;
    };
    renderers.push(() => [
      `# HELP ${name} ${help}`,
      `# TYPE ${name} ${type}`,
      ...[...series.values()].map((s) =>
        `${name}${formatLabels(s.labels)} ${s.value}`
      ),
    ]);
    return entry;
  };

  return {
    counter(name, help) {
      const entry = simple(name, help, "counter");
      return {
        inc: (labels = {}, by = 1) => {
          entry(labels).value += by;
        },
        get: (labels = {}) => entry(labels).value,
      };
    },
    gauge(name, help) {
      const entry = simple(name, help, "gauge");
      return {
        set: (value, labels = {}) => {
          entry(labels).value = value;
        },
        get: (labels = {}) => entry(labels).value,
      };
    },
    histogram(name, help, buckets) {
      const sorted = [...buckets].sort((a, b) => a - b);
      const series = new Map<
        string,
        { labels: Labels; counts: number[]; sum: number; count: number }
      >();
      renderers.push(() => {
        const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
        for (const s of series.values()) {
          sorted.forEach((le, i) =>
            lines.push(
              `${name}_bucket${formatLabels(s.labels, ["le", String(le)])} ${
                s.counts[i]
              }`,
            )
          );
          lines.push(
            `${name}_bucket${
              formatLabels(s.labels, ["le", "+Inf"])
            } ${s.count}`,
            `${name}_sum${formatLabels(s.labels)} ${s.sum}`,
            `${name}_count${formatLabels(s.labels)} ${s.count}`,
          );
        }
        return lines;
      });
      return {
        observe(value, labels = {}) {
          const key = keyOf(labels);
          let s = series.get(key);
          if (!s) {
            s = { labels, counts: sorted.map(() => 0), sum: 0, count: 0 };
            series.set(key, s);
          }
          sorted.forEach((le, i) => {
            if (value <= le) s.counts[i] = (s.counts[i] ?? 0) + 1;
          });
          s.sum += value;
          s.count += 1;
        },
        count: (labels = {}) => series.get(keyOf(labels))?.count ?? 0,
      };
    },
    onCollect(collect) {
      collectors.push(collect);
    },
    async render() {
      for (const collect of collectors) await collect();
      return renderers.flatMap((render) => render()).join("\n") + "\n";
    },
  };
}
