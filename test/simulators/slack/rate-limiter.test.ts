import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.ts";

describe("RateLimiter", () => {
  it("refills continuously and rounds Retry-After up to whole seconds", () => {
    let now = 0;
    const limiter = new RateLimiter("realistic", () => now);
    for (let i = 0; i < 50; i++) {
      expect(limiter.take("chat.update", "tier3")).toEqual({ allowed: true });
    }
    expect(limiter.take("chat.update", "tier3")).toEqual({
      allowed: false,
      retryAfter: 2,
    });
    now += 1200;
    expect(limiter.take("chat.update", "tier3")).toEqual({ allowed: true });
  });

  it("keeps chat.postMessage budgets per channel", () => {
    const limiter = new RateLimiter("realistic", () => 0);
    for (let i = 0; i < 3; i++) {
      expect(limiter.take("chat.postMessage", "postMessage", "C1").allowed)
        .toBe(true);
    }
    expect(limiter.take("chat.postMessage", "postMessage", "C1")).toEqual({
      allowed: false,
      retryAfter: 1,
    });
    expect(limiter.take("chat.postMessage", "postMessage", "C2").allowed).toBe(
      true,
    );
  });

  it("never refuses when off", () => {
    const limiter = new RateLimiter("off", () => 0);
    for (let i = 0; i < 1000; i++) {
      expect(limiter.take("conversations.create", "tier2").allowed).toBe(true);
    }
  });
});

describe("RateLimiter with a test's tight per-method limits", () => {
  it("allows one call a minute for a method set to 1, and leaves other methods at their tier", () => {
    let now = 0;
    const limiter = new RateLimiter({
      mode: "realistic",
      perMinute: { "chat.getPermalink": 1 },
    }, () => now);
    expect(limiter.take("chat.getPermalink", "special", "C1").allowed).toBe(
      true,
    );
    // Workspace-wide: another channel does not get its own minute.
    expect(limiter.take("chat.getPermalink", "special", "C2")).toEqual({
      allowed: false,
      retryAfter: 60,
    });
    now += 59_000;
    expect(limiter.take("chat.getPermalink", "special").allowed).toBe(false);
    now += 1000;
    expect(limiter.take("chat.getPermalink", "special").allowed).toBe(true);
    for (let i = 0; i < 50; i++) {
      expect(limiter.take("chat.update", "tier3").allowed).toBe(true);
    }
  });
});
