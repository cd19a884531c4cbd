// Durability of SQLite commits without holding the event loop. better-sqlite3 is synchronous, so a commit
// with `synchronous = FULL` waits for its fsync (milliseconds on a real disk) on the thread that serves HTTP.
// SQLite's documentation of PRAGMA synchronous: in WAL mode "FULL" only adds that "the WAL file is
// synchronized before each transaction commit"; with "NORMAL" it is synchronized before each checkpoint, and
// the database is never corrupted. So a commit with NORMAL followed by an fsync of the WAL file is a FULL
// commit whose wait happens in libuv's thread pool (fsync(2) flushes the file's data whichever descriptor
// names it). The inbox writer awaits it before it answers 202.
import { type FileHandle, open } from "node:fs/promises";

export interface WalSync {
  /** Resolves once everything written to the WAL before the call is on disk. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `databasePath`'s WAL is `<path>-wal` (https://sqlite.org/wal.html, "the WAL file"), kept by SQLite for as
 * long as a connection has the database open: its descriptor is opened once, at the first sync (after the
 * first commit the file exists), and kept. Calls that arrive while an fsync runs share the next one, which
 * starts when it ends: one fsync per batch of commits, never more than two in flight.
 */
export function createWalSync(databasePath: string): WalSync {
  let handle: Promise<FileHandle> | null = null;
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const fsync = async () => {
    // r+, not r: some systems refuse fsync on a descriptor opened read-only. Nothing is ever written here.
    handle ??= open(`${databasePath}-wal`, "r+");
    try {
      await (await handle).sync();
    } catch (error) {
      handle = null;
      throw error;
    }
  };
  const start = (): Promise<void> => {
    const run = fsync().finally(() => {
      if (running === run) running = null;
    });
    running = run;
    return run;
  };
  return {
    sync() {
      if (running === null) return start();
      // An fsync already running may have started before this caller's commit: wait for the next one.
      queued ??= running.catch(() => {}).then(() => {
        queued = null;
        return start();
      });
      return queued;
    },
    async close() {
      await running?.catch(() => {});
      await queued?.catch(() => {});
      const opened = handle;
      handle = null;
      await (await opened?.catch(() => null))?.close();
    },
  };
}
