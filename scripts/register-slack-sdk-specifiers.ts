// The hosted app imports the Slack SDK as Slack's samples do (`deno-slack-sdk/mod.ts`). Under plain Node (tsx:
// `npm run manifest`, the demo) those specifiers resolve to the npm build, the same mapping as deno.local.jsonc and
// vitest.config.ts use.
import { register } from "node:module";

const SDK = "@slack/deno-slack-sdk/esm/";
const API = `${SDK}deps/deno.land/x/deno_slack_api@2.8.0/`;

/** Import-map entries for Node; values are resolved inside node_modules. */
const SLACK_SDK_SPECIFIERS: Record<string, string> = {
  "deno-slack-sdk/mod.ts": `${SDK}mod.js`,
  "deno-slack-sdk/types.ts": `${SDK}types.js`,
  "deno-slack-api/mod.ts": `${API}mod.js`,
  "deno-slack-api/types.ts": `${API}types.js`,
};

/** Call before the hosted app is imported. */
export function registerSlackSdkSpecifiers(): void {
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
