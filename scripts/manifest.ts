// Prints the Slack app manifest (`Manifest()` of ../manifest.ts) as JSON: `npm run manifest`.
// The hosted app imports the SDK as Slack's samples do (`deno-slack-sdk/mod.ts`); under Node those specifiers
// are mapped to the npm build's files, as deno.jsonc and vitest.config.ts do.
import { register } from "node:module";

const SDK = "@slack/deno-slack-sdk/esm/";
const API = `${SDK}deps/deno.land/x/deno_slack_api@2.8.0/`;

/** Import-map entries for Node; values are resolved from this file's location inside node_modules. */
export const SLACK_SDK_SPECIFIERS: Record<string, string> = {
  "deno-slack-sdk/mod.ts": `${SDK}mod.js`,
  "deno-slack-sdk/types.ts": `${SDK}types.js`,
  "deno-slack-api/mod.ts": `${API}mod.js`,
  "deno-slack-api/types.ts": `${API}types.js`,
};

function registerSlackSdkSpecifiers(): void {
  const nodeModules = new URL("../node_modules/", import.meta.url);
  const table = Object.fromEntries(
    Object.entries(SLACK_SDK_SPECIFIERS).map((
      [from, to],
    ) => [from, new URL(to, nodeModules).href]),
  );
  const hook = `const table = ${JSON.stringify(table)};
export async function resolve(specifier, context, next) {
  const mapped = table[specifier];
  return mapped ? { url: mapped, shortCircuit: true } : next(specifier, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

registerSlackSdkSpecifiers();
// A computed specifier: tsc (Node side) must not follow it into the Deno-typed app; deno check covers it.
const manifestUrl = new URL("../manifest.ts", import.meta.url).href;
const { default: manifest } = await import(manifestUrl) as { default: unknown };
process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
