// What `slack deploy` bundles (manifest.ts and everything it reaches) runs on Slack's Deno runtime, where npm:
// packages are unreliable and node: / jsr: / remote imports are not what deno.jsonc maps. Hosted code
// may import only the SDK specifiers both import maps define, and relative .ts files in slack-app/ or shared/.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "../test/slack-app/bdd.ts";
import { importSpecifiers } from "../test/import-specifiers.ts";
import { productFiles } from "../test/product-files.ts";

const SLACK_APP = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(SLACK_APP);
const SDK_SPECIFIERS = [
  /^deno-slack-sdk\/[\w./-]+\.ts$/,
  /^deno-slack-api\/[\w./-]+\.ts$/,
];
const HOSTED_ROOTS = [SLACK_APP, join(ROOT, "shared")];

const inside = (dir: string, path: string) => {
  const r = relative(dir, path);
  return r !== "" && !r.startsWith("..") && !r.startsWith(sep);
};

/** Every import of `file` (with `source`) that would not deploy. */
function hostedImportProblems(file: string, source: string): string[] {
  const problems: string[] = [];
  for (const spec of importSpecifiers(source)) {
    if (SDK_SPECIFIERS.some((re) => re.test(spec))) continue;
    if (!spec.startsWith("./") && !spec.startsWith("../")) {
      problems.push(
        `imports "${spec}": only deno-slack-sdk/…, deno-slack-api/… and relative paths`,
      );
      continue;
    }
    const target = resolve(dirname(file), spec);
    if (!HOSTED_ROOTS.some((root) => inside(root, target))) {
      problems.push(`imports "${spec}", outside slack-app/ and shared/`);
    } else if (target.endsWith(".test.ts")) {
      problems.push(`imports "${spec}", test code that is not deployed`);
    } else if (!spec.endsWith(".ts")) {
      problems.push(`imports "${spec}" without its .ts extension`);
    } else if (!existsSync(target)) {
      problems.push(`imports "${spec}", which does not exist`);
    }
  }
  return problems;
}

describe("hosted code imports only what deploys", () => {
  const files = [join(ROOT, "manifest.ts"), ...productFiles(SLACK_APP)];

  it("finds the hosted sources", () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files).toContain(
      join(SLACK_APP, "functions", "incident-action", "mod.ts"),
    );
  });

  for (const file of files) {
    it(relative(ROOT, file), () => {
      expect(hostedImportProblems(file, readFileSync(file, "utf8"))).toEqual(
        [],
      );
    });
  }

  it("catches each kind of violation", () => {
    const file = join(SLACK_APP, "functions", "example", "mod.ts");
    const bad = [
      'import { z } from "npm:zod";',
      'import type { Y } from "jsr:@std/path";',
      'export * from "https://deno.land/x/deno_slack_sdk@2.15.1/mod.ts";',
      'import { Hono } from "hono";',
      'import { readFileSync } from "node:fs";',
      'import { SlackFunction } from "deno-slack-sdk";',
      'import { startBridge } from "../../../bridge/start-bridge.ts";',
      'import { startAppHarness } from "../../../test/slack-app/start-app-harness.ts";',
      'import { helper } from "../other/other.test.ts";',
      'import { notifyUser } from "../../messages/notify-user";',
      'const m = await import("../../messages/missing.ts");',
      '// import { x } from "npm:in-a-comment";',
      'const s = "import { y } from \\"node:os\\"";',
    ].join("\n");
    const only = "only deno-slack-sdk/…, deno-slack-api/… and relative paths";
    expect(hostedImportProblems(file, bad)).toEqual([
      `imports "npm:zod": ${only}`,
      `imports "jsr:@std/path": ${only}`,
      `imports "https://deno.land/x/deno_slack_sdk@2.15.1/mod.ts": ${only}`,
      `imports "hono": ${only}`,
      `imports "node:fs": ${only}`,
      `imports "deno-slack-sdk": ${only}`,
      'imports "../../../bridge/start-bridge.ts", outside slack-app/ and shared/',
      'imports "../../../test/slack-app/start-app-harness.ts", outside slack-app/ and shared/',
      'imports "../other/other.test.ts", test code that is not deployed',
      'imports "../../messages/notify-user" without its .ts extension',
      'imports "../../messages/missing.ts", which does not exist',
    ]);
    expect(
      hostedImportProblems(
        file,
        [
          'import { DefineFunction } from "deno-slack-sdk/mod.ts";',
          'import type { SlackAPIClient } from "deno-slack-api/types.ts";',
          'import { notifyUser } from "../../messages/notify-user.ts";',
          'import { CARD_ACTIONS } from "../../../shared/cards/card-actions.ts";',
        ].join("\n"),
      ),
    ).toEqual([]);
  });
});
