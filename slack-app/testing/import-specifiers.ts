/**
 * The module specifiers a TypeScript source imports or re-exports (static and dynamic `import("…")`), read with
 * comments removed and string contents set aside, so text inside strings or comments is never taken for an
 * import. The same scanning as shared/shared-imports.test.ts, which keeps its copy private: a candidate for one
 * test helper under test/ when that file may change.
 */
export function importSpecifiers(source: string): string[] {
  const strings: string[] = [];
  const code = source.replace(
    /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`/g,
    (m) => {
      if (m.startsWith("/")) return " ";
      strings.push(m.slice(1, -1));
      return `"${strings.length - 1}"`;
    },
  );
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
