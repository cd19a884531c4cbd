import { describe, expect, it } from "vitest";
import { createStatusDoctor } from "./status-doctor.ts";
import { checkAdminSessions } from "./status-checks.ts";

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

  it("redacts credentials a failing check's message quotes", async () => {
    const doctor = createStatusDoctor({
      checks: [{
        name: "database",
        run: () =>
          Promise.reject(
            new Error("connect failed: postgres://bridge:hunter2@db:5432/x"),
          ),
      }, {
        name: "pagerduty",
        run: () =>
          Promise.resolve({
            name: "pagerduty",
            ok: false,
            detail: "refused: Authorization: Token token=u+abcdefghijkl",
          }),
      }],
    });
    const { checks } = await doctor.findings();
    expect(JSON.stringify(checks)).not.toContain("hunter2");
    expect(JSON.stringify(checks)).not.toContain("u+abcdefghijkl");
    expect(checks[0]!.detail).toContain("postgres://bridge:");
  });

  it("says when admin sessions cannot be shared by several replicas", () => {
    expect(checkAdminSessions(false, "postgres")).toMatchObject({
      ok: false,
      detail: expect.stringContaining(
        "set PAGERSLACK_ENCRYPTION_KEY on every replica",
      ),
    });
    expect(checkAdminSessions(false, "sqlite").ok).toBe(true);
    expect(checkAdminSessions(true, "postgres")).toMatchObject({
      ok: true,
      detail: expect.stringContaining("every replica accepts them"),
    });
  });
});
