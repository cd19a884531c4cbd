import { describe, expect, it } from "vitest";
import {
  listMessageControls,
  listMrkdwnControls,
} from "./list-mrkdwn-controls.ts";

describe("listMrkdwnControls", () => {
  it("reads links, mentions, special commands and dates as Slack does", () => {
    expect(
      listMrkdwnControls(
        "<!here> <@U1|ana> <#C1> <!subteam^S1> <!date^1^{time}|10:00> <https://a.example/x|A> <https://b.example> &lt;!channel&gt;",
      ),
    ).toEqual([
      { kind: "special", command: "here" },
      { kind: "user", id: "U1" },
      { kind: "channel", id: "C1" },
      { kind: "usergroup", id: "S1" },
      { kind: "date", token: "!date^1^{time}|10:00" },
      { kind: "link", url: "https://a.example/x", label: "A" },
      { kind: "link", url: "https://b.example", label: null },
    ]);
  });

  it("ends a link's URL at the first |, as the injection relies on", () => {
    expect(
      listMrkdwnControls("<https://x.pagerduty.com/incidents/P1|<!here>|Open>"),
    ).toEqual([{ kind: "special", command: "here" }]);
    expect(listMrkdwnControls("<https://x.example/P1|evil|Open>")).toEqual([
      { kind: "link", url: "https://x.example/P1", label: "evil|Open" },
    ]);
  });

  it("reads a message's top-level text and mrkdwn objects, never plain_text", () => {
    expect(listMessageControls({
      text: "<!channel>",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "<!here>" } },
        { type: "context", elements: [{ type: "mrkdwn", text: "<@U2>" }] },
      ],
    })).toEqual([
      { kind: "special", command: "channel" },
      { kind: "user", id: "U2" },
    ]);
  });
});
