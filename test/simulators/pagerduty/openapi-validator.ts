// Validates simulator traffic against PagerDuty's REST OpenAPI 3.0 spec (the trimmed copy in test/specs) with
// ajv. OpenAPI 3.0 is not JSON Schema: `nullable` becomes `anyOf [schema, null]`, `discriminator` is dropped
// (its mapping only narrows `oneOf`), unknown formats (`url`, `tzinfo`, …) are declared, and `readOnly` stays
// (harmless for responses). A short, explicit table lists fields PagerDuty really returns as null although the
// spec does not mark them nullable.

import { readFileSync } from "node:fs";
import type { ErrorObject, ValidateFunction } from "ajv";
import { createSpecAjv } from "../../specs/create-spec-ajv.ts";

const SPEC_URL = new URL(
  "../../specs/pagerduty-rest-openapiv3.trimmed.json",
  import.meta.url,
);

/**
 * Schemas PagerDuty fills with null in real responses (documented in prose: "`null` if the incident is not
 * resolved", on-call entries of direct user targets have no schedule/start/end) that the spec types as non-null.
 */
const KNOWN_NULLABLE = [
  "/components/schemas/Incident/allOf/1/properties/resolved_at",
  "/components/schemas/Incident/allOf/1/properties/priority",
  "/components/schemas/Incident/allOf/1/properties/resolve_reason",
  "/components/schemas/Incident/allOf/1/properties/incident_key",
  "/components/schemas/Oncall/properties/schedule",
  "/components/schemas/Oncall/properties/start",
  "/components/schemas/Oncall/properties/end",
] as const;

// deno-lint-ignore no-explicit-any
type Json = any;

/** A custom field's value as PagerDuty's examples send it. */
const CUSTOM_FIELD_VALUE = {
  nullable: true,
  anyOf: [
    { type: "boolean" },
    { type: "number" },
    { type: "string", maxLength: 200 },
    {
      type: "array",
      items: { type: "string", maxLength: 200 },
      maxItems: 10,
      uniqueItems: true,
    },
  ],
};

/**
 * Places where the spec contradicts PagerDuty's documented behaviour, corrected before validation. Each entry
 * replaces the schema at the pointer.
 */
const SPEC_CORRECTIONS: {
  pointer: string;
  schema: Json;
  why: string;
}[] = [
  {
    pointer: "/components/schemas/IncidentBody/properties/details",
    schema: {
      type: ["string", "object"],
      description: "Additional incident details.",
    },
    why:
      "PagerDuty's own create-incident example and the web UI send `details` as a string",
  },
  // GET /oncalls `include[]=users|escalation_policies|schedules` returns full objects, as the parameter's
  // description says; the Oncall schema only lists references.
  ...([
    ["user", "UserReference", "User"],
    ["escalation_policy", "EscalationPolicyReference", "EscalationPolicy"],
    ["schedule", "ScheduleReference", "Schedule", "V3ScheduleReference"],
  ] as const).map(([field, ...names]) => ({
    pointer: `/components/schemas/Oncall/properties/${field}`,
    schema: {
      oneOf: names.map((name) => ({ $ref: `#/components/schemas/${name}` })),
    },
    why: "include[] on GET /oncalls swaps references for full objects",
  })),
  // GET /incidents/{id}/alerts `include[]=services|incidents` returns the full service or incident, as
  // include[] does elsewhere; the Alert schema only lists references.
  ...([
    ["service", "ServiceReference", "Service"],
    ["incident", "IncidentReference", "Incident"],
  ] as const).map(([field, ...names]) => ({
    pointer: `/components/schemas/Alert/allOf/1/properties/${field}`,
    // anyOf: a reference also passes the full schema's loose shape (every field optional).
    schema: {
      anyOf: names.map((name) => ({ $ref: `#/components/schemas/${name}` })),
    },
    why:
      "include[] on GET /incidents/{id}/alerts swaps references for full objects",
  })),
  // Custom field values: the spec types each `value` as an object `{value: …}`, while every request and
  // response example on the same pages (and the V3 webhook examples) carry the bare value: "production",
  // ["production", "staging"], true, 5, or null to reset.
  ...[
    "/components/schemas/CustomFieldsFieldValue/properties/value",
    "/components/schemas/ServiceCustomFieldsFieldValueReadModel/properties/value",
    "/components/schemas/IncidentTypeCustomFields/properties/default_value",
  ].map((pointer) => ({
    pointer,
    schema: CUSTOM_FIELD_VALUE,
    why: "custom field values are bare values in PagerDuty's examples",
  })),
  // The field of a value update is named by `name` or by `id`; the spec's two variants require neither, so a
  // body naming the field by one matches both and fails `oneOf`.
  ...[
    "/components/schemas/CustomFieldsEditableFieldValue",
    "/components/schemas/ServiceCustomFieldsFieldValueUpdateModel",
  ].map((pointer) => ({
    pointer,
    schema: {
      oneOf: ["name", "id"].map((key) => ({
        type: "object",
        properties: { [key]: { type: "string" }, value: CUSTOM_FIELD_VALUE },
        required: [key, "value"],
      })),
    },
    why: "a field named by name or by id must match exactly one variant",
  })),
  // An invocation's agent: the spec's variants (user, event orchestration, account, workflow references) do not
  // restrict `type`, so a user reference matches several and fails `oneOf` — its own response example too.
  {
    pointer:
      "/components/schemas/AutomationActionsInvocation/allOf/1/properties/metadata/properties/agent",
    schema: {
      anyOf: [
        { $ref: "#/components/schemas/UserReference" },
        {
          type: "object",
          properties: { id: { type: "string" }, type: { type: "string" } },
          required: ["type", "id"],
        },
      ],
    },
    why: "the agent variants overlap; any one of them is valid",
  },
];

/** Body schema of error statuses the spec lists without content (the webhook subscription endpoints). */
const GENERIC_ERROR_SCHEMA =
  "/components/responses/Conflict/content/application~1json/schema";

function pointerGet(root: Json, pointer: string): Json {
  return pointer.split("/").slice(1).reduce(
    (node, part) => node?.[part.replaceAll("~1", "/").replaceAll("~0", "~")],
    root,
  );
}

function pointerSet(root: Json, pointer: string, value: Json): void {
  const parts = pointer.split("/").slice(1).map((p) =>
    p.replaceAll("~1", "/").replaceAll("~0", "~")
  );
  const last = parts.pop()!;
  const parent = parts.reduce((node, part) => node[part], root);
  parent[last] = value;
}

/** OpenAPI 3.0 → JSON Schema, in place. */
function convert(node: Json): Json {
  if (Array.isArray(node)) return node.map(convert);
  if (typeof node !== "object" || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "discriminator" || key === "example" || key === "xml") continue;
    out[key] = convert(value);
  }
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: "null" }] };
  }
  delete out.nullable;
  return out;
}

export interface SpecValidator {
  spec: Json;
  /** Response schema for a status, or null when the spec documents the status without a body; throws if undocumented. */
  responseSchemaPointer(
    path: string,
    method: string,
    status: number,
  ): string | null;
  validateResponse(
    path: string,
    method: string,
    status: number,
    body: unknown,
  ): string[];
  validateRequest(path: string, method: string, body: unknown): string[];
  resolve(pointer: string): Json;
}

export function createSpecValidator(): SpecValidator {
  const raw = JSON.parse(readFileSync(SPEC_URL, "utf8"));
  for (const correction of SPEC_CORRECTIONS) {
    if (pointerGet(raw, correction.pointer) === undefined) {
      throw new Error(
        `SPEC_CORRECTIONS: ${correction.pointer} is not in the spec`,
      );
    }
    pointerSet(raw, correction.pointer, correction.schema);
  }
  for (const pointer of KNOWN_NULLABLE) {
    const schema = pointerGet(raw, pointer);
    if (schema === undefined) {
      throw new Error(`KNOWN_NULLABLE: ${pointer} is not in the spec`);
    }
    pointerSet(raw, pointer, { ...schema, nullable: true });
  }
  const spec = convert(raw);
  const ajv = createSpecAjv({ allErrors: true, validateSchema: false });
  ajv.addSchema(spec, "pd");
  const cache = new Map<string, ValidateFunction>();

  function validator(pointer: string): ValidateFunction {
    let fn = cache.get(pointer);
    if (!fn) {
      fn = ajv.compile({ $ref: `pd#${pointer}` });
      cache.set(pointer, fn);
    }
    return fn;
  }

  function escape(path: string): string {
    return path.replaceAll("~", "~0").replaceAll("/", "~1");
  }

  function followRef(pointer: string): string {
    let current = pointer;
    for (let i = 0; i < 10; i++) {
      const node = pointerGet(spec, current);
      if (
        node && typeof node.$ref === "string" && Object.keys(node).length === 1
      ) {
        current = node.$ref.slice(1);
      } else break;
    }
    return current;
  }

  function format(errors: ErrorObject[] | null | undefined): string[] {
    return (errors ?? []).slice(0, 8).map((e) =>
      `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`
    );
  }

  return {
    spec,
    resolve: (pointer) => pointerGet(spec, followRef(pointer)),
    responseSchemaPointer(path, method, status) {
      const op = `/paths/${escape(path)}/${method.toLowerCase()}`;
      if (!pointerGet(spec, op)) {
        throw new Error(`spec has no ${method} ${path}`);
      }
      const response = followRef(`${op}/responses/${status}`);
      if (!pointerGet(spec, response)) {
        throw new Error(`spec documents no ${status} for ${method} ${path}`);
      }
      const schema = `${response}/content/application~1json/schema`;
      return pointerGet(spec, schema) ? schema : null;
    },
    validateResponse(path, method, status, body) {
      const pointer = this.responseSchemaPointer(path, method, status);
      if (pointer === null && status < 400) {
        return body === null || body === "" ? [] : ["spec documents no body"];
      }
      const fn = validator(pointer ?? GENERIC_ERROR_SCHEMA);
      return fn(body) ? [] : format(fn.errors);
    },
    validateRequest(path, method, body) {
      const pointer = `/paths/${
        escape(path)
      }/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
      if (!pointerGet(spec, pointer)) {
        throw new Error(`spec has no request body for ${method} ${path}`);
      }
      const fn = validator(pointer);
      return fn(body) ? [] : format(fn.errors);
    },
  };
}
