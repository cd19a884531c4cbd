import BetterSqlite3 from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../db/open-database.ts";
import {
  capturingLogger,
  silentLogger,
} from "../../test/support/bridge-test-support.ts";
import { createOutageLog, startLoop } from "./start-loop.ts";

describe("startLoop", () => {
  const logger = silentLogger();

  it("with firstInMs, waits before the first step unless woken", async () => {
    let steps = 0;
    const loop = startLoop(() => {
      steps += 1;
      return Promise.resolve(null);
    }, { idleMs: 60_000, firstInMs: 60_000, name: "test", logger });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(steps).toBe(0);
    loop.wake();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(steps).toBe(1);
    await loop.stop();
    expect(steps).toBe(1);
  });

  it("stopped during its first wait, it never steps", async () => {
    let steps = 0;
    const loop = startLoop(() => {
      steps += 1;
      return Promise.resolve(null);
    }, { idleMs: 60_000, firstInMs: 60_000, name: "test", logger });
    await loop.stop();
    expect(steps).toBe(0);
  });

  it("a wake while a step runs steps again at once after it, though the step said idle", async () => {
    let steps = 0;
    let loop: ReturnType<typeof startLoop> | undefined = undefined;
    loop = startLoop(async () => {
      steps += 1;
      // New work arrives while the first step runs (after it looked): its wake must not be lost.
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (steps === 1) loop?.wake();
      return null;
    }, { idleMs: 60_000, name: "test", logger });
    for (let waited = 0; steps < 2 && waited < 2000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(steps).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(steps).toBe(2);
    await loop.stop();
  });

  it("without it, steps at once and again after the delay the step returns", async () => {
    let steps = 0;
    const loop = startLoop(() => {
      steps += 1;
      return Promise.resolve(steps < 3 ? 1 : null);
    }, { idleMs: 60_000, name: "test", logger });
    for (let waited = 0; steps < 3 && waited < 5000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(steps).toBe(3);
    await loop.stop();
  });
});

/** What pg reports when the server is gone. */
const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
    code: "ECONNREFUSED",
  });

const until = async (condition: () => boolean, timeoutMs = 5000) => {
  for (let waited = 0; !condition() && waited < timeoutMs; waited += 5) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe("startLoop when steps fail", () => {
  it("retries with growing delays, logging the outage once when it starts and once when it ends", async () => {
    const { logger, atLeast } = capturingLogger();
    const stepAt: number[] = [];
    const loop = startLoop(() => {
      stepAt.push(Date.now());
      return stepAt.length <= 6
        ? Promise.reject(refused())
        : Promise.resolve(null);
    }, {
      idleMs: 60_000,
      name: "inbox",
      logger,
      failureBackoff: { baseMs: 10, maxMs: 80 },
    });
    await until(() => stepAt.length >= 7);
    await loop.stop();
    // Six failures, then the step that succeeds: retried long before the idle minute, not spinning.
    expect(stepAt).toHaveLength(7);
    const gaps = stepAt.slice(1).map((at, i) => at - stepAt[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(9);
    expect(atLeast(30).map((l) => l.msg)).toEqual([
      "database unavailable; retrying with backoff",
      "database available again",
    ]);
  });

  it("reports one outage for all the loops sharing an outage log", async () => {
    const { logger, atLeast } = capturingLogger();
    const outage = createOutageLog(logger);
    let down = true;
    const steps = { a: 0, b: 0 };
    const loops = (["a", "b"] as const).map((name) =>
      startLoop(() => {
        steps[name] += 1;
        return down ? Promise.reject(refused()) : Promise.resolve(null);
      }, {
        idleMs: 60_000,
        name,
        logger,
        outage,
        failureBackoff: { baseMs: 5, maxMs: 20 },
      })
    );
    await until(() => steps.a >= 3 && steps.b >= 3);
    down = false;
    const before = { ...steps };
    await until(() => steps.a > before.a && steps.b > before.b);
    await Promise.all(loops.map((loop) => loop.stop()));
    expect(atLeast(30).map((l) => l.msg)).toEqual([
      "database unavailable; retrying with backoff",
      "database available again",
    ]);
  });

  it("logs a failing step's error once (and again when it changes), then that it succeeds again", async () => {
    const { logger, atLeast } = capturingLogger();
    let steps = 0;
    const loop = startLoop(() => {
      steps += 1;
      if (steps <= 3) return Promise.reject(new Error("first problem"));
      if (steps <= 5) return Promise.reject(new Error("second problem"));
      return Promise.resolve(null);
    }, {
      idleMs: 60_000,
      name: "reconciler",
      logger,
      failureBackoff: { baseMs: 5, maxMs: 20 },
    });
    await until(() => steps >= 6);
    await loop.stop();
    expect(steps).toBe(6);
    expect(atLeast(30).map((l) => [l.msg, l.loop])).toEqual([
      ["loop step failed; retrying with backoff", "reconciler"],
      ["loop step failed; retrying with backoff", "reconciler"],
      ["loop step succeeded again", "reconciler"],
    ]);
  });

  it("a wake ends the wait after a failure early", async () => {
    let steps = 0;
    const loop = startLoop(() => {
      steps += 1;
      return steps === 1 ? Promise.reject(refused()) : Promise.resolve(null);
    }, {
      idleMs: 60_000,
      name: "outbox",
      logger: silentLogger(),
      failureBackoff: { baseMs: 60_000, maxMs: 60_000 },
    });
    await until(() => steps >= 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(steps).toBe(1);
    loop.wake();
    await until(() => steps >= 2, 1000);
    expect(steps).toBe(2);
    await loop.stop();
  });
});

describe("startLoop on a SQLite file another process holds locked", () => {
  it("retries the step's write after SQLITE_BUSY until it goes through", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pagerslack-loop-busy-"));
    const file = join(dir, "bridge.db");
    // What running out of busy_timeout (5 s in production) looks like, sooner.
    const database = openDatabase(file);
    const other = new BetterSqlite3(file);
    const { logger, atLeast } = capturingLogger();
    try {
      await database.migrate();
      await sql`pragma busy_timeout = 20`.execute(database.db);
      other.exec("begin immediate");
      setTimeout(() => other.exec("commit"), 300);
      let attempts = 0;
      let written = false;
      const loop = startLoop(async () => {
        attempts += 1;
        await database.db.updateTable("webhook_inbox")
          .set({ status: "done" }).where("status", "=", "pending").execute();
        written = true;
        return null;
      }, {
        idleMs: 60_000,
        name: "inbox",
        logger,
        failureBackoff: { baseMs: 20, maxMs: 100 },
      });
      await until(() => written);
      await loop.stop();
      expect(written).toBe(true);
      expect(attempts).toBeGreaterThan(1);
      expect(atLeast(30).map((l) => l.msg)).toEqual([
        "database unavailable; retrying with backoff",
        "database available again",
      ]);
    } finally {
      other.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
