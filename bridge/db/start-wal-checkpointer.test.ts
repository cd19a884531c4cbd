import BetterSqlite3 from "better-sqlite3";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  startWalCheckpointer,
  type WalCheckpointerError,
} from "./start-wal-checkpointer.ts";

const dirs: string[] = [];
const connections: BetterSqlite3.Database[] = [];
afterEach(() => {
  for (const c of connections.splice(0)) if (c.open) c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A database as open-database.ts opens it: WAL, commits not fsynced on the connection. */
function openFile() {
  const dir = mkdtempSync(join(tmpdir(), "checkpointer-"));
  dirs.push(dir);
  const path = join(dir, "bridge.db");
  const sqlite = new BetterSqlite3(path);
  connections.push(sqlite);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.exec("create table rows (id integer primary key, body text not null)");
  return { sqlite, path };
}

const autocheckpoint = (sqlite: BetterSqlite3.Database) =>
  sqlite.pragma("wal_autocheckpoint", { simple: true });
const walBytes = (path: string) =>
  existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await pause(10);
  }
}

const errors: WalCheckpointerError[] = [];
afterEach(() => {
  errors.length = 0;
});
const start = (
  { sqlite, path }: ReturnType<typeof openFile>,
  maxFrames?: number,
) =>
  startWalCheckpointer({
    sqlite,
    databasePath: path,
    onError: (error) => errors.push(error),
    ...(maxFrames === undefined ? {} : { maxFrames }),
  });

describe("startWalCheckpointer", () => {
  it("copies the WAL into the database file beside the writing connection, whose own automatic checkpoints are off", async () => {
    const file = openFile();
    const { sqlite, path } = file;
    const checkpointer = start(file);
    expect(await checkpointer.started).toBe(true);
    expect(autocheckpoint(sqlite)).toBe(0);
    const insert = sqlite.prepare("insert into rows (body) values (?)");
    for (let i = 0; i < 300; i += 1) insert.run("x".repeat(4000));
    await until(
      () => statSync(path).size > 1_200_000,
      "the rows reach the database file",
    );
    expect(autocheckpoint(sqlite)).toBe(0);

    await checkpointer.stop();
    expect(autocheckpoint(sqlite)).toBe(1000);
    expect(errors).toEqual([]);
    // The thread's connection is closed: the writer's is the last one, and its close checkpoints and removes
    // the WAL, as without the thread.
    sqlite.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it("bounds the WAL under a writer that never pauses for a whole checkpoint: past maxFrames the writing connection checkpoints until the WAL starts over", async () => {
    const file = openFile();
    const { sqlite, path } = file;
    const checkpointer = start(file, 500);
    expect(await checkpointer.started).toBe(true);
    // 40 MB of rows, one commit each, with the short gaps of a webhook thread under a flood.
    const insert = sqlite.prepare("insert into rows (body) values (?)");
    let largestWal = 0;
    const modes = new Set<unknown>();
    for (let i = 0; i < 10_000; i += 1) {
      insert.run("x".repeat(4000));
      largestWal = Math.max(largestWal, walBytes(path));
      if (i % 20 === 19) {
        await pause(1);
        modes.add(autocheckpoint(sqlite));
      }
    }
    expect(modes).toEqual(new Set([0, 1000]));
    // 500 frames and the 1000 of the writer's own checkpoint, with room for the messages' delay.
    expect(largestWal).toBeLessThan(12_000_000);
    expect(sqlite.prepare("select count(*) as n from rows").get()).toEqual({
      n: 10_000,
    });
    await checkpointer.stop();
    expect(errors).toEqual([]);
  });

  it("hands checkpoints back while a long read holds the WAL over its bound, and takes them again once it starts over", async () => {
    const file = openFile();
    const { sqlite, path } = file;
    const checkpointer = start(file, 40);
    expect(await checkpointer.started).toBe(true);
    // A reader that keeps its snapshot (a long read elsewhere) stops every checkpoint at its frame, so the
    // WAL only grows.
    const reader = new BetterSqlite3(path);
    connections.push(reader);
    reader.exec("begin");
    reader.prepare("select count(*) from rows").get();
    const insert = sqlite.prepare("insert into rows (body) values (?)");
    for (let i = 0; i < 100; i += 1) insert.run("y".repeat(4000));
    await until(() => autocheckpoint(sqlite) === 1000, "handed back");

    reader.exec("commit");
    // The writer's next commits checkpoint (its own), the WAL starts over, and the thread takes over again.
    for (let i = 0; i < 200 && autocheckpoint(sqlite) !== 0; i += 1) {
      insert.run("z");
      await pause(20);
    }
    expect(autocheckpoint(sqlite)).toBe(0);
    await checkpointer.stop();
    expect(errors).toEqual([]);
  });

  it("leaves checkpoints to the writing connection, and says why, when the thread cannot open the database", async () => {
    const { sqlite, path } = openFile();
    const missing = `${path}.missing`;
    const checkpointer = start({ sqlite, path: missing });
    expect(await checkpointer.started).toBe(false);
    expect(autocheckpoint(sqlite)).toBe(1000);
    await until(() => errors.length > 0, "the error reported");
    expect(errors[0]?.message).toContain(missing);
    expect(errors[0]?.message).toContain(
      "the webhook thread checkpoints again",
    );
    await checkpointer.stop();
    expect(errors).toHaveLength(1);
  });
});
