// Regenerates shared/pagerduty/openapi.gen.ts from the trimmed PagerDuty spec.
//
//   npm run generate:pagerduty-types                 # trim ../shared/specs/… first, then generate
//   npm run generate:pagerduty-types -- --no-trim    # generate from the committed trimmed spec only
//
// The trimmed spec is in the repository (test/specs/), so a clone can regenerate without the full spec.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const trimmedSpec = resolve(
  repoRoot,
  "test/specs/pagerduty-rest-openapiv3.trimmed.json",
);
const output = resolve(repoRoot, "shared/pagerduty/openapi.gen.ts");

const HEADER =
  `// GENERATED FILE — do not edit. Types of PagerDuty's REST API v2, from
// test/specs/pagerduty-rest-openapiv3.trimmed.json (see test/specs/README.md for its source) by openapi-typescript.
// Regenerate: npm run generate:pagerduty-types   (friendly names live in rest-types.ts)
// Excluded from deno fmt / deno lint in deno.jsonc.
`;

// The full spec lives outside the repository (the workspace's shared specs); a clone without it generates
// from the committed trimmed spec.
const fullSpec = resolve(
  repoRoot,
  process.argv.slice(2).find((a) => !a.startsWith("--")) ??
    "../shared/specs/pagerduty/rest-openapiv3.json",
);

async function main(): Promise<void> {
  if (process.argv.includes("--no-trim")) {
    // explicit: keep the committed trimmed spec
  } else if (!existsSync(fullSpec)) {
    console.log(`${fullSpec} not found: using the committed trimmed spec`);
  } else {
    execFileSync(
      process.execPath,
      [
        "--import",
        "tsx",
        resolve(repoRoot, "scripts/trim-pagerduty-spec.ts"),
        fullSpec,
      ],
      { stdio: "inherit", cwd: repoRoot },
    );
  }
  const spec = JSON.parse(readFileSync(trimmedSpec, "utf8")) as OpenAPI3;
  hoistDeepSchemaRefs(spec);
  const ast = await openapiTS(spec, { silent: true, alphabetize: true });
  writeFileSync(output, HEADER + astToString(ast));
  console.log(`wrote ${output}`);
}

/**
 * PagerDuty's spec points inside other components (`#/components/schemas/Tag/allOf/0`, the shared reference
 * shape; `#/components/responses/Conflict/content/application~1json/schema`, the error body).
 * openapi-typescript turns those into indexed types (`components["schemas"]["Tag"]["allOf"]["0"]`) that do
 * not type-check, so each such target becomes a named schema (`Tag_allOf_0`,
 * `Conflict_content_application_json_schema`) in the in-memory copy only: the trimmed spec stays as
 * PagerDuty wrote it.
 */
function hoistDeepSchemaRefs(spec: OpenAPI3): void {
  const components = (spec.components ?? {}) as Record<string, unknown>;
  const schemas = (components.schemas ??= {}) as Record<string, unknown>;
  const prefix = "#/components/";
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const obj = node as Record<string, unknown>;
    const ref = obj.$ref;
    if (typeof ref === "string" && ref.startsWith(prefix)) {
      const segments = ref.slice(prefix.length).split("/").map((s) =>
        s.replaceAll("~1", "/").replaceAll("~0", "~")
      );
      const [section, ...rest] = segments;
      const pointsIntoSchema = section === "schemas" ||
        rest.at(-1) === "schema";
      if (rest.length > 1 && pointsIntoSchema) {
        const name = rest.join("_").replaceAll(/[^A-Za-z0-9_]/g, "_");
        if (!(name in schemas)) {
          let target: unknown = components;
          for (const segment of segments) {
            target = (target as Record<string, unknown> | undefined)?.[segment];
          }
          if (target === undefined) throw new Error(`dangling $ref: ${ref}`);
          schemas[name] = structuredClone(target);
          visit(schemas[name]);
        }
        obj.$ref = `${prefix}schemas/${name}`;
      }
    }
    for (const [key, value] of Object.entries(obj)) {
      if (key !== "$ref") visit(value);
    }
  };
  visit(spec);
}

await main();
