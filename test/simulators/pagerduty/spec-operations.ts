// What PagerDuty's REST spec (the trimmed copy in test/specs) says each operation requires of the caller: the
// OAuth scope (`x-pd-requires-scope`, "Scoped OAuth requires: …" on the reference pages) and whether the `From`
// header is required (the `from_header` parameter). The simulator enforces both from here, in one place, so they
// follow the spec rather than a hand-kept list per route.

import { readFileSync } from "node:fs";

const SPEC_URL = new URL(
  "../../specs/pagerduty-rest-openapiv3.trimmed.json",
  import.meta.url,
);

export interface SpecOperation {
  method: string;
  /** The spec's template: `/incidents/{id}`. */
  path: string;
  scope: string | null;
  requiresFrom: boolean;
}

export interface SpecOperations {
  all: readonly SpecOperation[];
  /** The operation a concrete request is (`PUT /incidents/P1`), literal segments first; undefined if the spec has none. */
  match(method: string, path: string): SpecOperation | undefined;
}

// deno-lint-ignore no-explicit-any
type Json = any;

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

export function readSpecOperations(spec?: Json): SpecOperations {
  const doc = spec ?? JSON.parse(readFileSync(SPEC_URL, "utf8"));
  const parameters: Record<string, Json> = doc.components?.parameters ?? {};
  const all: SpecOperation[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params: Json[] = [
        ...(item.parameters ?? []),
        ...(op.parameters ?? []),
      ]
        .map((p: Json) =>
          p.$ref ? parameters[String(p.$ref).split("/").pop()!] : p
        );
      all.push({
        method: method.toUpperCase(),
        path,
        scope: typeof op["x-pd-requires-scope"] === "string"
          ? op["x-pd-requires-scope"]
          : null,
        requiresFrom: params.some((p) =>
          p?.in === "header" && p.name === "From" && p.required === true
        ),
      });
    }
  }
  // Literal paths before templated ones, so `/users/me` is not taken for `/users/{id}`.
  const matchers = all
    .map((operation) => ({
      operation,
      literal: !operation.path.includes("{"),
      pattern: new RegExp(
        `^${
          operation.path.split(/\{[^}]+\}/).map((part) =>
            part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
          ).join("[^/]+")
        }/?$`,
      ),
    }))
    .sort((a, b) => Number(b.literal) - Number(a.literal));
  return {
    all,
    match(method, path) {
      const upper = method.toUpperCase();
      return matchers.find((m) =>
        m.operation.method === upper && m.pattern.test(path)
      )?.operation;
    },
  };
}
