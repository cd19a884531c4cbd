// Reads the imports of a TypeScript source without a parser, for the tests that keep shared/ runtime-neutral
// and the hosted Slack app deployable.

/**
 * The source with comments removed and every string literal replaced by a numbered placeholder, so that text
 * inside strings or comments is never taken for code.
 */
export function tokenizeSource(
  source: string,
): { code: string; strings: string[] } {
  const strings: string[] = [];
  const code = source.replace(
    /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`/g,
    (m) => {
      if (m.startsWith("/")) return " ";
      strings.push(m.slice(1, -1));
      return `"${strings.length - 1}"`;
    },
  );
  return { code, strings };
}

/** The module specifiers a source imports or re-exports, static and dynamic (`import("…")`). */
export function importSpecifiers(
  source: string | ReturnType<typeof tokenizeSource>,
): string[] {
  const { code, strings } = typeof source === "string"
    ? tokenizeSource(source)
    : source;
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?"(\d+)"/g,
    /\bimport\s*\(\s*"(\d+)"\s*\)/g,
  ];
  return patterns.flatMap((pattern) =>
    [...code.matchAll(pattern)].flatMap((match) => {
      const text = strings[Number(match[1])];
      return text === undefined ? [] : [text];
    })
  );
}
