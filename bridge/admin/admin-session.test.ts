import { describe, expect, it } from "vitest";
import { createAdminSessions } from "./admin-session.ts";
import { createLoginRateLimit } from "./login-rate-limit.ts";

const KEY = "an-encryption-key-of-forty-characters!!";

describe("admin sessions", () => {
  it("accepts its own cookie until it expires, on every replica sharing the key", () => {
    const clock = { ms: 1_000_000 };
    const a = createAdminSessions({
      encryptionKey: KEY,
      ttlMs: 60_000,
      now: () => clock.ms,
    });
    const b = createAdminSessions({
      encryptionKey: KEY,
      ttlMs: 60_000,
      now: () => clock.ms,
    });
    const cookie = a.issue();
    expect(a.verify(cookie)).toBe(true);
    expect(b.verify(cookie)).toBe(true);
    clock.ms += 60_000;
    expect(a.verify(cookie)).toBe(false);
  });

  it("refuses altered, foreign and malformed cookies", () => {
    const a = createAdminSessions({ encryptionKey: KEY });
    const other = createAdminSessions({
      encryptionKey: "another-encryption-key-of-forty-chars!!",
    });
    const cookie = a.issue();
    const [expiry, id, tag] = cookie.split(".");
    expect(a.verify(`${Number(expiry) + 1e9}.${id}.${tag}`)).toBe(false);
    expect(a.verify(other.issue())).toBe(false);
    for (const bad of [undefined, "", "x", "a.b", "a.b.c.d", `${cookie}x`]) {
      expect(a.verify(bad)).toBe(false);
    }
  });

  it("without an encryption key, a random key per start: a restart ends sessions", () => {
    const first = createAdminSessions({ encryptionKey: null });
    const second = createAdminSessions({ encryptionKey: null });
    expect(first.verify(first.issue())).toBe(true);
    expect(second.verify(first.issue())).toBe(false);
  });
});

describe("login rate limit", () => {
  it("blocks an address after five failures until the window ends, others unaffected", () => {
    const clock = { ms: 0 };
    const limit = createLoginRateLimit({
      maxFailures: 5,
      windowMs: 900_000,
      now: () => clock.ms,
    });
    for (let i = 0; i < 5; i++) {
      expect(limit.blockedFor("1.2.3.4")).toBeNull();
      limit.failed("1.2.3.4");
    }
    expect(limit.blockedFor("1.2.3.4")).toBe(900_000);
    expect(limit.blockedFor("5.6.7.8")).toBeNull();
    clock.ms += 900_000;
    expect(limit.blockedFor("1.2.3.4")).toBeNull();
  });
});
