import pino from "pino";
import { describe, expect, it } from "vitest";
import { createWarningAggregator } from "./aggregate-warnings.ts";

/** A logger whose lines a test reads, a manual clock and the timers it fires. */
function harness(intervalMs = 10_000) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: "info" }, {
    write: (line: string) => lines.push(JSON.parse(line)),
  });
  let clock = 0;
  let timers: { at: number; run: () => void }[] = [];
  const aggregator = createWarningAggregator({
    logger,
    message: "webhook rejected",
    intervalMs,
    now: () => clock,
    schedule: (run, ms) => timers.push({ at: clock + ms, run }),
    maxKeys: 2,
  });
  const advance = (ms: number) => {
    clock += ms;
    const due = timers.filter((t) => t.at <= clock);
    timers = timers.filter((t) => t.at > clock);
    for (const timer of due) timer.run();
  };
  const seen = () =>
    lines.map(({ msg, status, reason, refused, by, interval_ms, path }) => ({
      msg,
      ...(status !== undefined ? { status, reason } : {}),
      ...(path !== undefined ? { path } : {}),
      ...(refused !== undefined ? { refused, by, interval_ms } : {}),
    }));
  const tick = (ms: number) => {
    clock += ms;
  };
  return { aggregator, advance, tick, seen };
}

const badSignature = { status: 401, reason: "bad signature" };

describe("createWarningAggregator", () => {
  it("logs the first refusal at once and the rest of the interval as one summary by status and reason", () => {
    const { aggregator, advance, seen } = harness();
    aggregator.warn(badSignature, { path: "/webhooks/pagerduty" });
    for (let i = 0; i < 11_909; i += 1) {
      aggregator.warn(
        i % 10 === 0 ? { status: 415, reason: "not JSON" } : badSignature,
      );
    }
    expect(seen()).toEqual([
      { msg: "webhook rejected", ...badSignature, path: "/webhooks/pagerduty" },
    ]);
    advance(10_000);
    expect(seen().slice(1)).toEqual([{
      msg: "webhook rejected (summary)",
      refused: 11_909,
      by: [
        { ...badSignature, count: 10_718 },
        { status: 415, reason: "not JSON", count: 1_191 },
      ],
      interval_ms: 10_000,
    }]);
  });

  it("falls quiet after an interval without refusals: the next one is logged at once again", () => {
    const { aggregator, advance, seen } = harness();
    aggregator.warn(badSignature);
    aggregator.warn(badSignature);
    advance(10_000); // summary of one
    advance(10_000); // nothing in this interval: quiet
    aggregator.warn({ status: 400, reason: "no event" });
    expect(seen().map((line) => line.msg)).toEqual([
      "webhook rejected",
      "webhook rejected (summary)",
      "webhook rejected",
    ]);
    expect(seen()[2]).toMatchObject({ status: 400, reason: "no event" });
  });

  it("writes an overdue summary before counting, and counts reasons past maxKeys as other", () => {
    const { aggregator, advance, tick, seen } = harness();
    aggregator.warn(badSignature);
    for (const reason of ["a", "b", "c", "d"]) {
      aggregator.warn({ status: 400, reason });
    }
    // The clock moves on but the timer has not run (a busy event loop).
    tick(12_000);
    aggregator.warn(badSignature);
    expect(seen().slice(1)).toEqual([{
      msg: "webhook rejected (summary)",
      refused: 4,
      by: [
        { status: 400, reason: "other", count: 2 },
        { status: 400, reason: "a", count: 1 },
        { status: 400, reason: "b", count: 1 },
      ],
      interval_ms: 12_000,
    }]);
    advance(0); // the first interval's timer, now stale: no second summary of it
    expect(seen()).toHaveLength(2);
    advance(10_000);
    expect(seen()[2]).toMatchObject({
      refused: 1,
      by: [{ ...badSignature, count: 1 }],
    });
  });
});
