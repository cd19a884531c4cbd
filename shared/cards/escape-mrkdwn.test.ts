import { describe, expect, it } from "vitest";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";

describe("escapeMrkdwn", () => {
  it("escapes Slack's three control characters and nothing else", () => {
    expect(escapeMrkdwn("a < b && c > d *bold* <@U123>")).toBe(
      "a &lt; b &amp;&amp; c &gt; d *bold* &lt;@U123&gt;",
    );
  });

  it("cuts the escaped text to max without splitting an entity", () => {
    const out = escapeMrkdwn("ab<<<<", 8);
    expect(out.length).toBeLessThanOrEqual(8);
    expect(out).toBe("ab&lt;…");
  });

  it("fits a 10,000-character title of ampersands into 3000", () => {
    const out = escapeMrkdwn("&".repeat(10_000), 3000);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out).toMatch(/^(&amp;)+…$/);
  });
});
