// Imports between the folders of bridge/ run one way, so a folder can be read, tested and changed knowing only
// what lies below it. Test files do not count: a test may reach across to build what it checks (a worker test
// runs the sender to see the card), and nothing imports a test, so its edges cannot make product code circular.
// Type-only imports count: they couple the folders as much as value imports do.
import { readFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importSpecifiers } from "../test/import-specifiers.ts";
import { productFiles } from "../test/product-files.ts";

const BRIDGE = dirname(fileURLToPath(import.meta.url));

/** One import between two files, by path relative to the root it was read from. */
export interface ImportEdge {
  from: string;
  to: string;
}

/**
 * The top-level folder a file belongs to ("." for the root itself): a subfolder such as db/migrations/ is part
 * of its parent's feature, and may import it freely.
 */
const folderOf = (file: string) =>
  file.includes("/") ? file.slice(0, file.indexOf("/")) : ".";

/**
 * Every group of folders that import each other in a circle (strongly connected components of the folder graph,
 * Tarjan's algorithm), each with the file imports that close it.
 */
export function folderCycles(
  edges: ImportEdge[],
): { folders: string[]; edges: ImportEdge[] }[] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = folderOf(from), b = folderOf(to);
    if (!next.has(a)) next.set(a, new Set());
    if (!next.has(b)) next.set(b, new Set());
    if (a !== b) next.get(a)!.add(b);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((folders) => ({
    folders,
    edges: edges.filter(({ from, to }) =>
      folderOf(from) !== folderOf(to) &&
      folders.includes(folderOf(from)) && folders.includes(folderOf(to))
    ),
  }));
}

/** The imports between non-test files of bridge/, relative to bridge/. */
export function bridgeImportEdges(root = BRIDGE): ImportEdge[] {
  return productFiles(root).flatMap((file) =>
    importSpecifiers(readFileSync(file, "utf8")).flatMap((spec) => {
      if (!spec.startsWith("./") && !spec.startsWith("../")) return [];
      const target = resolve(dirname(file), spec);
      const to = relative(root, target);
      if (to.startsWith("..") || to.startsWith(sep)) return [];
      return [{
        from: relative(root, file).split(sep).join("/"),
        to: to.split(sep).join("/"),
      }];
    })
  );
}

describe("folderCycles", () => {
  it("finds a cycle through three folders and names the imports that close it", () => {
    const edges = [
      { from: "api/route.ts", to: "worker/process.ts" },
      { from: "worker/process.ts", to: "outbox/send.ts" },
      { from: "outbox/send.ts", to: "api/types.ts" },
      { from: "outbox/send.ts", to: "db/database.ts" },
      { from: "db/migrations/0001.ts", to: "db/database.ts" },
      { from: "db/database.ts", to: "db/migrations/0001.ts" },
      { from: "api/route.ts", to: "api/types.ts" },
    ];
    expect(folderCycles(edges)).toEqual([{
      folders: ["api", "outbox", "worker"],
      edges: edges.slice(0, 3),
    }]);
  });

  it("counts the root as a folder and finds nothing in a one-way graph", () => {
    expect(folderCycles([
      { from: "start.ts", to: "db/database.ts" },
      { from: "db/database.ts", to: "start.ts" },
    ])).toMatchObject([{ folders: [".", "db"] }]);
    expect(folderCycles([
      { from: "start.ts", to: "worker/loop.ts" },
      { from: "worker/loop.ts", to: "db/database.ts" },
      { from: "start.ts", to: "db/database.ts" },
    ])).toEqual([]);
  });
});

describe("bridge/ imports", () => {
  it("run one way between folders", () => {
    const cycles = folderCycles(bridgeImportEdges()).map(({ folders, edges }) =>
      `${folders.join(" ↔ ")}:\n` +
      edges.map(({ from, to }) => `  ${from} → ${to}`).join("\n")
    );
    expect(cycles.join("\n")).toBe("");
  });
});
