import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const sdk = fileURLToPath(
  new URL("./node_modules/@slack/deno-slack-sdk/esm/", import.meta.url),
);

export default defineConfig({
  resolve: {
    // The Slack app imports the SDK as Slack's samples do; under Node these specifiers resolve to the npm build,
    // as deno.local.jsonc does for `deno check`.
    alias: [
      { find: /^deno-slack-sdk\/mod\.ts$/, replacement: `${sdk}mod.js` },
      { find: /^deno-slack-sdk\/types\.ts$/, replacement: `${sdk}types.js` },
      {
        find: /^deno-slack-api\/(mod|types)\.ts$/,
        replacement: `${sdk}deps/deno.land/x/deno_slack_api@2.8.0/$1.js`,
      },
    ],
  },
  test: {
    include: ["**/*.test.ts"],
    // The hosted app's tests run under Deno, where Slack runs the app: `npm run test:deno`.
    exclude: ["node_modules/**", "slack-app/**"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
