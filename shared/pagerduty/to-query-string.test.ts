import { describe, expect, it } from "vitest";
import { toQueryString } from "./to-query-string.ts";

describe("toQueryString", () => {
  it("writes arrays as name[]= once per item, other values as text, and leaves undefined out", () => {
    const text = toQueryString({
      schedule_ids: ["PSCHED1", "PSCHED2"],
      earliest: true,
      limit: 25,
      since: undefined,
      "time zone": "Europe/Paris",
    });
    expect(new URLSearchParams(text.slice(1)).getAll("schedule_ids[]")).toEqual(
      ["PSCHED1", "PSCHED2"],
    );
    expect(text).toBe(
      "?schedule_ids%5B%5D=PSCHED1&schedule_ids%5B%5D=PSCHED2&earliest=true&limit=25&time+zone=Europe%2FParis",
    );
  });

  it("is empty, without a ?, when nothing is left", () => {
    expect(toQueryString(undefined)).toBe("");
    expect(toQueryString({})).toBe("");
    expect(toQueryString({ since: undefined, ids: [] })).toBe("");
  });
});
