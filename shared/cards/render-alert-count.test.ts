import { describe, expect, it } from "vitest";
import { renderAlertCount } from "./render-alert-count.ts";

describe("renderAlertCount", () => {
  it("says how many alerts and how many still triggered, only when there are several", () => {
    expect(renderAlertCount({ all: 3, triggered: 2, resolved: 1 })).toBe(
      "3 alerts (2 triggered)",
    );
    expect(renderAlertCount({ all: 1, triggered: 1, resolved: 0 })).toBeNull();
    expect(renderAlertCount(null)).toBeNull();
    expect(renderAlertCount(undefined)).toBeNull();
  });

  it("reads foreign counts defensively", () => {
    // A triggered count past the total is capped; a missing one leaves the total alone.
    expect(renderAlertCount({ all: 2, triggered: 7, resolved: 0 })).toBe(
      "2 alerts (2 triggered)",
    );
    expect(
      renderAlertCount(
        { all: 4 } as unknown as Parameters<
          typeof renderAlertCount
        >[0],
      ),
    ).toBe("4 alerts");
    expect(
      renderAlertCount(
        { all: "9" } as unknown as Parameters<
          typeof renderAlertCount
        >[0],
      ),
    ).toBeNull();
  });
});
