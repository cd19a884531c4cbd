import { describe, expect, it } from "vitest";
import { joinWithin } from "./join-within.ts";

describe("joinWithin", () => {
  it("joins everything when it fits", () => {
    expect(joinWithin(["<@U1>", "Bob"], 100)).toBe("<@U1>, Bob");
  });

  it("keeps whole items and says how many were left out", () => {
    const items = Array.from({ length: 50 }, (_, i) => `<@U${1000 + i}>`);
    const out = joinWithin(items, 60);
    expect(out.length).toBeLessThanOrEqual(60);
    expect(out).toMatch(/^(<@U\d{4}>, )*<@U\d{4}> and \d+ more$/);
    const shown = out.match(/<@U\d{4}>/g)?.length ?? 0;
    expect(out).toContain(`and ${50 - shown} more`);
  });
});
