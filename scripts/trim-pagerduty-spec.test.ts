import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createSpecAjv } from "../test/specs/create-spec-ajv.ts";
import { describe, expect, it } from "vitest";
import { KEPT_PATHS, SOURCE_NOTE, trimSpec } from "./trim-pagerduty-spec.ts";

const trimmedPath = fileURLToPath(
  new URL(
    "../test/specs/pagerduty-rest-openapiv3.trimmed.json",
    import.meta.url,
  ),
);

type Json = Record<string, unknown>;

function refsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

function resolvePointer(doc: unknown, ref: string): unknown {
  return ref.slice(2).split("/").reduce<unknown>(
    (node, part) =>
      (node as Json | undefined)?.[
        part.replaceAll("~1", "/").replaceAll("~0", "~")
      ],
    doc,
  );
}

describe("trimSpec", () => {
  const full = {
    openapi: "3.0.2",
    info: { title: "PagerDuty API", version: "2.0.0" },
    paths: {
      "/incidents": {
        get: {
          responses: {
            "200": {
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/Incident" },
                  examples: { one: { $ref: "#/components/examples/Big" } },
                },
              },
            },
            "404": { $ref: "#/components/responses/NotFound" },
          },
        },
      },
      "/unrelated": {
        get: { responses: { "200": { $ref: "#/components/responses/Other" } } },
      },
    },
    components: {
      schemas: {
        Incident: {
          allOf: [{ $ref: "#/components/schemas/Tag/allOf/0" }],
        },
        Tag: { allOf: [{ type: "object" }, { type: "object" }] },
        Unused: { type: "string" },
      },
      responses: {
        NotFound: {
          content: {
            "application/json": {
              schema: {
                $ref:
                  "#/components/responses/Conflict/content/application~1json/schema",
              },
            },
          },
        },
        Conflict: {
          content: { "application/json": { schema: { type: "object" } } },
        },
        Other: { description: "x" },
      },
      examples: { Big: { value: "…" } },
      securitySchemes: { api_key: { type: "apiKey" } },
    },
  };

  it("keeps listed paths and the $ref closure, including refs into other entries", () => {
    const { spec, missingPaths } = trimSpec(full, ["/incidents", "/gone"]);
    expect(missingPaths).toEqual(["/gone"]);
    expect(Object.keys(spec.paths as Json)).toEqual(["/incidents"]);
    const components = spec.components as Record<string, Json>;
    expect(Object.keys(components.schemas ?? {})).toEqual(["Incident", "Tag"]);
    expect(Object.keys(components.responses ?? {})).toEqual([
      "Conflict",
      "NotFound",
    ]);
    expect(components.examples).toBeUndefined();
    expect(components.securitySchemes).toEqual({ api_key: { type: "apiKey" } });
    expect(JSON.stringify(spec)).not.toContain("#/components/examples/");
    expect((spec.info as Json)["x-source"]).toBe(SOURCE_NOTE);
  });

  it("refuses a dangling reference rather than writing a broken spec", () => {
    const broken = structuredClone(full);
    broken.components.schemas.Incident = {
      allOf: [{ $ref: "#/components/schemas/Nope" }],
    };
    expect(() => trimSpec(broken, ["/incidents"])).toThrow(
      "dangling $ref: #/components/schemas/Nope",
    );
  });
});

describe("the committed trimmed spec", () => {
  const spec = JSON.parse(readFileSync(trimmedPath, "utf8")) as Json;

  it("has every kept path and names its source", () => {
    expect(Object.keys(spec.paths as Json).sort()).toEqual(
      [...KEPT_PATHS].sort(),
    );
    expect((spec.info as Json)["x-source"]).toBe(SOURCE_NOTE);
  });

  it("resolves every $ref inside itself", () => {
    const refs = refsOf(spec);
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter((r) => resolvePointer(spec, r) === undefined)).toEqual(
      [],
    );
  });

  it("compiles every JSON response and request schema with a JSON-schema validator", () => {
    const ajv = createSpecAjv({ allErrors: true });
    ajv.addSchema({ ...spec, $id: "pd" });
    let compiled = 0;
    for (const [path, item] of Object.entries(spec.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        const operation = op as Json;
        const bodies = [
          operation.requestBody,
          ...Object.values((operation.responses ?? {}) as Json),
        ];
        bodies.forEach((body, i) => {
          const resolved = (body as Json | undefined)?.$ref
            ? resolvePointer(spec, (body as Json).$ref as string)
            : body;
          const schema = ((resolved as Json | undefined)?.content as
            | Json
            | undefined)?.["application/json"] as Json | undefined;
          if (!schema?.schema) return;
          const pointer = `${path} ${method} #${i}`;
          expect(
            () =>
              ajv.compile({ $ref: `pd#${jsonPointerTo(spec, schema.schema)}` }),
            pointer,
          )
            .not.toThrow();
          compiled++;
        });
      }
    }
    expect(compiled).toBeGreaterThan(50);
  });

  it("validates a REST incident the way PagerDuty documents it", () => {
    const ajv = createSpecAjv();
    ajv.addSchema({ ...spec, $id: "pd" });
    const validate = ajv.compile({ $ref: "pd#/components/schemas/Incident" });
    expect(validate({
      id: "PT4KHLK",
      type: "incident",
      incident_number: 1234,
      title: "The server is on fire.",
      status: "resolved",
      urgency: "high",
      created_at: "2015-10-06T21:30:42Z",
    })).toBe(true);
    expect(validate({ id: "PT4KHLK", type: "incident", status: "on fire" }))
      .toBe(false);
  });
});

/** The JSON pointer of `target` inside `doc` (found by identity). */
function jsonPointerTo(doc: unknown, target: unknown, at = ""): string {
  const found = search(doc, target, at);
  if (found === null) throw new Error("schema not found in spec");
  return found;
}

function search(node: unknown, target: unknown, at: string): string | null {
  if (node === target) return at;
  if (!node || typeof node !== "object") return null;
  for (const [k, v] of Object.entries(node)) {
    const hit = search(
      v,
      target,
      `${at}/${k.replaceAll("~", "~0").replaceAll("/", "~1")}`,
    );
    if (hit !== null) return hit;
  }
  return null;
}
