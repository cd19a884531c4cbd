import { describe, expect, it } from "vitest";
import { slackMention } from "./slack-mention.ts";

describe("slackMention", () => {
  it("mentions users and conversations by id", () => {
    expect(slackMention("U0ALICE01")).toBe("<@U0ALICE01>");
    expect(slackMention("W0ENTERPR")).toBe("<@W0ENTERPR>");
    expect(slackMention("C0CHANNEL")).toBe("<#C0CHANNEL>");
    expect(slackMention("G0PRIVATE")).toBe("<#G0PRIVATE>");
  });

  it("refuses anything that is not a Slack id", () => {
    for (
      const id of [
        "U1>|<!here",
        "here",
        "!channel",
        "S0GROUP",
        "u123",
        "",
        null,
      ]
    ) {
      expect(slackMention(id)).toBeNull();
    }
  });
});
