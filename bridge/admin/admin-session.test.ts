import { describe, expect, it } from "vitest";
import { createAdminSessions } from "./admin-session.ts";
import { createLoginRateLimit } from "./login-rate-limit.ts";

const KEY = "an-encryption-key-of-forty-characters!!";
const TOKENS = ["api-token-one", "api-token-two"];

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
    const cookie = a.issue("api-token-one");
    expect(a.verify(cookie, TOKENS)).toBe(true);
    expect(b.verify(cookie, TOKENS)).toBe(true);
    clock.ms += 60_000;
    expect(a.verify(cookie, TOKENS)).toBe(false);
  });

  it("refuses altered, foreign and malformed cookies", () => {
    const a = createAdminSessions({ encryptionKey: KEY });
    const other = createAdminSessions({
      encryptionKey: "another-encryption-key-of-forty-chars!!",
    });
    const cookie = a.issue("api-token-one");
    const [expiry, id, print, tag] = cookie.split(".");
    expect(a.verify(`${Number(expiry) + 1e9}.${id}.${print}.${tag}`, TOKENS))
      .toBe(false);
    expect(a.verify(other.issue("api-token-one"), TOKENS)).toBe(false);
    expect(cookie).not.toContain("api-token-one");
    for (
      const bad of [
        undefined,
        "",
        "x",
        "a.b",
        "a.b.c",
        "a.b.c.d.e",
        `${cookie}x`,
      ]
    ) {
      expect(a.verify(bad, TOKENS)).toBe(false);
    }
  });

  it("ends the sessions opened with a token once it is removed from PAGERSLACK_API_TOKENS", () => {
    const a = createAdminSessions({ encryptionKey: KEY });
    const withOne = a.issue("api-token-one");
    const withTwo = a.issue("api-token-two");
    const after = ["api-token-two"];
    expect(a.verify(withOne, after)).toBe(false);
    expect(a.verify(withTwo, after)).toBe(true);
    // A restarted replica with the same key and the shorter list agrees.
    expect(createAdminSessions({ encryptionKey: KEY }).verify(withOne, after))
      .toBe(false);
  });

  it("without an encryption key, a random key per start: a restart ends sessions", () => {
    const first = createAdminSessions({ encryptionKey: null });
    const second = createAdminSessions({ encryptionKey: null });
    expect(first.verify(first.issue("t"), ["t"])).toBe(true);
    expect(second.verify(first.issue("t"), ["t"])).toBe(false);
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
    for (let i = 0; i < 5; i++) expect(limit.attempt("1.2.3.4")).toBeNull();
    expect(limit.attempt("1.2.3.4")).toBe(900_000);
    expect(limit.attempt("5.6.7.8")).toBeNull();
    clock.ms += 900_000;
    expect(limit.attempt("1.2.3.4")).toBeNull();
  });

  it("a success gives its attempt back and forgets the address's failures", () => {
    const limit = createLoginRateLimit({
      maxFailures: 2,
      maxGlobalFailures: 3,
    });
    for (let i = 0; i < 10; i++) {
      expect(limit.attempt("admin")).toBeNull();
      limit.succeeded("admin");
    }
    expect(limit.attempt("guesser")).toBeNull();
    expect(limit.attempt("guesser")).toBeNull();
    expect(limit.attempt("guesser")).not.toBeNull();
  });

  it("a guesser cycling through addresses runs into the global budget", () => {
    const clock = { ms: 0 };
    const limit = createLoginRateLimit({
      maxFailures: 5,
      maxGlobalFailures: 20,
      windowMs: 900_000,
      now: () => clock.ms,
    });
    for (let i = 0; i < 20; i++) {
      expect(limit.attempt(`10.0.0.${i}`)).toBeNull();
    }
    clock.ms += 1_000;
    expect(limit.attempt("10.0.1.1")).toBe(899_000);
    clock.ms += 899_000;
    expect(limit.attempt("10.0.1.1")).toBeNull();
  });
});
