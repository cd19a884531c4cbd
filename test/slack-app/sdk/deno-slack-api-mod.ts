// `deno-slack-api/mod.ts` for local runs (deno.local.jsonc): the npm build's JavaScript, typed by its declarations.
// The package exports only its root, and a `.d.ts` alone carries no values (triggers import `TriggerTypes`).
// @ts-types="../../../node_modules/@slack/deno-slack-sdk/esm/deps/deno.land/x/deno_slack_api@2.8.0/mod.d.ts"
export * from "../../../node_modules/@slack/deno-slack-sdk/esm/deps/deno.land/x/deno_slack_api@2.8.0/mod.js";
