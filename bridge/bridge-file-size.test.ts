// A product file over 300 lines has, in this codebase, always turned out to hold more than one job (issue 13).
// Tests and test fixtures are exempt: a table of cases or published payload examples reads best in one place.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BRIDGE = dirname(fileURLToPath(import.meta.url));
const MAX_LINES = 300;

function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === "fixtures" ? [] : productFiles(path);
    }
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")
      ? [path]
      : [];
  });
}

/** Each file with more than `max` lines, as "path (lines)". */
export function oversizedFiles(
  files: { path: string; source: string }[],
  max = MAX_LINES,
): string[] {
  return files.flatMap(({ path, source }) => {
    const lines = source.split("\n").length - (source.endsWith("\n") ? 1 : 0);
    return lines > max ? [`${path} (${lines} lines)`] : [];
  });
}

describe("oversizedFiles", () => {
  it("names a file one line over the limit and passes one at it", () => {
    const lines = (n: number) => "x;\n".repeat(n);
    expect(oversizedFiles([
      { path: "a.ts", source: lines(300) },
      { path: "b.ts", source: lines(301) },
    ])).toEqual(["b.ts (301 lines)"]);
  });
});

describe("bridge/ product files", () => {
  it(`are at most ${MAX_LINES} lines each`, () => {
    const files = productFiles(BRIDGE).map((path) => ({
      path: relative(BRIDGE, path),
      source: readFileSync(path, "utf8"),
    }));
    expect(oversizedFiles(files)).toEqual([]);
  });
});
