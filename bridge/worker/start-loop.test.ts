import { describe, expect, it } from "vitest";
import { silentLogger } from "../test-support.ts";
import { startLoop } from "./start-loop.ts";

describe("startLoop", () => {
  const logger = silentLogger();

  it("with firstInMs, waits before the first step unless woken", async () => {
    let steps = 0;
    const loop = startLoop(() => {
      steps += 1;
      return Promise.resolve(null);
    }, { idleMs: 60_000, firstInMs: 60_000, name: "test", logger });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(steps).toBe(0);
    loop.wake();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(steps).toBe(1);
    await loop.stop();
    expect(steps).toBe(1);
  });

  it("stopped during its first wait, it never steps", async () => {
    let steps = 0;
    const loop = startLoop(() => {
      steps += 1;
      return Promise.resolve(null);
    }, { idleMs: 60_000, firstInMs: 60_000, name: "test", logger });
    await loop.stop();
    expect(steps).toBe(0);
  });

  it("without it, steps at once and again after the delay the step returns", async () => {
    let steps = 0;
    const loop = startLoop(() => {
      steps += 1;
      return Promise.resolve(steps < 3 ? 1 : null);
    }, { idleMs: 60_000, name: "test", logger });
    for (let waited = 0; steps < 3 && waited < 5000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(steps).toBe(3);
    await loop.stop();
  });
});
