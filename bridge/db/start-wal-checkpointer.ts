// SQLite's checkpoints in a thread of their own. By default SQLite checkpoints when a commit leaves the WAL at
// 1000 pages or more (PRAGMA wal_autocheckpoint), on the connection that committed: here the thread that answers
// webhooks. Measured at 500 webhooks/s (2026-12-07): about five checkpoints a second, each holding the event
// loop 3–4 ms (1000 pages copied, the WAL and the database fsynced), and the webhooks that arrived meanwhile
// waited for it: about 2% of them, enough to move the 99th percentile of the 202. A second connection in a
// worker thread runs PASSIVE checkpoints instead, which never take the write lock and wait for no one
// (https://sqlite.org/c3ref/wal_checkpoint_v2.html), and the main connection's automatic ones are off while it
// runs (it costs some 9 MB of resident memory, a V8 isolate).
//
// SQLite writes the WAL from its start again only when a write transaction begins after a checkpoint copied
// every frame (https://sqlite.org/wal.html, "Avoiding excessively large WAL files"), and a checkpoint beside a
// writer that commits every few milliseconds rarely gets there: the WAL would grow without end. So past
// MAX_WAL_FRAMES the thread hands checkpointing back to the main connection, whose next commit checkpoints
// the few frames the thread has not copied yet (its fsyncs are the pause left on the webhook thread, once per
// MAX_WAL_FRAMES instead of every 1000 pages) and whose next transaction starts the WAL again; below half of
// it the thread takes over again.
import type BetterSqlite3 from "better-sqlite3";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** SQLite's default wal_autocheckpoint: what the main connection does without this thread. */
const AUTOCHECKPOINT_PAGES = 1000;
/** About 16 MB of 4 KB pages. */
const MAX_WAL_FRAMES = 4000;
/** Between checkpoints while the WAL is quiet, and while commits keep adding frames. */
const INTERVAL_MS = 50;
const AGAIN_MS = 10;

export interface WalCheckpointer {
  /** Resolves true once the thread checkpoints (the main connection's automatic checkpoints are off). */
  readonly started: Promise<boolean>;
  /** Hands checkpointing back to the main connection and ends the thread. */
  stop(): Promise<void>;
}

/** Why the thread stopped checkpointing (the main connection checkpoints again). */
export class WalCheckpointerError extends Error {
  override name = "WalCheckpointerError";
  constructor(readonly databasePath: string, options: { cause: unknown }) {
    super(
      `the checkpoint thread of ${databasePath} stopped: ${
        (options.cause as Error)?.message ?? String(options.cause)
      }; the webhook thread checkpoints again`,
      options,
    );
  }
}

type ThreadMessage =
  | { kind: "started" }
  | { kind: "behind"; behind: boolean }
  | { kind: "failed"; message: string };

// CommonJS, evaluated by the worker: no file of its own to find from a bundle, tsx or the built dist.
const THREAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  // A PASSIVE checkpoint waits for no lock anyway; a busy one (another checkpoint) is tried at the next turn.
  db.pragma("busy_timeout = 0");
} catch (error) {
  parentPort.postMessage({ kind: "failed", message: String(error && error.message || error) });
  process.exit(1);
}
let timer;
let behind = false;
const step = () => {
  let remaining = 0;
  try {
    // log: frames in the WAL; checkpointed: how many of them are in the database file now.
    const [result] = db.pragma("wal_checkpoint(PASSIVE)");
    remaining = result.log - result.checkpointed;
    const over = result.log > workerData.maxFrames;
    if (over !== behind && (over || result.log < workerData.maxFrames / 2)) {
      behind = over;
      parentPort.postMessage({ kind: "behind", behind });
    }
  } catch (error) {
    if (!/^SQLITE_(BUSY|LOCKED)/.test(String(error && error.code))) {
      parentPort.postMessage({ kind: "failed", message: String(error && error.message || error) });
      db.close();
      process.exit(1);
    }
  }
  // Frames written meanwhile: soon again, so that what is left for a checkpoint of the writer's stays small.
  timer = setTimeout(step, remaining > 0 ? workerData.againMs : workerData.intervalMs);
};
parentPort.on("message", () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage({ kind: "started" });
step();
`;

export function startWalCheckpointer(
  { sqlite, databasePath, onError, maxFrames = MAX_WAL_FRAMES }: {
    /** The main connection: its automatic checkpoints are turned off while the thread runs. */
    sqlite: BetterSqlite3.Database;
    /** The database file (not `:memory:`). */
    databasePath: string;
    /** The thread stopped on its own; checkpoints are the main connection's again. */
    onError: (error: WalCheckpointerError) => void;
    maxFrames?: number;
  },
): WalCheckpointer {
  const autocheckpoint = (pages: number) => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${pages}`);
  };
  let stopping = false;
  let markStarted: (started: boolean) => void = () => {};
  const started = new Promise<boolean>((resolve) => {
    markStarted = resolve;
  });
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: {
      path: databasePath,
      module: createRequire(import.meta.url).resolve("better-sqlite3"),
      maxFrames,
      intervalMs: INTERVAL_MS,
      againMs: AGAIN_MS,
    },
    // It allocates next to nothing: small heaps keep the isolate's share of memory small.
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
  });
  // Never what keeps the process alive: the main connection checkpoints on close anyway.
  worker.unref();
  const fail = (cause: unknown) => {
    autocheckpoint(AUTOCHECKPOINT_PAGES);
    markStarted(false);
    if (!stopping) onError(new WalCheckpointerError(databasePath, { cause }));
    stopping = true;
  };
  worker.on("message", (message: ThreadMessage) => {
    if (message.kind === "started") {
      if (!stopping) autocheckpoint(0);
      markStarted(!stopping);
    } else if (message.kind === "behind") {
      if (!stopping) autocheckpoint(message.behind ? AUTOCHECKPOINT_PAGES : 0);
    } else {
      fail(new Error(message.message));
    }
  });
  worker.on("error", fail);
  const exited = new Promise<void>((resolve) => {
    worker.once("exit", (code) => {
      if (!stopping) fail(new Error(`exited with code ${code}`));
      resolve();
    });
  });
  return {
    started,
    async stop() {
      if (!stopping) {
        stopping = true;
        autocheckpoint(AUTOCHECKPOINT_PAGES);
        markStarted(false);
        // Held until it has exited: otherwise a process with nothing else left to do (a failed start-up)
        // would end while its caller still awaits this.
        worker.ref();
        worker.postMessage("stop");
      }
      await exited;
    },
  };
}
