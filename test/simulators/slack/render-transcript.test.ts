import { describe, expect, it } from "vitest";
import { renderBlocks } from "./render-transcript.ts";

const plain = (text: string) => ({ type: "plain_text", text });

describe("renderBlocks", () => {
  it("renders every block kind as a reader sees it", () => {
    expect(renderBlocks([
      { type: "header", text: plain("Incident #7") },
      { type: "divider" },
      {
        type: "section",
        text: { type: "mrkdwn", text: "line 1\nline 2" },
        accessory: {
          type: "overflow",
          action_id: "more",
          options: [
            { text: plain("Escalate"), value: "e" },
            { text: plain("Reassign"), value: "r" },
          ],
        },
      },
      {
        type: "context",
        elements: [
          {
            type: "image",
            image_url: "https://x/y.png",
            alt_text: "PagerDuty",
          },
          { type: "mrkdwn", text: "db-service" },
        ],
      },
      {
        type: "actions",
        elements: [
          {
            type: "static_select",
            action_id: "p",
            placeholder: plain("Priority"),
          },
        ],
      },
      {
        type: "input",
        label: plain("Note"),
        element: { type: "plain_text_input", action_id: "n" },
      },
      {
        type: "rich_text",
        elements: [{
          type: "rich_text_section",
          elements: [{ type: "text", text: "Paged " }, {
            type: "user",
            user_id: "U1",
          }],
        }],
      },
    ])).toEqual([
      "# Incident #7",
      "---",
      "line 1",
      "line 2",
      "[⋯ Escalate / Reassign]",
      "[image: PagerDuty] · db-service",
      "[Priority ▾]",
      "Note: [______]",
      "Paged <@U1>",
    ]);
  });
});
