import { describe, expect, it } from "vitest";
import { slackDate, SlackDateFormatError } from "./slack-date.ts";

describe("slackDate", () => {
  it("renders Slack's date syntax with a UTC fallback", () => {
    expect(
      slackDate("2026-12-02T19:31:25.500Z", "{date_short_pretty} at {time}"),
    )
      .toBe(
        "<!date^1796239885^{date_short_pretty} at {time}|2026-12-02 19:31 UTC>",
      );
  });

  it("takes a link and a fallback, and keeps Slack's separators out of both", () => {
    expect(
      slackDate(new Date(0), "{ago}", {
        fallback: "a|b>c^d",
        link: "https://x.example/i?a=1|2",
      }),
    ).toBe("<!date^0^{ago}^https://x.example/i?a=12|a b c d>");
  });

  it("defaults to the short pretty date and time; an unparsable time is said to be unknown", () => {
    expect(slackDate("1970-01-01T00:01:00Z")).toBe(
      "<!date^60^{date_short_pretty} {time}|1970-01-01 00:01 UTC>",
    );
    expect(slackDate("not a time")).toBe("unknown time");
  });

  it("refuses a token Slack does not know (it would show the fallback to everyone)", () => {
    expect(() => slackDate(new Date(0), "{weekday}")).toThrow(
      SlackDateFormatError,
    );
  });
});
