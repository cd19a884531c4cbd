// Hosted code runs on Slack's Deno (1.46, moving to 2.x; test/hosted-deno.ts), not on the Node or the newer Deno
// that the tests use: a Node-only global (`process`, `Buffer`, `require`, …) or a Deno API that the hosted
// runtime lacks would pass every local test and fail at the first click. Import specifiers (`node:`, `npm:`,
// `jsr:`) are checked by hosted-imports.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "../test/slack-app/bdd.ts";
import { productFiles } from "../test/product-files.ts";
import { UNAVAILABLE_ON_HOSTED_DENO } from "../test/hosted-deno.ts";
import { NODE_ONLY_GLOBALS, runtimeApiUses } from "../test/runtime-api-uses.ts";

const SLACK_APP = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(SLACK_APP);

/** Each use in `source` as "line: api", for readable failures. */
function usesIn(source: string): string[] {
  const file = join(SLACK_APP, "functions", "example", "mod.ts");
  return runtimeApiUses(new Map([[file, source]])).map((u) =>
    `${u.line}: ${u.api}`
  );
}

describe("hosted code uses only what Slack's Deno runtime has", () => {
  // shared/ is bundled into the functions that import it.
  const files = [
    join(ROOT, "manifest.ts"),
    ...productFiles(SLACK_APP),
    ...productFiles(join(ROOT, "shared")),
  ];

  it("finds the hosted sources", () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files).toContain(
      join(SLACK_APP, "functions", "incident-action", "mod.ts"),
    );
  });

  it("no hosted file uses a Node-only global or a Deno API the runtime lacks", () => {
    const uses = runtimeApiUses(
      new Map(files.map((f) => [f, readFileSync(f, "utf8")])),
    ).map((u) => `${relative(ROOT, u.file)}:${u.line} ${u.api}: ${u.why}`);
    expect(uses, uses.join("\n")).toEqual([]);
  });

  it("nor does the Slack SDK build the tests run (same release as deno.jsonc)", () => {
    // Its Deno calls go through dnt's shim module (`dntShim.Deno.env.get`), read as the globals they stand for.
    // dnt's own `_dnt.*` adapters (Node's process, require) exist only in the npm build, not on deno.land.
    const sdk = join(ROOT, "node_modules/@slack/deno-slack-sdk/esm");
    const js = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? js(join(dir, e.name))
          : e.name.endsWith(".js") && !e.name.startsWith("_dnt.")
          ? [join(dir, e.name)]
          : []
      );
    const files = js(sdk);
    expect(files.length).toBeGreaterThan(100);
    const uses = runtimeApiUses(
      new Map(files.map((f) => [f, readFileSync(f, "utf8")])),
      ["dntShim"],
    ).map((u) => `${relative(sdk, u.file)}:${u.line} ${u.api}: ${u.why}`);
    expect(uses, uses.join("\n")).toEqual([]);
    expect(
      runtimeApiUses(
        new Map([[
          join(sdk, "example.js"),
          'import * as dntShim from "./_dnt.shims.js";\ndntShim.Deno.env.get("X");\ndntShim.Deno.run({});',
        ]]),
        ["dntShim"],
      ).map((u) => `${u.line}: ${u.api}`),
    ).toEqual(["3: Deno.run"]);
  });

  it("catches each Node-only global, however it is reached", () => {
    expect(usesIn(
      [
        "const token = process.env.TOKEN;",
        'const bytes = Buffer.from("x");',
        'const fs = require("fs");',
        "module.exports = {};",
        "exports.x = 1;",
        "const here = __dirname + __filename;",
        "global.x = 1;",
        "setImmediate(() => {}); clearImmediate(0);",
        "const env = globalThis.process.env;",
        'const B = globalThis["Buffer"];',
        "const o = { process };",
        'import os = require("os");',
        "let b: Buffer;",
      ].join("\n"),
    )).toEqual([
      "1: process",
      "2: Buffer",
      "3: require",
      "4: module",
      "5: exports",
      "6: __dirname",
      "6: __filename",
      "7: global",
      "8: setImmediate",
      "8: clearImmediate",
      "9: process",
      "10: Buffer",
      "11: process",
      "12: require",
      "13: Buffer",
    ]);
  });

  it("catches Deno and web APIs newer than, unstable on or removed from the hosted Deno", () => {
    expect(usesIn(
      [
        "Deno.telemetry.x;",
        "const kv = await Deno.openKv();",
        'const p = Deno.run({ cmd: ["ls"] });',
        "const { readAll, env } = Deno;",
        'Deno["serveHttp"];',
        'RegExp.escape("a.b");',
        "const t = Temporal.Now.instant();",
        'const u = Uint8Array.fromBase64("");',
        "window.addEventListener;",
      ].join("\n"),
    )).toEqual([
      "1: Deno.telemetry",
      "2: Deno.openKv",
      "3: Deno.run",
      "4: Deno.readAll",
      "5: Deno.serveHttp",
      "6: RegExp.escape",
      "7: Temporal",
      "8: Uint8Array.fromBase64",
      "9: window",
    ]);
  });

  it("catches every entry of both tables", () => {
    const apis = [
      ...Object.keys(NODE_ONLY_GLOBALS),
      ...Object.keys(UNAVAILABLE_ON_HOSTED_DENO),
    ];
    expect(usesIn(apis.map((api) => `use(${api});`).join("\n"))).toEqual(
      apis.map((api, i) => `${i + 1}: ${api}`),
    );
  });

  it("does not count mentions, locals, imports or other objects' properties", () => {
    expect(usesIn(
      [
        "// process.env and Buffer.from are Node-only; Deno.run was removed",
        '/* require("fs") */',
        'const s = "process.env.X, Buffer, require(), Deno.openKv()";',
        "const t = `globalThis.process ${1}`;",
        'import { process } from "../../shared/example.ts";',
        "process.env.X;",
        "function f(Buffer: Uint8Array, require: () => void) { return [Buffer, require()]; }",
        "const config = { process: 1, module: 2, global: 3 };",
        "config.process; config.module; config.global;",
        "type T = { Buffer: string; exports: number };",
        'const { env } = Deno; env.get("X");',
        'Deno.env.get("X"); Deno.exit(1); new Uint8Array(2); RegExp("a");',
        "const run = () => 1; run();",
        "class C { process() {} window = 1 }",
      ].join("\n"),
    )).toEqual([]);
  });
});
