// The Deno that Slack's hosted runtime ("Run on Slack") runs deployed functions on, and the APIs hosted code must
// not use because that Deno lacks them. The local toolchain is newer (package.json pins deno 2.9.6), so
// `deno check` and `deno test` accept APIs the hosted runtime does not have; this table is what catches them.
//
// Sources (checked 2026-12):
// - The Slack CLI's `doctor` hook reads the hosted version from https://api.slack.com/slackcli/metadata.json
//   (`deno-runtime.releases[0].version`) and reports "Applications deployed to Slack use Deno version …":
//   slackapi/deno-slack-hooks src/doctor.ts.
// - That file said 1.46.2 in April 2025: https://github.com/slackapi/deno-slack-sdk/issues/458 ; Slack's
//   maintainer on 2024-11-25: "currently we only support Deno 1.4[6]. For now we advise not using Deno 2.0
//   specific features", then on 2025-03-24: "The run on slack infrastructure will be moving to Deno 2.0 in the
//   near future": https://github.com/slackapi/deno-slack-sdk/issues/386
// - Slack CLI v3.4.0 (2025-06-19): "In preparation for apps using the Run on Slack infrastructure to work with
//   Deno 2" it released deno_slack_sdk 2.15.1, deno_slack_hooks 1.4.0, deno_slack_runtime 1.1.3:
//   https://docs.slack.dev/changelog/2025/06/19/slack-cli
// - The hooks' esbuild bundler still targets "deno1", and "once the run on slack infrastructure support Deno
//   version 2" is an open issue: https://github.com/slackapi/deno-slack-hooks/issues/102
// So hosted code must run on Deno 1.46 and keep running when Slack moves to 2.x: no API newer than 1.46, none
// that is unstable there, and none that Deno 2.0 removed.

export const HOSTED_DENO = {
  version: "1.46.2",
  /**
   * V8 of Deno 1.46: 12.9 (Deno 1.45 had 12.7, https://deno.com/blog). The ECMAScript entries below all shipped
   * in V8 13.4 or later, so they are missing whichever 12.x it is.
   */
  v8: "12.9",
  source:
    "https://api.slack.com/slackcli/metadata.json (deno-runtime), via slackapi/deno-slack-sdk#458",
} as const;

const NEWER = `not in Deno ${HOSTED_DENO.version} (V8 ${HOSTED_DENO.v8})`;
const UNSTABLE =
  `unstable in Deno ${HOSTED_DENO.version} (needs an --unstable-* flag the hosted runtime does not pass; see slackapi/deno-slack-sdk#386)`;
const REMOVED =
  "removed in Deno 2.0, which Slack's runtime is moving to (https://docs.deno.com/lint/rules/no-deprecated-deno-api/)";

/**
 * API path (a global, or a global's static member) → why hosted code may not use it. A use of a longer path
 * (`Deno.telemetry.x`) matches its prefix. Instance methods cannot be told apart from other objects' methods
 * without types, so ES additions are listed by their static entry points only.
 */
export const UNAVAILABLE_ON_HOSTED_DENO: Readonly<Record<string, string>> = {
  // Deno namespace additions of 2.x.
  "Deno.telemetry": `${NEWER}: added with OpenTelemetry support in Deno 2.x`,
  "Deno.lint": `${NEWER}: the lint plugin API of Deno 2.x`,
  "Deno.bundle": `${NEWER}: the runtime bundle API of Deno 2.x`,
  "Deno.connectQuic": `${NEWER}: QUIC arrived in Deno 2.x`,
  "Deno.QuicEndpoint": `${NEWER}: QUIC arrived in Deno 2.x`,
  "Deno.spawn":
    `${NEWER}: the Deno 2.x subprocess helper (1.46 has Deno.Command)`,
  "Deno.spawnAndWait":
    `${NEWER}: the Deno 2.x subprocess helper (1.46 has Deno.Command)`,
  "Deno.spawnAndWaitSync":
    `${NEWER}: the Deno 2.x subprocess helper (1.46 has Deno.Command)`,
  // Unstable on 1.46.
  "Deno.createHttpClient": UNSTABLE,
  "Deno.openKv": UNSTABLE,
  "Deno.cron": UNSTABLE,
  "Deno.Kv": UNSTABLE,
  "Deno.UnsafePointer": UNSTABLE,
  "Deno.dlopen": UNSTABLE,
  Temporal: UNSTABLE,
  // ECMAScript additions that shipped in V8 after 12.9.
  "RegExp.escape": `${NEWER}: V8 13.6`,
  "Error.isError": `${NEWER}: V8 13.4`,
  Float16Array: `${NEWER}: V8 13.5`,
  "Math.f16round": `${NEWER}: V8 13.5`,
  "Uint8Array.fromBase64": `${NEWER}: V8 14.0`,
  "Uint8Array.fromHex": `${NEWER}: V8 14.0`,
  // Removed by Deno 2.0.
  window: REMOVED,
  "Deno.run": REMOVED,
  "Deno.Buffer": REMOVED,
  "Deno.File": REMOVED,
  "Deno.close": REMOVED,
  "Deno.copy": REMOVED,
  "Deno.iter": REMOVED,
  "Deno.iterSync": REMOVED,
  "Deno.customInspect": REMOVED,
  "Deno.fstat": REMOVED,
  "Deno.fstatSync": REMOVED,
  "Deno.ftruncate": REMOVED,
  "Deno.ftruncateSync": REMOVED,
  "Deno.futime": REMOVED,
  "Deno.futimeSync": REMOVED,
  "Deno.isatty": REMOVED,
  "Deno.read": REMOVED,
  "Deno.readSync": REMOVED,
  "Deno.readAll": REMOVED,
  "Deno.readAllSync": REMOVED,
  "Deno.write": REMOVED,
  "Deno.writeSync": REMOVED,
  "Deno.writeAll": REMOVED,
  "Deno.writeAllSync": REMOVED,
  "Deno.seek": REMOVED,
  "Deno.seekSync": REMOVED,
  "Deno.serveHttp": REMOVED,
  "Deno.shutdown": REMOVED,
  "Deno.resources": REMOVED,
  "Deno.metrics": REMOVED,
};
