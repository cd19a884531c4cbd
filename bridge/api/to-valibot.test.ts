import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  array,
  boolean,
  type Infer,
  nullable,
  number,
  object,
  optional,
  picklist,
  string,
} from "../../shared/bridge-api/schema.ts";
import { bodyProblems, toValibot } from "./to-valibot.ts";

const Example = object({
  name: string({ pattern: /^[a-z]+$/, maxLength: 5, expects: "a short name" }),
  kind: picklist(["a", "b"]),
  tags: array(string(), { unique: true }),
  level: nullable(number({ integer: true, min: 1 }), { missingIsNull: true }),
  nested: optional(object({ on: boolean() })),
});

const problemsOf = (
  schema: Parameters<typeof toValibot>[0],
  input: unknown,
) => {
  const parsed = v.safeParse(toValibot(schema), input);
  return parsed.success ? [] : bodyProblems(parsed.issues);
};

describe("toValibot", () => {
  it("validates what the description says and types it the same", () => {
    const parsed = v.parse(toValibot(Example), {
      name: "abc",
      kind: "a",
      tags: ["x", "x", "y"],
      extra: "dropped",
    });
    expect(parsed).toEqual({
      name: "abc",
      kind: "a",
      tags: ["x", "y"],
      level: null,
    });
    expectTypeOf(parsed).toEqualTypeOf<Infer<typeof Example>>();
    expectTypeOf<Infer<typeof Example>>().toEqualTypeOf<{
      name: string;
      kind: "a" | "b";
      tags: string[];
      level: number | null;
      nested?: { on: boolean };
    }>();
  });

  it("reports every problem with its field path", () => {
    expect(problemsOf(Example, {
      name: "toolong",
      tags: ["ok", 7],
      level: 1.5,
      nested: { on: "yes" },
    })).toEqual([
      { field: "name", problem: "must be at most 5 characters" },
      { field: "kind", problem: "is required" },
      { field: "tags[1]", problem: "must be a string" },
      { field: "level", problem: "must be a whole number" },
      { field: "nested.on", problem: "must be a boolean" },
    ]);
    expect(problemsOf(Example, [])).toEqual([
      { field: "body", problem: "must be a JSON object" },
    ]);
    expect(problemsOf(Example, { name: "Ab", kind: "c", tags: [], level: 0 }))
      .toEqual([
        { field: "name", problem: "must be a short name" },
        { field: "kind", problem: 'must be one of "a", "b"' },
        { field: "level", problem: "must be at least 1" },
      ]);
  });

  it("exactlyOne: one of the keys, never both nor neither", () => {
    const Choice = object({
      here: optional(string()),
      there: optional(string()),
    }, { exactlyOne: ["here", "there"] });
    expectTypeOf<Infer<typeof Choice>>().toEqualTypeOf<
      { here: string; there?: never } | { there: string; here?: never }
    >();
    expect(problemsOf(Choice, { here: "x" })).toEqual([]);
    expect(problemsOf(Choice, {})).toEqual([
      { field: "here", problem: "or there is required" },
    ]);
    expect(problemsOf(Choice, { here: "x", there: "y" })).toEqual([
      { field: "there", problem: "cannot be combined with here" },
    ]);
  });
});
