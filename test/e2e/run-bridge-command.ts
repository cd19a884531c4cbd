// The bridge's operator commands (`bridge/cli.ts setup | doctor`) as an operator runs them: a process with the
// bridge's environment, judged by its exit code and output.
import { childEnv } from "../support/child-env.ts";
import { spawn } from "node:child_process";

const ROOT = new URL("../../", import.meta.url).pathname;

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runBridgeCommand(
  args: string[],
  env: Record<string, string>,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "bridge/cli.ts", ...args],
      {
        cwd: ROOT,
        env: childEnv(env),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const result: CommandResult = { code: null, stdout: "", stderr: "" };
    child.stdout.on("data", (c: Buffer) => (result.stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (result.stderr += c.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ ...result, code }));
  });
}
