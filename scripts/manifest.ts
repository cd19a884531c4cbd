// Prints the Slack app manifest (`Manifest()` of ../manifest.ts) as JSON: `npm run manifest`.
import { registerSlackSdkSpecifiers } from "./register-slack-sdk-specifiers.ts";

registerSlackSdkSpecifiers();
// A computed specifier: tsc (Node side) must not follow it into the Deno-typed app; deno check covers it.
const manifestUrl = new URL("../manifest.ts", import.meta.url).href;
const { default: manifest } = await import(manifestUrl) as { default: unknown };
process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
