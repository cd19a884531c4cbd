import { describe, expect, it } from "vitest";
import { renderCardText } from "./render-card-text.ts";

describe("renderCardText", () => {
  it("reads blocks the way Slack shows them", () => {
    expect(renderCardText([
      { type: "header", text: { type: "plain_text", text: "#7 Disk full" } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text:
            ":red_circle: *Triggered* · <https://x.example/i/7|Open #7> for <@U123> in <#C42|ops>",
        },
        fields: [{ type: "mrkdwn", text: "*Service*\nA &amp; B &lt;db&gt;" }],
      },
      { type: "divider" },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: "Updated <!date^1787220000^{time}|2026-08-20 10:00 UTC>",
          },
          { type: "plain_text", text: "by *nobody*" },
        ],
      },
      {
        type: "actions",
        elements: [{
          type: "workflow_button",
          text: { type: "plain_text", text: "Resolve" },
          workflow: { trigger: { url: "https://slack.com/shortcuts/Ft1/x" } },
        }],
      },
    ])).toBe([
      "#7 Disk full",
      ":red_circle: Triggered · Open #7 for @U123 in #ops",
      "Service: A & B <db>",
      "---",
      "Updated 2026-08-20 10:00 UTC · by *nobody*",
      "[Resolve]",
    ].join("\n"));
  });
});
