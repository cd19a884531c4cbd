// Finds, with the TypeScript compiler's own parser and binder, the uses in hosted code of runtime APIs that Slack's
// hosted Deno does not have: Node-only globals (Deno 1.46 has no `process`, `Buffer` or `require`) and Deno / web
// APIs that are newer than the hosted runtime, unstable there, or removed by the Deno 2 it is moving to. A name
// counts only where it is a reference that resolves to the global (not a local, parameter or import of that name,
// not a property of another object, not text in a comment or string), so mentions do not trip it.
import ts from "typescript";
import { UNAVAILABLE_ON_HOSTED_DENO } from "./hosted-deno.ts";

/** Globals that exist under Node but not on Slack's hosted Deno (1.46; see test/hosted-deno.ts). */
export const NODE_ONLY_GLOBALS: Readonly<Record<string, string>> = {
  process:
    "Node's process object (read the environment from the function's `env` argument)",
  Buffer: "Node's Buffer (use Uint8Array, TextEncoder/TextDecoder, btoa/atob)",
  require: "CommonJS require (use an ES import of an allowed module)",
  module: "CommonJS module object",
  exports: "CommonJS exports object",
  __dirname: "CommonJS __dirname (use import.meta.url)",
  __filename: "CommonJS __filename (use import.meta.url)",
  global: "Node's global object (use globalThis)",
  setImmediate: "Node's setImmediate (use queueMicrotask or setTimeout)",
  clearImmediate: "Node's clearImmediate (use clearTimeout)",
};

/** Objects whose properties name a global: `globalThis.process` is `process`. */
const GLOBAL_OBJECTS = new Set(["globalThis", "self", "window", "global"]);

export type RuntimeApiUse = {
  file: string;
  line: number;
  /** The global or dotted API path used, e.g. `process` or `Deno.run`. */
  api: string;
  why: string;
};

/**
 * Every use in `files` (path → source) of a Node-only global or of an API listed in UNAVAILABLE_ON_HOSTED_DENO.
 * Sources are parsed and bound together without libraries or imports, so a name that the binder cannot resolve
 * in its file is a global.
 */
export function runtimeApiUses(
  files: ReadonlyMap<string, string>,
  /**
   * Imported names that stand for the global object, so `dntShim.Deno.run` is `Deno.run`: the npm build of the
   * Slack SDK (made with dnt) reaches Deno's globals through its `dntShim` module.
   */
  globalAliases: readonly string[] = [],
): RuntimeApiUse[] {
  const options: ts.CompilerOptions = {
    noLib: true,
    noResolve: true,
    allowJs: true,
    types: [],
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    allowImportingTsExtensions: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (name, languageVersion) => {
    const text = files.get(name);
    return text === undefined
      ? undefined
      : ts.createSourceFile(name, text, languageVersion, true);
  };
  host.fileExists = (name) => files.has(name);
  host.readFile = (name) => files.get(name);
  const program = ts.createProgram([...files.keys()], options, host);
  const checker = program.getTypeChecker();
  const uses: RuntimeApiUse[] = [];

  for (const file of files.keys()) {
    const sourceFile = program.getSourceFile(file);
    if (sourceFile === undefined) continue;
    const isGlobal = (id: ts.Identifier): boolean => {
      const symbol = ts.isShorthandPropertyAssignment(id.parent)
        ? checker.getShorthandAssignmentValueSymbol(id.parent)
        : checker.getSymbolAtLocation(id);
      return symbol === undefined ||
        !(symbol.declarations ?? []).some((d) =>
          d.getSourceFile() === sourceFile
        );
    };
    const report = (node: ts.Node, api: string, why: string) => {
      const { line } = sourceFile.getLineAndCharacterOfPosition(
        node.getStart(sourceFile),
      );
      uses.push({ file, line: line + 1, api, why });
    };
    const visit = (node: ts.Node): void => {
      const alias = ts.isIdentifier(node) && globalAliases.includes(node.text);
      if (
        ts.isIdentifier(node) && isReference(node) && (alias || isGlobal(node))
      ) {
        for (const path of accessPaths(node)) {
          // `globalThis.process` is `process`; `window` itself is checked too (Deno 2 removed it).
          const candidates = alias
            ? [path.slice(1)]
            : GLOBAL_OBJECTS.has(node.text) && path.length > 1
            ? [path, path.slice(1)]
            : [path];
          for (const [head, ...rest] of candidates) {
            if (head === undefined) continue;
            const nodeOnly = NODE_ONLY_GLOBALS[head];
            if (nodeOnly !== undefined) {
              report(node, head, nodeOnly);
              continue;
            }
            const dotted = [head, ...rest].join(".");
            const entry = Object.entries(UNAVAILABLE_ON_HOSTED_DENO).find((
              [api],
            ) => dotted === api || dotted.startsWith(`${api}.`));
            if (entry) report(node, entry[0], entry[1]);
          }
        }
      } else if (ts.isExternalModuleReference(node)) {
        report(node, "require", NODE_ONLY_GLOBALS.require!);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return uses;
}

/** False where an identifier names something rather than refers to a value: a property, key or declared name. */
function isReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if (ts.isQualifiedName(parent) && parent.right === id) return false;
  if (
    (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) ||
      ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) ||
      ts.isMethodSignature(parent) || ts.isGetAccessor(parent) ||
      ts.isSetAccessor(parent) || ts.isEnumMember(parent)) &&
    parent.name === id
  ) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === id) return false;
  if (
    (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) &&
    parent.propertyName === id
  ) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) {
    return false;
  }
  return true;
}

/**
 * The name paths read from `id` onwards: `Deno.env.get` for the `Deno` of `Deno.env.get(…)`, `Deno.run` for
 * `Deno["run"]`, and `Deno.run` and `Deno.env` for `const { run, env } = Deno`.
 */
function accessPaths(id: ts.Identifier): string[][] {
  const path = [id.text];
  let node: ts.Node = id;
  for (;;) {
    const parent: ts.Node = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
      path.push(parent.name.text);
    } else if (
      ts.isElementAccessExpression(parent) && parent.expression === node &&
      ts.isStringLiteralLike(parent.argumentExpression)
    ) {
      path.push(parent.argumentExpression.text);
    } else if (
      ts.isVariableDeclaration(parent) && parent.initializer === node &&
      ts.isObjectBindingPattern(parent.name)
    ) {
      return parent.name.elements.flatMap((element) => {
        const key = element.propertyName ?? element.name;
        return ts.isIdentifier(key) || ts.isStringLiteralLike(key)
          ? [[...path, key.text]]
          : [];
      });
    } else {
      return [path];
    }
    node = parent;
  }
}
