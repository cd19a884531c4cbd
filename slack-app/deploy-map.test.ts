// `slack deploy` resolves the SDK from deno.land through deno.jsonc, while every test runs the npm build
// pinned in package-lock.json: the two must name the same releases, and the CLI hooks must be known releases.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "../test/slack-app/bdd.ts";
import {
  type DeployInputs,
  deployMapProblems,
  testedVersions,
} from "../test/deploy-map-problems.ts";
import { importSpecifiers } from "../test/import-specifiers.ts";
import { productFiles } from "../test/product-files.ts";

const SLACK_APP = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(SLACK_APP);
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

function repositoryInputs(): DeployInputs {
  const hostedFiles = [join(ROOT, "manifest.ts"), ...productFiles(SLACK_APP)];
  return {
    lockfile: read("package-lock.json"),
    bundledDenoLandModules: readdirSync(
      join(ROOT, "node_modules/@slack/deno-slack-sdk/esm/deps/deno.land/x"),
    ),
    deployConfig: read("deno.jsonc"),
    localConfig: read("deno.local.jsonc"),
    hooks: read(".slack/hooks.json"),
    hostedSpecifiers: hostedFiles.flatMap((f) =>
      importSpecifiers(readFileSync(f, "utf8")).filter((s) =>
        !s.startsWith(".")
      )
    ),
  };
}

describe("the deploy import map and CLI hooks match what is tested", () => {
  const inputs = repositoryInputs();

  it("reads the tested versions from the lockfile and the npm build", () => {
    expect(testedVersions(inputs)).toEqual({ sdk: "2.15.1", api: "2.8.0" });
    expect(inputs.hostedSpecifiers).toContain("deno-slack-sdk/mod.ts");
  });

  it("the deploy map is the configuration Slack's build hook finds by itself", () => {
    // deno-slack-hooks' build.ts bundles with the first of ./deno.json, ./deno.jsonc, whatever --config it got.
    expect(existsSync(join(ROOT, "deno.json"))).toBe(false);
    expect(existsSync(join(ROOT, "deno.jsonc"))).toBe(true);
  });

  it("deno.jsonc, deno.local.jsonc and .slack/hooks.json agree with them", () => {
    const problems = deployMapProblems(inputs);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("fails on each kind of drift", () => {
    const drifted: DeployInputs = {
      ...inputs,
      deployConfig: `// deploy
{
  "nodeModulesDir": "manual",
  "imports": {
    "deno-slack-sdk/": "https://deno.land/x/deno_slack_sdk@2.14.0/",
    "deno-slack-api/": "https://deno.land/x/deno_slack_api@2.8.0/",
    "hono": "npm:hono@4"
  }
}`,
      localConfig: JSON.stringify({
        imports: {
          "deno-slack-sdk/mod.ts": "npm:@slack/deno-slack-sdk@2.15.0",
          "deno-slack-api/types.ts":
            "./node_modules/@slack/deno-slack-sdk/esm/deps/deno.land/x/deno_slack_api@2.7.0/types.d.ts",
        },
      }),
      hooks: JSON.stringify({
        hooks: {
          "get-hooks":
            "deno run -q --config=deno.jsonc --allow-read --allow-net https://deno.land/x/deno_slack_hooks@1.4.1/mod.ts",
          build:
            "deno run -q --config=deno.local.jsonc --allow-read https://deno.land/x/deno_slack_hooks@1.5.0/build.ts",
        },
      }),
      hostedSpecifiers: ["deno-slack-sdk/mod.ts", "deno-slack-api/mod.ts"],
    };
    expect(deployMapProblems(drifted)).toEqual([
      'deno.jsonc maps "deno-slack-sdk/" to "https://deno.land/x/deno_slack_sdk@2.14.0/", but the tests ran https://deno.land/x/deno_slack_sdk@2.15.1/ (the npm build @slack/deno-slack-sdk 2.15.1 in package-lock.json)',
      'deno.jsonc maps "hono", which the tests do not resolve the same way',
      'deno.jsonc sets "nodeModulesDir", which does not mean the same on Deno 1.46 and 2.x',
      'deno.local.jsonc maps "deno-slack-sdk/mod.ts" to the npm SDK 2.15.0, but package-lock.json has 2.15.1',
      'deno.local.jsonc maps "deno-slack-api/types.ts" to deno_slack_api 2.7.0, but the npm SDK bundles 2.8.0',
      'hosted code imports "deno-slack-api/mod.ts", which deno.local.jsonc does not map',
      '.slack/hooks.json "get-hooks" runs deno_slack_hooks@1.4.1, not a known release (known: 1.4.0, 1.5.0)',
      '.slack/hooks.json "build" does not run with --config=deno.jsonc',
      ".slack/hooks.json mixes deno_slack_hooks releases 1.4.1, 1.5.0",
    ]);
  });

  it("fails when the npm SDK is upgraded without the deploy map", () => {
    const lock = JSON.parse(inputs.lockfile) as {
      packages: Record<string, { version: string }>;
    };
    lock.packages["node_modules/@slack/deno-slack-sdk"] = { version: "2.16.0" };
    const problems = deployMapProblems({
      ...inputs,
      lockfile: JSON.stringify(lock),
      bundledDenoLandModules: ["case@v2.1.0", "deno_slack_api@2.9.0"],
    });
    expect(problems).toContain(
      'deno.jsonc maps "deno-slack-sdk/" to "https://deno.land/x/deno_slack_sdk@2.15.1/", but the tests ran https://deno.land/x/deno_slack_sdk@2.16.0/ (the npm build @slack/deno-slack-sdk 2.16.0 in package-lock.json)',
    );
    expect(problems).toContain(
      'deno.jsonc maps "deno-slack-api/" to "https://deno.land/x/deno_slack_api@2.8.0/", but the tests ran https://deno.land/x/deno_slack_api@2.9.0/ (the npm build @slack/deno-slack-sdk 2.16.0 in package-lock.json)',
    );
  });
});
