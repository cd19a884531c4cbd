import { describe, expect, it } from "vitest";
import { incidentDuration } from "./incident-duration.ts";

describe("incidentDuration", () => {
  it.each([
    ["2026-08-20T10:00:00Z", "2026-08-20T10:00:40Z", "under a minute"],
    ["2026-08-20T10:00:00Z", "2026-08-20T10:45:59Z", "45 min"],
    ["2026-08-20T10:00:00Z", "2026-08-20T11:00:00Z", "1 h"],
    ["2026-08-20T09:59:58Z", "2026-08-20T11:12:30.000Z", "1 h 12 min"],
    ["2026-08-20T10:00:00Z", "2026-08-22T13:30:00Z", "2 d 3 h"],
    ["2026-08-20T10:00:00Z", "2026-08-21T10:20:00Z", "1 d"],
  ])("%s to %s lasted %s", (from, to, expected) => {
    expect(incidentDuration(from, to)).toBe(expected);
  });

  it("is unknown for a missing time or times out of order", () => {
    expect(incidentDuration("", "2026-08-20T10:00:00Z")).toBeNull();
    expect(incidentDuration("2026-08-20T10:00:00Z", "2026-08-20T09:00:00Z"))
      .toBeNull();
  });
});
