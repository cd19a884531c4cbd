import { describe, expect, it } from "vitest";
import { createMethodBudget } from "./method-budget.ts";

describe("createMethodBudget", () => {
  it("allows the budget per window, then says how long to wait", () => {
    const budget = createMethodBudget({ "chat.update": 2 }, 60_000);
    expect(budget.waitFor("chat.update", 0)).toBe(0);
    budget.record("chat.update", 0);
    budget.record("chat.update", 10_000);
    expect(budget.waitFor("chat.update", 20_000)).toBe(40_000);
    expect(budget.waitFor("chat.update", 60_001)).toBe(0);
  });

  it("honours holds from Retry-After, also for methods without a budget", () => {
    const budget = createMethodBudget({}, 60_000);
    budget.hold("chat.postMessage", 5_000);
    expect(budget.waitFor("chat.postMessage", 1_000)).toBe(4_000);
    expect(budget.waitFor("chat.postMessage", 5_000)).toBe(0);
  });
});
