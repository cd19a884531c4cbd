// Trims PagerDuty's REST OpenAPI spec (2.7 MB) to the paths pagerslack serves or calls, plus every
// `components` entry those paths reach through `$ref`, so the repository can carry it for the simulator's
// request/response validation and for type generation (the full spec is not in the repository).
//
//   npx tsx scripts/trim-pagerduty-spec.ts path/to/rest-openapiv3.json   # PagerDuty/api-schema reference/REST/
//
// Writes test/specs/pagerduty-rest-openapiv3.trimmed.json.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Paths the PagerDuty simulator serves and the project's clients call. Add here, then re-run. */
export const KEPT_PATHS = [
  "/incidents",
  "/incidents/{id}",
  "/incidents/{id}/notes",
  "/incidents/{id}/status_updates",
  "/incidents/{id}/responder_requests",
  "/incidents/{id}/snooze",
  "/incidents/{id}/custom_fields/values",
  "/incidents/{id}/merge",
  "/incidents/{id}/alerts",
  "/incident_workflows",
  "/incident_workflows/{id}",
  "/incident_workflows/triggers",
  "/incident_workflows/{id}/instances",
  "/automation_actions/actions/{id}/invocations",
  "/oncalls",
  "/users",
  "/users/me",
  "/users/{id}",
  "/services",
  "/services/{id}",
  "/services/{id}/custom_fields/values",
  "/escalation_policies",
  "/escalation_policies/{id}",
  "/priorities",
  "/abilities",
  "/abilities/{id}",
  "/schedules",
  "/schedules/{id}",
  "/teams",
  "/teams/{id}",
  "/webhook_subscriptions",
  "/webhook_subscriptions/{id}",
  "/webhook_subscriptions/{id}/enable",
  "/webhook_subscriptions/{id}/ping",
] as const;

export const SOURCE_NOTE =
  "PagerDuty/api-schema reference/REST/openapiv3.json @ 91a06fb3 (2026-08-14), trimmed to paths used by pagerslack";

// Named examples (`components.examples`) are documentation only: a validator never reads them, and they are
// a large share of the file. Inline `example` values stay (they are small and help readers).
const DROPPED_COMPONENT_SECTIONS = new Set(["examples"]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface TrimResult {
  spec: JsonObject;
  missingPaths: string[];
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `#/components/schemas/Foo/properties/bar` → ["schemas", "Foo"]: refs may point inside an entry. */
function componentOf(ref: string): [string, string] | null {
  const parts = ref.split("/").map((p) =>
    p.replaceAll("~1", "/").replaceAll("~0", "~")
  );
  if (parts[0] !== "#" || parts[1] !== "components") return null;
  const section = parts[2];
  const name = parts[3];
  return section !== undefined && name !== undefined ? [section, name] : null;
}

/** Copies `node`, removing `examples` maps whose entries point at dropped component sections. */
function stripDroppedRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(stripDroppedRefs);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "examples" && isObject(value) && refersToDropped(value)) {
      continue;
    }
    out[key] = stripDroppedRefs(value);
  }
  return out;
}

function refersToDropped(node: Json): boolean {
  let found = false;
  visitRefs(node, (ref) => {
    const c = componentOf(ref);
    if (c && DROPPED_COMPONENT_SECTIONS.has(c[0])) found = true;
  });
  return found;
}

function visitRefs(node: Json, visit: (ref: string) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visitRefs(item, visit);
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") visit(value);
      else visitRefs(value, visit);
    }
  }
}

export function trimSpec(
  full: JsonObject,
  keep: readonly string[] = KEPT_PATHS,
): TrimResult {
  const fullPaths = full.paths;
  const fullComponents = full.components;
  if (!isObject(fullPaths) || !isObject(fullComponents)) {
    throw new Error("not an OpenAPI 3 document: missing paths or components");
  }
  const paths: JsonObject = {};
  const missingPaths: string[] = [];
  for (const path of keep) {
    const item = fullPaths[path];
    if (item === undefined) missingPaths.push(path);
    else paths[path] = stripDroppedRefs(item);
  }

  // $ref closure over whole component entries.
  const components: Record<string, JsonObject> = {};
  const queue: Json[] = [paths];
  while (queue.length > 0) {
    visitRefs(queue.pop() ?? null, (ref) => {
      const c = componentOf(ref);
      if (!c) throw new Error(`unsupported $ref (not local): ${ref}`);
      const [section, name] = c;
      if (DROPPED_COMPONENT_SECTIONS.has(section)) return;
      const target = components[section] ??= {};
      if (name in target) return;
      const source = fullComponents[section];
      const entry = isObject(source) ? source[name] : undefined;
      if (entry === undefined) throw new Error(`dangling $ref: ${ref}`);
      target[name] = stripDroppedRefs(entry);
      queue.push(target[name]);
    });
  }
  // Security schemes are referenced by name, not by $ref: keep them all (there is one).
  if (isObject(fullComponents.securitySchemes)) {
    components.securitySchemes = fullComponents.securitySchemes;
  }
  const sortedComponents: JsonObject = {};
  for (const section of Object.keys(components).sort()) {
    const entries = components[section] ?? {};
    const sorted: JsonObject = {};
    for (const name of Object.keys(entries).sort()) {
      sorted[name] = entries[name] ?? null;
    }
    sortedComponents[section] = sorted;
  }

  const info = isObject(full.info) ? full.info : {};
  const spec: JsonObject = {
    openapi: full.openapi ?? "3.0.2",
    info: { ...info, "x-source": SOURCE_NOTE },
    ...(full.security !== undefined ? { security: full.security } : {}),
    ...(full.servers !== undefined ? { servers: full.servers } : {}),
    components: sortedComponents,
    paths,
  };
  return { spec, missingPaths };
}

function main(): void {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  if (process.argv[2] === undefined) {
    console.error(
      "usage: npx tsx scripts/trim-pagerduty-spec.ts path/to/rest-openapiv3.json (PagerDuty/api-schema, reference/REST/)",
    );
    process.exit(2);
  }
  const input = resolve(repoRoot, process.argv[2]);
  const output = resolve(
    repoRoot,
    "test/specs/pagerduty-rest-openapiv3.trimmed.json",
  );
  const full = JSON.parse(readFileSync(input, "utf8")) as JsonObject;
  const { spec, missingPaths } = trimSpec(full);
  // Two-space indent: the layout `deno fmt` gives JSON, so the format check passes on the written file.
  const text = JSON.stringify(spec, null, 2) + "\n";
  writeFileSync(output, text);
  const counts = Object.entries(spec.components as JsonObject)
    .map(([k, v]) => `${k} ${Object.keys(v as JsonObject).length}`)
    .join(", ");
  console.log(
    `wrote ${output}: ${
      Object.keys(spec.paths as JsonObject).length
    } paths; ${counts}; ${(text.length / 1024).toFixed(0)} KiB`,
  );
  if (missingPaths.length > 0) {
    console.log(`not in the spec, skipped: ${missingPaths.join(", ")}`);
  }
}

if (
  process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  main();
}
