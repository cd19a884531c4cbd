// What `slack deploy` ships must be what the tests ran: the deploy import map (deno.jsonc) has to name the
// deno.land releases of the SDK and API that the npm build in package-lock.json was made from, and the Slack CLI
// hooks (.slack/hooks.json) have to be releases that exist and work with them. Checked offline, from the files.
import ts from "typescript";

/**
 * deno.land/x releases the hooks may name, with where each is documented. Slack released SDK 2.15.1, hooks
 * 1.4.0 and runtime 1.1.3 together "in preparation for apps using the Run on Slack infrastructure to work with
 * Deno 2"; hooks 1.5.0 adds bundling with Deno ≥ 2.4's `deno bundle`.
 */
export const KNOWN_GOOD_RELEASES: Readonly<
  Record<string, Readonly<Record<string, string>>>
> = {
  deno_slack_hooks: {
    "1.4.0":
      "https://docs.slack.dev/changelog/2025/06/19/slack-cli (Slack CLI v3.4.0), https://github.com/slackapi/deno-slack-hooks/pull/107",
    "1.5.0":
      "https://docs.slack.dev/changelog/2025/11/20/slack-cli (Slack CLI v3.9.2); slack-samples/deno-starter-template .slack/hooks.json",
  },
  deno_slack_runtime: {
    "1.1.3":
      "https://docs.slack.dev/changelog/2025/06/19/slack-cli (Slack CLI v3.4.0); pinned by deno_slack_hooks 1.4.0 (slackapi/deno-slack-hooks#107)",
  },
};

/**
 * Top-level keys of deno.jsonc that mean the same on the hosted Deno 1.46 and on the Deno 2.x it is
 * moving to. Keys such as `nodeModulesDir` (boolean in 1.x, a string mode in 2.x), `workspace`, `links` or
 * `patch` (2.x only) do not.
 */
const DEPLOY_CONFIG_KEYS = new Set([
  "imports",
  "scopes",
  "compilerOptions",
  "fmt",
  "lint",
]);

const DENO_LAND = /https:\/\/deno\.land\/x\/([\w-]+)@([^/\s]+)\//g;

export type DeployInputs = {
  /** package-lock.json */
  lockfile: string;
  /** Folder names under node_modules/@slack/deno-slack-sdk/esm/deps/deno.land/x/ (the bundled deno_slack_api). */
  bundledDenoLandModules: readonly string[];
  /** deno.jsonc */
  deployConfig: string;
  /** deno.local.jsonc */
  localConfig: string;
  /** .slack/hooks.json */
  hooks: string;
  /** Every bare specifier hosted code imports, e.g. `deno-slack-sdk/mod.ts`. */
  hostedSpecifiers: readonly string[];
};

function parseJsonc(name: string, text: string): Record<string, unknown> {
  const { config, error } = ts.parseConfigFileTextToJson(name, text);
  if (error || typeof config !== "object" || config === null) {
    throw new Error(
      `${name} is not valid JSON(C): ${
        error
          ? ts.flattenDiagnosticMessageText(error.messageText, " ")
          : "empty"
      }`,
    );
  }
  return config as Record<string, unknown>;
}

function imports(config: Record<string, unknown>): Record<string, string> {
  const map = config.imports;
  return typeof map === "object" && map !== null
    ? map as Record<string, string>
    : {};
}

/** Whether an import map resolves `specifier` (by its exact key or a `…/` prefix key). */
function resolves(map: Record<string, string>, specifier: string): boolean {
  return specifier in map ||
    Object.keys(map).some((k) => k.endsWith("/") && specifier.startsWith(k));
}

/** The versions the tests ran: the npm SDK in the lockfile and the deno_slack_api it bundles. */
export function testedVersions(
  inputs: Pick<DeployInputs, "lockfile" | "bundledDenoLandModules">,
): { sdk: string; api: string } | { problem: string } {
  const lock = JSON.parse(inputs.lockfile) as {
    packages?: Record<string, { version?: string }>;
  };
  const sdk = lock.packages?.["node_modules/@slack/deno-slack-sdk"]?.version;
  if (!sdk) {
    return {
      problem: "package-lock.json has no node_modules/@slack/deno-slack-sdk",
    };
  }
  const apis = inputs.bundledDenoLandModules.flatMap((name) => {
    const m = /^deno_slack_api@(.+)$/.exec(name);
    return m?.[1] ? [m[1]] : [];
  });
  if (apis.length !== 1 || !apis[0]) {
    return {
      problem:
        `@slack/deno-slack-sdk ${sdk} should bundle one deno_slack_api, found [${
          apis.join(", ")
        }] (run npm ci)`,
    };
  }
  return { sdk, api: apis[0] };
}

/** Every way the deploy map or the hooks differ from what is tested, as sentences. */
export function deployMapProblems(inputs: DeployInputs): string[] {
  const tested = testedVersions(inputs);
  if ("problem" in tested) return [tested.problem];
  const problems: string[] = [];
  const expected: Record<string, string> = {
    "deno-slack-sdk/": `https://deno.land/x/deno_slack_sdk@${tested.sdk}/`,
    "deno-slack-api/": `https://deno.land/x/deno_slack_api@${tested.api}/`,
  };
  const deploy = parseJsonc("deno.jsonc", inputs.deployConfig);
  const deployImports = imports(deploy);
  for (const [key, url] of Object.entries(expected)) {
    if (deployImports[key] !== url) {
      problems.push(
        `deno.jsonc maps "${key}" to ${
          JSON.stringify(deployImports[key])
        }, but the tests ran ${url} (the npm build @slack/deno-slack-sdk ${tested.sdk} in package-lock.json)`,
      );
    }
  }
  for (const key of Object.keys(deployImports)) {
    if (!(key in expected)) {
      problems.push(
        `deno.jsonc maps "${key}", which the tests do not resolve the same way`,
      );
    }
  }
  for (const key of Object.keys(deploy)) {
    if (!DEPLOY_CONFIG_KEYS.has(key)) {
      problems.push(
        `deno.jsonc sets "${key}", which does not mean the same on Deno 1.46 and 2.x`,
      );
    }
  }

  const local = imports(parseJsonc("deno.local.jsonc", inputs.localConfig));
  for (const [key, target] of Object.entries(local)) {
    const npm = /npm:@slack\/deno-slack-sdk@([^/\s]+)/.exec(target)?.[1];
    const api = /deno_slack_api@([^/\s]+)/.exec(target)?.[1];
    if (npm !== undefined && npm !== tested.sdk) {
      problems.push(
        `deno.local.jsonc maps "${key}" to the npm SDK ${npm}, but package-lock.json has ${tested.sdk}`,
      );
    }
    if (api !== undefined && api !== tested.api) {
      problems.push(
        `deno.local.jsonc maps "${key}" to deno_slack_api ${api}, but the npm SDK bundles ${tested.api}`,
      );
    }
  }
  for (const specifier of new Set(inputs.hostedSpecifiers)) {
    for (
      const [name, map] of [["deno.jsonc", deployImports], [
        "deno.local.jsonc",
        local,
      ]] as const
    ) {
      if (!resolves(map, specifier)) {
        problems.push(
          `hosted code imports "${specifier}", which ${name} does not map`,
        );
      }
    }
  }

  const hooks = (JSON.parse(inputs.hooks) as { hooks?: Record<string, string> })
    .hooks ?? {};
  const hooksVersions = new Set<string>();
  for (const [hook, command] of Object.entries(hooks)) {
    if (!/(^|\s)--config=deno\.jsonc(\s|$)/.test(command)) {
      problems.push(
        `.slack/hooks.json "${hook}" does not run with --config=deno.jsonc`,
      );
    }
    for (const [, module, version] of command.matchAll(DENO_LAND)) {
      if (!module || !version) continue;
      if (module === "deno_slack_hooks") hooksVersions.add(version);
      const known = KNOWN_GOOD_RELEASES[module];
      if (known === undefined) {
        problems.push(
          `.slack/hooks.json "${hook}" runs ${module}, not a Slack CLI hook module`,
        );
      } else if (!(version in known)) {
        problems.push(
          `.slack/hooks.json "${hook}" runs ${module}@${version}, not a known release (known: ${
            Object.keys(known).join(", ")
          })`,
        );
      }
    }
  }
  if (hooksVersions.size > 1) {
    problems.push(
      `.slack/hooks.json mixes deno_slack_hooks releases ${
        [...hooksVersions].join(", ")
      }`,
    );
  }
  return problems;
}
