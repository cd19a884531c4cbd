// The production build (tsconfig.build.json, `npm run build`): the container runs its output with plain node,
// no TypeScript loader, so a `.ts` specifier left in the output or a file read from beside the sources would
// only show up there. Built here into a temporary folder that sees the repository's node_modules.
import { childEnv } from "../test/support/child-env.ts";
import { execFile, spawn } from "node:child_process";
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = new URL("..", import.meta.url).pathname;
let out: string;
/** Every .js file tsc wrote, relative to `out`. */
let emitted: string[];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "pagerslack-build-"));
  // Emit only: `npm run check` type-checks the same files, and skipping it keeps this test to seconds.
  await promisify(execFile)(process.execPath, [
    join(ROOT, "node_modules/typescript/bin/tsc"),
    "-p",
    join(ROOT, "tsconfig.build.json"),
    "--outDir",
    out,
    "--noCheck",
  ], { cwd: ROOT });
  emitted = (readdirSync(out, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".js"));
  // What the image has beside dist/: package.json ("type": "module") and node_modules.
  writeFileSync(join(out, "package.json"), '{ "type": "module" }\n');
  symlinkSync(join(ROOT, "node_modules"), join(out, "node_modules"), "dir");
}, 120_000);
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [join(out, script), ...args], {
    cwd: out,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => resolve(code))
  );
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

describe("tsconfig.build.json", () => {
  it("emits the bridge and shared/ only, with every relative import rewritten to .js", () => {
    const files = emitted;
    expect(files).toContain(join("bridge", "main.js"));
    expect(files).toContain(join("bridge", "cli.js"));
    expect(files.filter((f) => !/^(bridge|shared)\//.test(f))).toEqual([]);
    expect(files.filter((f) => /\.test\.js$|test-|fixtures/.test(f))).toEqual(
      [],
    );
    for (const file of files) {
      const source = readFileSync(join(out, file), "utf8");
      expect(source, file).not.toMatch(/from\s+["']\.{1,2}\/[^"']*\.ts["']/);
    }
  });

  it("runs with plain node: ready on SQLite, drains on SIGTERM", async () => {
    const bridge = run("bridge/main.js", [], {
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `sqlite:${join(out, "data", "bridge.db")}`,
      PAGERDUTY_WEBHOOK_SECRETS: "whsec-build",
      SLACK_BOT_TOKEN: "xoxb-build",
      // Never called: start-up needs no Slack.
      SLACK_API_URL: "http://127.0.0.1:9/api/",
      SLACK_ACTIONS_TRIGGER_URL: "https://slack.com/shortcuts/Ft0BUILD/abc",
      PAGERSLACK_API_TOKENS: "build-api-token",
    });
    const port = await new Promise<number>((resolve, reject) => {
      bridge.child.stdout.on("data", () => {
        const match = /"port":(\d+).*"msg":"bridge listening"/.exec(
          bridge.stdout(),
        );
        if (match) resolve(Number(match[1]));
      });
      void bridge.exited.then((code) =>
        reject(new Error(`bridge exited ${code}: ${bridge.stderr()}`))
      );
    });
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    bridge.child.kill("SIGTERM");
    expect(await bridge.exited).toBe(0);
  });

  it("runs the operator CLI with plain node", async () => {
    const cli = run("bridge/cli.js", [], {});
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toMatch(/^usage:/);
  });

  it("has the smoke command in the built CLI (docker exec … node dist/bridge/cli.js smoke)", async () => {
    const cli = run("bridge/cli.js", ["smoke"], {});
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toMatch(
      /^smoke: refusing to run without --live, --channel, --service, --from/,
    );
  });
});
