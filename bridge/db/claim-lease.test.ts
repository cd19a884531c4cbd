import { describe, expect, it } from "vitest";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import { claimLease, leaseHeldByOther, releaseLease } from "./claim-lease.ts";

const dialects = await testDialects();
const T0 = Date.parse("2026-12-04T09:00:00.000Z");
const at = (s: number) => new Date(T0 + s * 1000);
const KEY = "oncall_poller";

describe.each(dialects)("claimLease on $dialect", ({ dialect, skip }) => {
  describe.skipIf(skip !== null)(skip ?? "available", () => {
    let database: TestDatabase;
    useTestDatabase(dialect, ["bridge_settings"], (d) => (database = d));

    it("lets one replica of several hold the lease, renew it, and hands it over only when it runs out", async () => {
      const { db } = database;
      const claims = await Promise.all(
        ["a", "b", "c"].map((by) => claimLease(db, KEY, by, at(0), 30_000)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const holder = ["a", "b", "c"][claims.indexOf(true)]!;
      const other = holder === "a" ? "b" : "a";
      expect(await claimLease(db, KEY, holder, at(10), 30_000)).toBe(true);
      expect(await claimLease(db, KEY, other, at(30), 30_000)).toBe(false);
      expect(await leaseHeldByOther(db, KEY, other, at(30))).toBe(true);
      // The holder died: 30 s after its last renewal another replica takes over.
      expect(await claimLease(db, KEY, other, at(41), 30_000)).toBe(true);
      expect(await claimLease(db, KEY, holder, at(42), 30_000)).toBe(false);
    });

    it("is free at once after its holder releases it", async () => {
      const { db } = database;
      expect(await claimLease(db, KEY, "a", at(0), 30_000)).toBe(true);
      await releaseLease(db, KEY, "b"); // not b's: nothing happens
      expect(await claimLease(db, KEY, "b", at(1), 30_000)).toBe(false);
      await releaseLease(db, KEY, "a");
      expect(await claimLease(db, KEY, "b", at(2), 30_000)).toBe(true);
    });
  });
});
