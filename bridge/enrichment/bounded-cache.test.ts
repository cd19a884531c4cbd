import { describe, expect, it } from "vitest";
import { createBoundedCache } from "./bounded-cache.ts";

describe("createBoundedCache", () => {
  it("forgets the least recently used entries beyond maxEntries", () => {
    const cache = createBoundedCache<string, number>({ maxEntries: 2 });
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now the most recently used
    cache.set("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([
      1,
      undefined,
      3,
    ]);
    cache.set("c", 4); // replacing does not grow it
    cache.delete("a");
    expect([cache.size, cache.get("c")]).toEqual([1, 4]);
  });
});
