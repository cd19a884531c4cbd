import { describe, expect, it } from "vitest";
import { createStatusDoctor } from "./status-doctor.ts";

describe("status page doctor", () => {
  it("bounds each check's time and shares one round between page loads", async () => {
    const clock = { ms: 0 };
    let slackCalls = 0;
    const doctor = createStatusDoctor({
      timeoutMs: 20,
      cacheMs: 30_000,
      now: () => clock.ms,
      checks: [
        {
          name: "slack",
          run: () => {
            slackCalls += 1;
            return Promise.resolve({
              name: "slack",
              ok: true,
              detail: "works",
            });
          },
        },
        { name: "pagerduty", run: () => new Promise(() => {}) },
        { name: "broken", run: () => Promise.reject(new Error("boom")) },
      ],
    });
    const [first, second] = await Promise.all([
      doctor.findings(),
      doctor.findings(),
    ]);
    expect(second).toBe(first);
    expect(first.checks).toEqual([
      { name: "slack", ok: true, detail: "works" },
      {
        name: "pagerduty",
        ok: false,
        detail: "no answer within 20 ms (run doctor for the full check)",
      },
      { name: "broken", ok: false, detail: "boom" },
    ]);
    clock.ms += 29_999;
    await doctor.findings();
    expect(slackCalls).toBe(1);
    clock.ms += 1;
    await doctor.findings();
    expect(slackCalls).toBe(2);
  });
});
