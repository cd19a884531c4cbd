import { describe, expect, it } from "vitest";
import { PostgresRequiredError, postgresSkipReason } from "./test-databases.ts";

const down =
  "PostgreSQL at postgres://127.0.0.1:1/test unreachable (connect ECONNREFUSED)";

describe("postgresSkipReason", () => {
  it.each([
    ["CI unset, reachable", undefined, null, null],
    ["CI set, reachable", "true", null, null],
    ["CI unset, unreachable", undefined, down, down],
    ["CI empty, unreachable", "", down, down],
    ["CI=false, unreachable", "false", down, down],
  ])("%s: skip reason %#", (_, ci, why, expected) => {
    expect(postgresSkipReason(why, ci)).toBe(expected);
  });

  it.each(["true", "1"])(
    "CI=%s, unreachable: throws naming the URL and CI",
    (ci) => {
      expect(() => postgresSkipReason(down, ci)).toThrow(PostgresRequiredError);
      expect(() => postgresSkipReason(down, ci)).toThrow(
        /127\.0\.0\.1:1.*CI is set, so PostgreSQL tests must run/,
      );
    },
  );
});
