// The shared bridge API schemas (shared/bridge-api/) as valibot schemas: the same library, and the same
// "<field> <problem>" issues, as the configuration (config/config-schema.ts).
import * as v from "valibot";
import type { Infer, Schema } from "../../shared/bridge-api/schema.ts";

type Valibot = v.GenericSchema<unknown, unknown>;

const mustBe = (schema: Schema, fallback: string) =>
  `must be ${schema.expects ?? fallback}`;

const quoted = (options: readonly string[]) =>
  options.map((o) => JSON.stringify(o)).join(", ");

function convert(schema: Schema): Valibot {
  switch (schema.kind) {
    case "string": {
      const message = mustBe(schema, "a string");
      return v.pipe(
        v.string(message),
        ...(schema.pattern ? [v.regex(schema.pattern, message)] : []),
        ...(schema.maxLength === undefined ? [] : [
          v.check(
            (text: string) => text.length <= schema.maxLength!,
            `must be at most ${schema.maxLength} characters`,
          ),
        ]),
      ) as Valibot;
    }
    case "picklist":
      return v.picklist(
        schema.options,
        mustBe(schema, `one of ${quoted(schema.options)}`),
      );
    case "boolean":
      return v.boolean(mustBe(schema, "a boolean"));
    case "number": {
      const message = mustBe(
        schema,
        schema.integer ? "a whole number" : "a number",
      );
      return v.pipe(
        v.number(message),
        ...(schema.integer ? [v.integer(message)] : []),
        ...(schema.min === undefined ? [] : [v.check(
          (n: number) => n >= schema.min!,
          `must be at least ${schema.min}`,
        )]),
      ) as Valibot;
    }
    case "array": {
      const list = v.array(convert(schema.item), mustBe(schema, "an array"));
      return schema.unique
        ? v.pipe(list, v.transform((items) => [...new Set(items)]))
        : list;
    }
    case "nullable":
      return schema.missingIsNull
        ? v.nullish(convert(schema.inner), null)
        : v.nullable(convert(schema.inner));
    case "optional":
      return v.optional(convert(schema.inner));
    case "object": {
      const entries = Object.fromEntries(
        Object.entries(schema.entries).map(([key, entry]) => [
          key,
          convert(entry),
        ]),
      );
      const notObject = mustBe(schema, "a JSON object");
      // valibot reports a missing key with the object's message, at the key's path.
      const object = v.pipe(
        // valibot takes an array for an object; a JSON API does not.
        v.custom<Record<string, unknown>>(
          (input) =>
            typeof input === "object" && input !== null &&
            !Array.isArray(input),
          notObject,
        ),
        v.object(entries, (issue) => issue.path ? "is required" : notObject),
      );
      const keys = "exactlyOne" in schema ? schema.exactlyOne : [];
      if (keys.length === 0) return object;
      return v.pipe(
        object,
        v.rawCheck(({ dataset, addIssue }) => {
          if (!dataset.typed) return;
          const value = dataset.value as Record<string, unknown>;
          const present = keys.filter((key) => value[key] !== undefined);
          const at = (key: string): [v.ObjectPathItem] => [{
            type: "object" as const,
            origin: "value" as const,
            input: value,
            key,
            value: value[key],
          }];
          if (present.length === 0) {
            addIssue({
              message: `or ${keys.slice(1).join(" or ")} is required`,
              path: at(keys[0]!),
            });
          }
          for (const key of present.slice(1)) {
            addIssue({
              message: `cannot be combined with ${present[0]}`,
              path: at(key),
            });
          }
        }),
      );
    }
  }
}

/** A valibot schema validating what `schema` describes, typed by the same description. */
export const toValibot = <S extends Schema>(
  schema: S,
): v.GenericSchema<unknown, Infer<S>> =>
  convert(schema) as v.GenericSchema<unknown, Infer<S>>;

/** One problem with a body: where (`create.name`, `events[1]`, `body` for the whole) and what. */
export interface BodyProblem {
  field: string;
  problem: string;
}

/** valibot's issues as fields and problems, in the order valibot found them. */
export function bodyProblems(
  issues: readonly v.BaseIssue<unknown>[],
): BodyProblem[] {
  return issues.map((issue) => ({
    field: (issue.path ?? []).reduce(
      (field, item) =>
        typeof item.key === "number"
          ? `${field}[${item.key}]`
          : field === ""
          ? String(item.key)
          : `${field}.${String(item.key)}`,
      "",
    ) || "body",
    problem: issue.message,
  }));
}
