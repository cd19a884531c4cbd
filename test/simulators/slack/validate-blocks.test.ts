import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callSlack } from "./call-slack.ts";
import { seedWorkspace } from "./seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";
import { validateBlocks } from "./validate-blocks.ts";

const plain = (text: string) => ({ type: "plain_text", text });
const button = (text: string, extra: Record<string, unknown> = {}) => ({
  type: "button",
  text: plain(text),
  action_id: "a",
  ...extra,
});
const section = (text: string) => ({
  type: "section",
  text: { type: "mrkdwn", text },
});
const option = (i: number) => ({ text: plain(`o${i}`), value: `v${i}` });
const actions = (elements: unknown[]) => ({ type: "actions", elements });
const workflowButton = (extra: Record<string, unknown> = {}) => ({
  type: "workflow_button",
  text: plain("Acknowledge"),
  workflow: {
    trigger: {
      url: "https://slack.com/shortcuts/Ft0001/abc",
      customizable_input_parameters: [{ name: "incident_id", value: "P1" }],
    },
  },
  action_id: "ack",
  style: "primary",
  ...extra,
});

/** [limit, at the limit (accepted), one past it (refused)] */
const LIMITS: Array<[string, unknown[], unknown[]]> = [
  [
    "50 blocks per message",
    Array.from({ length: 50 }, () => section("x")),
    Array.from({ length: 51 }, () => section("x")),
  ],
  ["section text 3000", [section("x".repeat(3000))], [
    section("x".repeat(3001)),
  ]],
  [
    "header text 150",
    [{ type: "header", text: plain("x".repeat(150)) }],
    [{ type: "header", text: plain("x".repeat(151)) }],
  ],
  [
    "button text 75",
    [actions([button("x".repeat(75))])],
    [actions([button("x".repeat(76))])],
  ],
  [
    "action_id 255",
    [actions([button("ok", { action_id: "a".repeat(255) })])],
    [actions([button("ok", { action_id: "a".repeat(256) })])],
  ],
  [
    "block_id 255",
    [{ ...section("x"), block_id: "b".repeat(255) }],
    [{ ...section("x"), block_id: "b".repeat(256) }],
  ],
  [
    "context 10 elements",
    [{
      type: "context",
      elements: Array.from(
        { length: 10 },
        () => ({ type: "mrkdwn", text: "x" }),
      ),
    }],
    [{
      type: "context",
      elements: Array.from(
        { length: 11 },
        () => ({ type: "mrkdwn", text: "x" }),
      ),
    }],
  ],
  [
    "actions 25 elements",
    [actions(Array.from({ length: 25 }, () => button("b")))],
    [actions(Array.from({ length: 26 }, () => button("b")))],
  ],
  [
    "overflow at most 5 options",
    [actions([{
      type: "overflow",
      action_id: "o",
      options: [1, 2, 3, 4, 5].map(option),
    }])],
    [actions([{
      type: "overflow",
      action_id: "o",
      options: [1, 2, 3, 4, 5, 6].map(option),
    }])],
  ],
  [
    "overflow at least 2 options",
    [actions([{
      type: "overflow",
      action_id: "o",
      options: [1, 2].map(option),
    }])],
    [actions([{ type: "overflow", action_id: "o", options: [1].map(option) }])],
  ],
  [
    "header is plain_text",
    [{ type: "header", text: plain("x") }],
    [{ type: "header", text: { type: "mrkdwn", text: "x" } }],
  ],
  ["unknown block type", [section("x")], [{ type: "carousel" }]],
  [
    "unknown element type",
    [actions([button("x")])],
    [actions([{ type: "slider", action_id: "s" }])],
  ],
  [
    "workflow_button shape",
    [actions([workflowButton()])],
    [actions([workflowButton({ workflow: { url: "https://x" } })])],
  ],
  [
    "workflow_button input parameters are {name, value}",
    [actions([workflowButton()])],
    [actions([workflowButton({
      workflow: {
        trigger: {
          url: "https://slack.com/shortcuts/Ft0001/abc",
          customizable_input_parameters: [{ incident_id: "P1" }],
        },
      },
    })])],
  ],
  [
    "workflow_button has no value or url",
    [actions([workflowButton()])],
    [actions([workflowButton({ value: "x" })])],
  ],
];

describe("validateBlocks", () => {
  it.each(LIMITS)("%s", (_name, accepted, refused) => {
    expect(validateBlocks(accepted)).toEqual({ ok: true });
    const verdict = validateBlocks(refused);
    expect(verdict.ok).toBe(false);
  });

  it("allows 100 blocks in a modal but not 101", () => {
    const blocks = (n: number) => Array.from({ length: n }, () => section("x"));
    expect(validateBlocks(blocks(100), "modal")).toEqual({ ok: true });
    expect(validateBlocks(blocks(101), "modal").ok).toBe(false);
  });

  it("points at the offending field like Slack's error messages", () => {
    expect(validateBlocks([section("ok"), section("x".repeat(3001))])).toEqual({
      ok: false,
      errors: ["must be less than 3001 characters [json-pointer:/1/text/text]"],
    });
  });
});

describe("invalid_blocks over the Web API", () => {
  let sim: SlackSimulator;
  beforeAll(async () => {
    sim = await startSlackSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  it("refuses a message over a limit with Slack's error detail and posts nothing", async () => {
    const w = seedWorkspace(sim);
    const { body } = await callSlack(sim.url, "chat.postMessage", {
      channel: w.incidents,
      text: "fallback",
      blocks: [{ type: "header", text: plain("x".repeat(151)) }],
    }, w.bridgeToken);
    expect(body).toEqual({
      ok: false,
      error: "invalid_blocks",
      errors: ["must be less than 151 characters [json-pointer:/0/text/text]"],
      response_metadata: {
        messages: [
          "must be less than 151 characters [json-pointer:/0/text/text]",
        ],
      },
    });
    expect(sim.transcript(w.incidents)).toEqual([]);
    const malformed = await callSlack(sim.url, "chat.postMessage", {
      channel: w.incidents,
      text: "x",
      blocks: "[{",
    }, w.bridgeToken);
    expect(malformed.body).toEqual({
      ok: false,
      error: "invalid_blocks_format",
    });
  });
});
