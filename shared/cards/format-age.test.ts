import { describe, expect, it } from "vitest";
import { formatAge } from "./format-age.ts";

const now = new Date("2026-08-20T12:00:00Z");

describe("formatAge", () => {
  it.each([
    ["2026-08-20T11:59:30Z", "just now"],
    ["2026-08-20T11:55:00Z", "5 min"],
    ["2026-08-20T09:00:00Z", "3 h"],
    ["2026-08-20T08:40:00Z", "3 h 20 min"],
    ["2026-08-18T08:00:00Z", "2 d 4 h"],
    ["not a date", "unknown"],
  ])("%s → %s", (since, expected) => {
    expect(formatAge(since, now)).toBe(expected);
  });
});
