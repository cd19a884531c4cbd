import { describe, expect, it } from "vitest";
import { formatOnCall, onCallSubject } from "./format-on-call.ts";

describe("formatOnCall", () => {
  it("lists each level with mentions where known and until when each shift lasts", () => {
    const text = formatOnCall(
      onCallSubject({ kind: "escalation_policy", name: "Checkout" }),
      [
        {
          level: 1,
          users: [{
            id: "P1",
            name: "Ana",
            email: "ana@example.com",
            end: "2026-12-04T18:00:00Z",
          }],
        },
        {
          level: 2,
          users: [{ id: "P2", name: "Bob <b>", email: undefined, end: null }],
        },
      ],
      new Map([["P1", "U0ANA"]]),
    );
    expect(text).toBe(
      [
        ":pager: On call for escalation policy *Checkout*:",
        "*Level 1:* <@U0ANA> (until <!date^1796407200^{date_short_pretty} {time}|2026-12-04 18:00 UTC>)",
        "*Level 2:* Bob &lt;b&gt;",
      ].join("\n"),
    );
  });

  it("says so when nobody is on call", () => {
    expect(formatOnCall("*Checkout*", [], new Map())).toBe(
      ":zzz: Nobody is on call for *Checkout* right now.",
    );
  });
});
