import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { listMrkdwnControls } from "../../test/mrkdwn/list-mrkdwn-controls.ts";
import { mrkdwnLink } from "./mrkdwn-link.ts";

describe("mrkdwnLink", () => {
  it("links an https URL with the label escaped", () => {
    expect(mrkdwnLink("https://acme.pagerduty.com/incidents/P1", "A & <B>"))
      .toBe("<https://acme.pagerduty.com/incidents/P1|A &amp; &lt;B&gt;>");
  });

  it("keeps a | or > in the URL from ending it: no @here, no label of the URL's choosing", () => {
    const link = mrkdwnLink(
      "https://x.pagerduty.com/incidents/P1|<!here>",
      "Open #1 in PagerDuty",
    );
    expect(listMrkdwnControls(link)).toEqual([{
      kind: "link",
      url: "https://x.pagerduty.com/incidents/P1%7C%3C!here%3E",
      label: "Open #1 in PagerDuty",
    }]);
    expect(
      listMrkdwnControls(mrkdwnLink("https://x.example/a?b=1&c=>|evil", "x")),
    ).toEqual([{
      kind: "link",
      url: "https://x.example/a?b=1&amp;c=%3E%7Cevil",
      label: "x",
    }]);
  });

  it("links only http and https; anything else is the label alone", () => {
    for (
      const url of [
        "javascript:alert(1)",
        "slack://channel?id=C1",
        "mailto:a@example.com",
        "/incidents/P1",
        "not a url",
        "",
        null,
        undefined,
        `https://x.example/${"a".repeat(2000)}`,
      ]
    ) {
      expect(mrkdwnLink(url, "Open <it>")).toBe("Open &lt;it&gt;");
    }
    expect(mrkdwnLink("http://x.example/", "x")).toBe("<http://x.example/|x>");
  });

  it("cuts the label to maxLabel without breaking an entity", () => {
    expect(mrkdwnLink("https://x.example/", "<<<<<<", 8)).toBe(
      "<https://x.example/|&lt;…>",
    );
  });
});

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Code that posts to Slack; tests and test support may write raw mrkdwn. */
const SHIPPED_DIRS = ["shared", "slack-app", "bridge"];
/** The helpers that build `<…>` tokens from data: links, and mentions of checked Slack ids. */
const TOKEN_BUILDERS = [
  join("shared", "cards", "mrkdwn-link.ts"),
  join("shared", "cards", "slack-mention.ts"),
];
const NOT_SHIPPED = /\.test\.ts$|\/testing\/|\/fixtures\//;

function shippedSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return shippedSources(path);
    return entry.name.endsWith(".ts") && !NOT_SHIPPED.test(path) ? [path] : [];
  });
}

describe("links in mrkdwn", () => {
  it("are built by mrkdwnLink (mentions by slackMention) only: no code opens a `<${url}` token by hand", () => {
    const handBuilt = SHIPPED_DIRS
      .flatMap((dir) => shippedSources(join(ROOT, dir)))
      .filter((file) => !TOKEN_BUILDERS.includes(relative(ROOT, file)))
      .flatMap((file) =>
        readFileSync(file, "utf8").split("\n").flatMap((line, i) =>
          /<[@#]?\$\{|["'`]<[@#]?["'`]\s*\+/.test(line)
            ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`]
            : []
        )
      );
    expect(handBuilt).toEqual([]);
  });
});
