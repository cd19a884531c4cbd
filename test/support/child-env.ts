/**
 * The environment of a child process under test: only what node needs (PATH, HOME) plus `env`, so nothing
 * leaks in from the test process (no stray DATABASE_URL or tokens).
 */
export function childEnv(
  env: Record<string, string> = {},
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    ...env,
  };
}

/**
 * The `node` that runs a child bridge or CLI. Under `deno test` (the hosted app's tests) `process.execPath` is
 * deno, so the one on PATH is used.
 */
export function nodeExecutable(): string {
  return "Deno" in globalThis ? "node" : process.execPath;
}
