// The real bridge entry point as a child process (`node --import tsx bridge/main.ts`: the container runs the same
// module built to JavaScript, which bridge/build.test.ts starts), configured by environment variables only, ready
// when GET /readyz answers 200.
import { type ChildProcess, spawn } from "node:child_process";
import { childEnv, nodeExecutable } from "../support/child-env.ts";
import { waitFor } from "./wait-for.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

export interface BridgeProcess {
  url: string;
  /** Every stdout/stderr line of every run, for failure messages. */
  readonly logs: string[];
  readonly running: boolean;
  /** SIGTERM and wait for the exit (the bridge drains first); SIGKILL after `killAfterMs`. */
  stop(options?: { signal?: NodeJS.Signals }): Promise<number | null>;
  /** Starts it again after `stop()`, on the same port and database. */
  start(): Promise<void>;
  /** Stops (SIGKILL: a crash; SIGTERM: a deploy) and starts again on the same port and database. */
  restart(options?: { signal?: NodeJS.Signals }): Promise<void>;
}

export class BridgeStartError extends Error {
  override name = "BridgeStartError";
  constructor(message: string, readonly logs: string[]) {
    super(`${message}\n${logs.slice(-30).join("\n")}`);
  }
}

/**
 * Sends the signal by process id (kill(2)), not through `ChildProcess.kill`. Under Deno (the hosted app's tests)
 * the child handle's `kill` at times returned true without the bridge receiving the SIGTERM, and after one signal
 * it sends no other (denoland/deno#36643), so the SIGKILL fallback never came either: closing the harness then
 * waited about 3 minutes. Under Node both ways are the same system call.
 */
function signalProcess(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(proc.pid, signal);
  } catch {
    // Already gone (ESRCH): nothing to stop.
  }
}

export async function startBridgeProcess(
  env: Record<string, string>,
  { readyTimeoutMs = 20_000, killAfterMs = 5_000 } = {},
): Promise<BridgeProcess> {
  const port = env.PORT;
  if (!port || port === "0") {
    throw new Error("startBridgeProcess: give a fixed PORT (findFreePort())");
  }
  const url = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  let child: ChildProcess | null = null;
  let exited: Promise<number | null> = Promise.resolve(null);

  const launch = async () => {
    const proc = spawn(
      nodeExecutable(),
      ["--import", "tsx", "bridge/main.ts"],
      {
        cwd: ROOT,
        // Only what node needs to run, plus the bridge's configuration: nothing leaks in from the test process.
        env: childEnv(env),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child = proc;
    // Never leave a bridge behind when the test process ends without closing the stack.
    const orphanGuard = () => signalProcess(proc, "SIGKILL");
    process.once("exit", orphanGuard);
    proc.once("exit", () => process.off("exit", orphanGuard));
    let gone = false;
    exited = new Promise((resolve) =>
      proc.once("exit", (code, signal) => {
        gone = true;
        logs.push(`[bridge exited: code ${code}, signal ${signal}]`);
        resolve(code);
      })
    );
    for (const stream of [proc.stdout, proc.stderr]) {
      let buffer = "";
      stream?.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        logs.push(...lines.filter((l) => l.trim() !== ""));
      });
    }
    try {
      await waitFor(async () => {
        if (gone) throw new BridgeStartError("the bridge exited", logs);
        const response = await fetch(`${url}/readyz`);
        await response.body?.cancel();
        return response.status === 200;
      }, { what: `${url}/readyz`, timeoutMs: readyTimeoutMs, intervalMs: 50 });
    } catch (error) {
      signalProcess(proc, "SIGKILL");
      throw error instanceof BridgeStartError
        ? error
        : new BridgeStartError(String(error), logs);
    }
  };

  const stop = async ({ signal = "SIGTERM" as NodeJS.Signals } = {}) => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) {
      return proc?.exitCode ?? null;
    }
    signalProcess(proc, signal);
    const timer = setTimeout(() => signalProcess(proc, "SIGKILL"), killAfterMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  const running = () => {
    const proc = child as ChildProcess | null;
    return proc !== null && proc.exitCode === null && proc.signalCode === null;
  };

  await launch();
  return {
    url,
    logs,
    get running() {
      return running();
    },
    stop,
    async start() {
      if (!running()) await launch();
    },
    async restart(options) {
      await stop(options);
      await launch();
    },
  };
}
