// A server under test as a child process (`node <entry>` on the built JavaScript, what the container runs),
// configured by environment variables only, ready when GET /readyz answers 200. Its stdout (JSON logs) goes to
// /dev/null so the benchmark process does not pay for reading it; the last stderr lines are kept for failure
// messages.
import { childEnv } from "../support/child-env.ts";
import { type ChildProcess, spawn } from "node:child_process";
import { findFreePort } from "../find-free-port.ts";
import { buildBenchEntries } from "./build-bench-entries.ts";
import { readProcCpuMs } from "./read-proc-cpu.ts";
import { readProcMemory } from "./read-proc-memory.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

export interface BenchProcess {
  url: string;
  pid: number;
  /** Highest resident memory seen so far: max of the kernel's VmHWM and our own VmRSS samples. */
  peakRssMb(): number;
  /** CPU used so far by all its threads (read-proc-cpu.ts); NaN where /proc cannot tell. */
  cpuMs(): number;
  stderrTail(): string;
  stop(): Promise<void>;
}

export class BenchProcessError extends Error {
  override name = "BenchProcessError";
  constructor(message: string, readonly stderr: string) {
    super(`${message}\n${stderr}`);
  }
}

export interface StartBenchProcessOptions {
  /** Built JavaScript, path from the repository root: one of BENCH_ENTRIES (built before the first start). */
  entry: string;
  env: Record<string, string>;
  /** Extra node flags (e.g. `--cpu-prof`). */
  nodeArgs?: readonly string[];
  readyTimeoutMs?: number;
  sampleEveryMs?: number;
}

export async function startBenchProcess(
  {
    entry,
    env,
    nodeArgs = [],
    readyTimeoutMs = 30_000,
    sampleEveryMs = 200,
  }: StartBenchProcessOptions,
): Promise<BenchProcess> {
  await buildBenchEntries();
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, entry],
    {
      cwd: ROOT,
      env: {
        ...childEnv(env),
        PORT: String(port),
        HOST: "127.0.0.1",
      },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", resolve));
  const pid = child.pid;
  if (pid === undefined) throw new BenchProcessError(`spawn ${entry}`, stderr);

  let peak = 0;
  const sample = () => {
    const memory = readProcMemory(pid);
    if (memory) peak = Math.max(peak, memory.peakRssMb, memory.rssMb);
  };
  const sampler = setInterval(sample, sampleEveryMs);
  const stop = async () => {
    sample();
    clearInterval(sampler);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };

  const deadline = performance.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      clearInterval(sampler);
      throw new BenchProcessError(`${entry} exited before ready`, stderr);
    }
    try {
      const response = await fetch(`${url}/readyz`);
      await response.body?.cancel();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      await stop();
      throw new BenchProcessError(`${entry} not ready in time`, stderr);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    pid,
    peakRssMb() {
      sample();
      return peak;
    },
    cpuMs: () => readProcCpuMs(pid) ?? NaN,
    stderrTail: () => stderr,
    stop,
  };
}
