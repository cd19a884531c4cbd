import { describe, expect, it } from "vitest";
import { blockKitViolations } from "./block-kit-limits.ts";
import type { Block } from "./block-kit.ts";

describe("blockKitViolations", () => {
  it("accepts a small message", () => {
    expect(blockKitViolations([
      { type: "section", text: { type: "mrkdwn", text: "hi" } },
    ])).toEqual([]);
  });

  it("names each limit broken", () => {
    const blocks: Block[] = [
      { type: "header", text: { type: "plain_text", text: "h".repeat(151) } },
      { type: "section", text: { type: "mrkdwn", text: "s".repeat(3001) } },
      {
        type: "section",
        fields: Array.from({ length: 11 }, () => ({
          type: "mrkdwn" as const,
          text: "f",
        })),
      },
      {
        type: "context",
        elements: Array.from({ length: 11 }, () => ({
          type: "mrkdwn" as const,
          text: "c",
        })),
      },
      {
        type: "actions",
        elements: [{
          type: "workflow_button",
          text: { type: "plain_text", text: "b".repeat(76) },
          workflow: { trigger: { url: "https://slack.com/shortcuts/x" } },
        }],
      },
      ...Array.from({ length: 46 }, (): Block => ({ type: "divider" })),
    ];
    const found = blockKitViolations(blocks);
    expect(found).toEqual([
      "51 blocks > 50",
      "blocks[0] (header): 151 chars > 150",
      "blocks[1] (section).text: 3001 chars > 3000",
      "blocks[2] (section): 11 fields > 10",
      "blocks[3] (context): 11 elements > 10",
      "blocks[4] (actions).elements[0]: 76 chars > 75",
    ]);
  });
});
