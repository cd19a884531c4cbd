// shared/ is imported by the Deno-hosted Slack app and by the Node bridge: it may import only itself, with
// explicit `.ts` paths (Deno needs them), and may not touch runtime globals.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importSpecifiers, tokenizeSource } from "../test/import-specifiers.ts";

const SHARED = dirname(fileURLToPath(import.meta.url));
const RUNTIME_GLOBALS = ["Deno", "process", "Buffer", "require"] as const;
/** What tests (never shipped code) may import besides shared/ itself. */
const TEST_ONLY_IMPORTS = [/^node:/, /^vitest$/, /^(\.\.\/)+test\//];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every rule `file` (with `source`) breaks. */
function sharedImportProblems(file: string, source: string): string[] {
  const problems: string[] = [];
  const isTest = file.endsWith(".test.ts");
  const globalsExempt = isTest || file.endsWith(`${sep}fixtures.ts`);
  const tokens = tokenizeSource(source);
  for (const spec of importSpecifiers(tokens)) {
    if (isTest && TEST_ONLY_IMPORTS.some((re) => re.test(spec))) continue;
    if (!spec.startsWith("./") && !spec.startsWith("../")) {
      problems.push(`imports "${spec}": only relative paths inside shared/`);
      continue;
    }
    const target = resolve(dirname(file), spec);
    const inside = relative(SHARED, target);
    if (inside.startsWith("..")) {
      problems.push(`imports "${spec}", outside shared/`);
    } else if (!spec.endsWith(".ts")) {
      problems.push(`imports "${spec}" without its .ts extension`);
    } else if (!existsSync(target)) {
      problems.push(`imports "${spec}", which does not exist`);
    }
  }
  if (!globalsExempt) {
    const code = tokens.code;
    for (const name of RUNTIME_GLOBALS) {
      if (new RegExp(`(?<![.\\w$])${name}(?![\\w$])(?!\\s*\\??:)`).test(code)) {
        problems.push(`uses the runtime global ${name}`);
      }
    }
  }
  return problems;
}

describe("shared/ stays runtime-neutral", () => {
  const files = tsFiles(SHARED);

  it("finds the shared sources", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(SHARED, f), f]))(
    "%s imports only shared/ and no runtime globals",
    (_name, file) => {
      expect(sharedImportProblems(file, readFileSync(file, "utf8"))).toEqual(
        [],
      );
    },
  );

  it("catches each kind of violation", () => {
    const file = join(SHARED, "cards", "example.ts");
    const bad = [
      'import { x } from "npm:zod";',
      'import type { Y } from "jsr:@std/path";',
      'export * from "https://deno.land/x/mod.ts";',
      'import z from "kysely";',
      'import "node:fs";',
      'import { a } from "../../bridge/app.ts";',
      'import { b } from "./truncate";',
      'const c = await import("./missing.ts");',
      "const env = process.env.X; Deno.exit(1); Buffer.from(''); require('x');",
      "// Deno and process in a comment are fine",
      'const s = "process";',
      "const o = { process: 1 }; o.process;",
    ].join("\n");
    expect(sharedImportProblems(file, bad)).toEqual([
      'imports "npm:zod": only relative paths inside shared/',
      'imports "jsr:@std/path": only relative paths inside shared/',
      'imports "https://deno.land/x/mod.ts": only relative paths inside shared/',
      'imports "kysely": only relative paths inside shared/',
      'imports "node:fs": only relative paths inside shared/',
      'imports "../../bridge/app.ts", outside shared/',
      'imports "./truncate" without its .ts extension',
      'imports "./missing.ts", which does not exist',
      "uses the runtime global Deno",
      "uses the runtime global process",
      "uses the runtime global Buffer",
      "uses the runtime global require",
    ]);
    expect(sharedImportProblems(file, 'import { t } from "./truncate.ts";'))
      .toEqual([]);
    const test = join(SHARED, "cards", "example.test.ts");
    expect(
      sharedImportProblems(
        test,
        'import { it } from "vitest";\nimport { readFileSync } from "node:fs";\nprocess.cwd();',
      ),
    ).toEqual([]);
    expect(sharedImportProblems(test, 'import { Hono } from "hono";'))
      .toEqual(['imports "hono": only relative paths inside shared/']);
  });
});
