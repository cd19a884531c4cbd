import { describe, expect, it } from "vitest";
import {
  matchesExpression,
  parseDatastoreExpression,
} from "./datastore-expression.ts";

const items = [
  { id: "1", name: "alice", level: 1, tags: ["db"], team: "core" },
  { id: "2", name: "bob", level: 2, tags: ["web", "db"] },
  { id: "3", name: "bobby", level: 3, tags: [], team: "edge" },
  { id: "4", name: "carol", level: 4, tags: ["web"], team: "core" },
];

function ids(
  expression: string,
  values: Record<string, unknown>,
  attributes: Record<string, string> = {
    "#n": "name",
    "#l": "level",
    "#t": "tags",
    "#team": "team",
  },
): string[] {
  const parsed = parseDatastoreExpression(expression, attributes, values);
  if (!parsed.ok) throw new Error(parsed.message);
  return items.filter((i) => matchesExpression(parsed.node, i)).map((i) =>
    i.id
  );
}

describe("datastore expressions", () => {
  it.each([
    ["#l = :v", { ":v": 2 }, ["2"]],
    ["#l <> :v", { ":v": 2 }, ["1", "3", "4"]],
    ["#l < :v", { ":v": 2 }, ["1"]],
    ["#l <= :v", { ":v": 2 }, ["1", "2"]],
    ["#l > :v", { ":v": 2 }, ["3", "4"]],
    ["#l >= :v", { ":v": 2 }, ["2", "3", "4"]],
    ["#l BETWEEN :a AND :b", { ":a": 2, ":b": 3 }, ["2", "3"]],
    ["begins_with(#n, :p)", { ":p": "bob" }, ["2", "3"]],
    ["contains(#n, :s)", { ":s": "ar" }, ["4"]],
    ["contains(#t, :s)", { ":s": "db" }, ["1", "2"]],
    ["attribute_not_exists(#team)", {}, ["2"]],
    ["attribute_exists(#team)", {}, ["1", "3", "4"]],
  ])("%s", (expression, values, expected) => {
    expect(ids(expression, values)).toEqual(expected);
  });

  it("binds AND tighter than OR and honours parentheses", () => {
    const values = { ":core": "core", ":one": 1, ":four": 4, ":bob": "bob" };
    expect(ids("#team = :core AND #l = :one OR #n = :bob", values)).toEqual([
      "1",
      "2",
    ]);
    expect(ids("#team = :core AND (#l = :one OR #l = :four)", values)).toEqual([
      "1",
      "4",
    ]);
    expect(ids("NOT (#team = :core)", values)).toEqual(["2", "3"]);
  });

  it("compares values of one type only, as DynamoDB does", () => {
    expect(ids("#l = :v", { ":v": "2" })).toEqual([]);
  });

  it("reports unknown placeholders and bad syntax", () => {
    expect(parseDatastoreExpression("#x = :v", {}, { ":v": 1 })).toMatchObject({
      ok: false,
      message: expect.stringContaining("#x"),
    });
    expect(parseDatastoreExpression("#n = :v", { "#n": "name" }, {}))
      .toMatchObject({ ok: false, message: expect.stringContaining(":v") });
    expect(
      parseDatastoreExpression("#n = = :v", { "#n": "name" }, { ":v": 1 }).ok,
    ).toBe(false);
    expect(
      parseDatastoreExpression("(#n = :v", { "#n": "name" }, { ":v": 1 }).ok,
    ).toBe(false);
  });

  it("lists the attributes an expression reads", () => {
    const parsed = parseDatastoreExpression(
      "#a = :v OR begins_with(#b, :v)",
      { "#a": "alpha", "#b": "beta" },
      { ":v": "x" },
    );
    expect(parsed.ok && [...parsed.attributes]).toEqual(["alpha", "beta"]);
  });
});
