import { afterEach, describe, expect, it } from "vitest";
import { callSlack } from "./call-slack.ts";
import { seedWorkspace } from "./seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

const TRIGGER_URL = "https://slack.com/shortcuts/Ft0123/abc";
const BUTTON = {
  type: "workflow_button",
  text: { type: "plain_text", text: "Acknowledge" },
  action_id: "ack",
  workflow: {
    trigger: {
      url: TRIGGER_URL,
      customizable_input_parameters: [{ name: "action", value: "ack" }],
    },
  },
};
const card = (channel: string) => ({
  channel,
  text: "card",
  blocks: [
    { type: "section", text: { type: "mrkdwn", text: "card" } },
    { type: "actions", elements: [BUTTON] },
  ],
});

/** The hosted app's trigger the button starts (it must exist for Slack to take the button at all). */
function registerTrigger(sim: SlackSimulator): void {
  sim.registerLinkTrigger({
    url: TRIGGER_URL,
    workflow: {
      definition: {
        callback_id: "action_workflow",
        input_parameters: { properties: { action: { type: "string" } } },
      },
    },
    inputs: { action: { customizable: true } },
  });
}

let sim: SlackSimulator;
afterEach(async () => {
  expect(sim.undocumentedErrors()).toEqual([]);
  await sim.close();
});

describe("refuseWorkflowButtonsFromClassicApps", () => {
  it("takes workflow buttons from every app by default", async () => {
    sim = await startSlackSimulator();
    const w = seedWorkspace(sim);
    registerTrigger(sim);
    const posted = await callSlack(
      sim.url,
      "chat.postMessage",
      card(w.incidents),
      w.bridgeToken,
    );
    expect(posted.body).toMatchObject({ ok: true });
  });

  it("refuses them in a classic bot's posts and edits, not in a hosted app's", async () => {
    sim = await startSlackSimulator({
      refuseWorkflowButtonsFromClassicApps: true,
    });
    const w = seedWorkspace(sim);
    registerTrigger(sim);
    const refused = await callSlack(
      sim.url,
      "chat.postMessage",
      card(w.incidents),
      w.bridgeToken,
    );
    expect(refused.body).toMatchObject({
      ok: false,
      error: "invalid_blocks",
      errors: [
        "unsupported type: workflow_button [json-pointer:/blocks/1/elements/0]",
      ],
    });
    expect(sim.transcript(w.incidents)).toEqual([]);

    const plain = await callSlack(sim.url, "chat.postMessage", {
      channel: w.incidents,
      text: "card",
    }, w.bridgeToken);
    const edit = await callSlack(sim.url, "chat.update", {
      ...card(w.incidents),
      ts: plain.body.ts,
    }, w.bridgeToken);
    expect(edit.body).toMatchObject({ ok: false, error: "invalid_blocks" });

    const hosted = await callSlack(
      sim.url,
      "chat.postMessage",
      card(w.incidents),
      w.hostedToken,
    );
    expect(hosted.body).toMatchObject({ ok: true });
  });
});
