import { describe, expect, it } from "vitest";
import { ELLIPSIS, truncate } from "./truncate.ts";

describe("truncate", () => {
  it("keeps text that fits", () => {
    expect(truncate("Checkout down", 13)).toBe("Checkout down");
  });

  it("cuts to exactly max with an ellipsis", () => {
    const out = truncate("x".repeat(10_000), 150);
    expect(out).toHaveLength(150);
    expect(out.endsWith(ELLIPSIS)).toBe(true);
  });

  it("never leaves half an emoji", () => {
    // "🔥" is two UTF-16 units; a naive cut at 4 would keep a lone high surrogate.
    const out = truncate("ab🔥cdef", 4);
    expect(out).toBe("ab…");
    expect(out.length).toBeLessThanOrEqual(4);
  });

  it("handles tiny limits", () => {
    expect(truncate("hello", 1)).toBe("…");
    expect(truncate("hello", 0)).toBe("");
  });
});
