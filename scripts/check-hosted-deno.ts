// `npm run check:hosted-deno`: type-checks the hosted code (manifest.ts and every non-test file of slack-app/) with
// the Deno that Slack runs deployed apps on (test/hosted-deno.ts), fetched from npm by npx. Not part of `npm test`:
// it needs the npm registry, and two deno versions cannot share the lockfile (npm records only one set of a
// package's platform binaries). Deno 1.46's types have no `process` or `Buffer` globals and none of 2.x's APIs,
// so what the local Deno 2 accepts and the hosted one rejects shows up here.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { HOSTED_DENO } from "../test/hosted-deno.ts";
import { productFiles } from "../test/product-files.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * deno.local.jsonc as Deno 1.46 reads it: `nodeModulesDir: "manual"` is a 2.x mode (1.46 wants a boolean, and
 * `true` would download from npm); 1.46's `--unstable-byonm` resolves npm packages from node_modules the same way.
 * Relative targets become absolute, as the copy lives outside the repository.
 */
function hostedDenoConfig(): string {
  const local = readFileSync(join(ROOT, "deno.local.jsonc"), "utf8");
  return local
    .replace(/^\s*"nodeModulesDir":\s*"manual",\s*$/m, "")
    .replaceAll('"./', `"${ROOT}`);
}

const dir = mkdtempSync(join(tmpdir(), "pagerslack-hosted-deno-"));
try {
  const config = join(dir, "deno.hosted.jsonc");
  writeFileSync(config, hostedDenoConfig());
  const files = [
    "manifest.ts",
    ...productFiles(join(ROOT, "slack-app")).map((f) => relative(ROOT, f)),
  ];
  console.log(
    `deno ${HOSTED_DENO.version} (Slack's hosted runtime: ${HOSTED_DENO.source}) checks ${files.length} hosted files`,
  );
  const result = spawnSync(
    "npx",
    [
      "--yes",
      `deno@${HOSTED_DENO.version}`,
      "check",
      "--quiet",
      "--unstable-byonm",
      "--config",
      config,
      ...files,
    ],
    {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NO_COLOR: "1", RUST_BACKTRACE: "0" },
    },
  );
  if (result.error) throw result.error;
  if (result.status === 0) {
    console.log(`hosted code type-checks on deno ${HOSTED_DENO.version}`);
  }
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
