import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWalSync } from "./create-wal-sync.ts";

describe("createWalSync", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pagerslack-wal-sync-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("fails while the WAL does not exist, and syncs once it does", async () => {
    const path = join(dir, "bridge.db");
    const wal = createWalSync(path);
    await expect(wal.sync()).rejects.toMatchObject({ code: "ENOENT" });
    writeFileSync(`${path}-wal`, "frames");
    await expect(wal.sync()).resolves.toBeUndefined();
    await wal.close();
  });

  it("answers every caller of a burst, the later ones with the fsync after the running one", async () => {
    const path = join(dir, "bridge.db");
    writeFileSync(`${path}-wal`, "frames");
    const wal = createWalSync(path);
    const order: number[] = [];
    const first = wal.sync().then(() => order.push(1));
    const later = [2, 3, 4].map((n) => wal.sync().then(() => order.push(n)));
    await Promise.all([first, ...later]);
    expect(order[0]).toBe(1);
    expect(order.sort()).toEqual([1, 2, 3, 4]);
    await wal.close();
  });
});
