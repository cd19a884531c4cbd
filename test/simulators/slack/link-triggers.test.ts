import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callSlack } from "./call-slack.ts";
import { LinkTriggerError } from "./link-triggers.ts";
import { type SeededWorkspace, seedWorkspace } from "./seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

/** Shaped like slack-app's incident action workflow and trigger (the simulator does not import the app). */
const WORKFLOW = {
  definition: {
    callback_id: "incident_action_workflow",
    input_parameters: {
      properties: {
        incident_id: { type: "string" },
        action: { type: "string" },
        attempt: { type: "integer" },
        user_id: { type: "slack#/types/user_id" },
        interactivity: { type: "slack#/types/interactivity" },
      },
    },
  },
};
const TRIGGER = {
  type: "shortcut",
  name: "PagerDuty: incident action",
  workflow: "#/workflows/incident_action_workflow",
  inputs: {
    incident_id: { customizable: true },
    action: { customizable: true },
    attempt: { customizable: true },
    user_id: { value: "{{data.user_id}}" },
    interactivity: { value: "{{data.interactivity}}" },
  },
};

const button = (
  url: string,
  params: Array<{ name: string; value: string }> = [
    { name: "incident_id", value: "PABC123" },
    { name: "action", value: "acknowledge" },
  ],
) => ({
  type: "workflow_button",
  text: { type: "plain_text", text: "Acknowledge" },
  action_id: "acknowledge",
  workflow: { trigger: { url, customizable_input_parameters: params } },
});
const card = (channel: string, ...buttons: unknown[]) => ({
  channel,
  text: "#42 Database down",
  blocks: [
    { type: "section", text: { type: "mrkdwn", text: "*#42* Database down" } },
    { type: "actions", elements: buttons },
  ],
});

let sim: SlackSimulator;
let w: SeededWorkspace;
let triggerUrl: string;
const post = async (args: Record<string, unknown>, token = w.bridgeToken) =>
  (await callSlack(sim.url, "chat.postMessage", args, token)).body;

beforeEach(async () => {
  sim = await startSlackSimulator();
  w = seedWorkspace(sim);
  triggerUrl = sim.registerLinkTrigger({ workflow: WORKFLOW, trigger: TRIGGER })
    .url;
});
afterEach(async () => {
  expect(sim.undocumentedErrors()).toEqual([]);
  await sim.close();
});

describe("workflow_button triggers", () => {
  it("assigns a link trigger URL of Slack's form and takes buttons that start it", async () => {
    expect(triggerUrl).toMatch(
      /^https:\/\/slack\.com\/shortcuts\/Ft[0-9A-Z]+\/[0-9a-f]{32}$/,
    );
    const posted = await post(card(w.incidents, button(triggerUrl)));
    expect(posted).toMatchObject({ ok: true });
    expect(sim.renderTranscript(w.incidents)).toContain("[Acknowledge]");
  });

  it("refuses a button whose URL no trigger has, in posts, edits and ephemeral messages", async () => {
    const unknown = "https://slack.com/shortcuts/Ft0NOSUCH/0123456789abcdef";
    const message =
      "must be the url of a link trigger of this workspace [json-pointer:/blocks/1/elements/1/workflow/trigger/url]";
    const refused = await post(
      card(w.incidents, button(triggerUrl), button(unknown)),
    );
    expect(refused).toEqual({
      ok: false,
      error: "invalid_blocks",
      errors: [message],
      response_metadata: { messages: [message] },
    });
    expect(sim.transcript(w.incidents)).toEqual([]);

    const plain = await post({ channel: w.incidents, text: "card" });
    const edit = await callSlack(sim.url, "chat.update", {
      ...card(w.incidents, button(triggerUrl), button(unknown)),
      ts: plain.ts,
    }, w.bridgeToken);
    expect(edit.body).toMatchObject({ ok: false, error: "invalid_blocks" });
    expect(sim.renderTranscript(w.incidents)).not.toContain("[Acknowledge]");

    const ephemeral = await callSlack(sim.url, "chat.postEphemeral", {
      ...card(w.incidents, button(unknown)),
      user: w.alice,
    }, w.hostedToken);
    expect(ephemeral.body).toMatchObject({
      ok: false,
      error: "invalid_blocks",
    });
    expect(sim.ephemeralMessages()).toEqual([]);
  });

  it("checks section accessories too", async () => {
    const refused = await post({
      channel: w.incidents,
      text: "x",
      blocks: [{
        type: "section",
        text: { type: "mrkdwn", text: "x" },
        accessory: button("https://slack.com/shortcuts/Ft0OTHER/abc"),
      }],
    });
    expect(refused).toMatchObject({
      ok: false,
      error: "invalid_blocks",
      errors: [
        "must be the url of a link trigger of this workspace [json-pointer:/blocks/0/accessory/workflow/trigger/url]",
      ],
    });
  });

  it("refuses inputs the trigger does not declare customizable, and those its workflow lacks", async () => {
    const at = "/blocks/1/elements/0/workflow/trigger";
    const refused = await post(card(
      w.incidents,
      button(triggerUrl, [
        { name: "incident_id", value: "PABC123" },
        { name: "user_id", value: "U0SOMEONE" },
        { name: "urgency", value: "high" },
      ]),
    ));
    expect(refused).toMatchObject({
      ok: false,
      error: "invalid_blocks",
      errors: [
        `user_id is not customizable on the trigger [json-pointer:${at}/customizable_input_parameters/1/name]`,
        `urgency is not an input parameter of the trigger's workflow [json-pointer:${at}/customizable_input_parameters/2/name]`,
      ],
    });
  });

  it("refuses a value that does not fit the input's type", async () => {
    const wrong = await post(card(
      w.incidents,
      button(triggerUrl, [{ name: "attempt", value: "second" }]),
    ));
    expect(wrong).toMatchObject({
      ok: false,
      error: "invalid_blocks",
      errors: [
        "must be an integer, the type of attempt [json-pointer:/blocks/1/elements/0/workflow/trigger/customizable_input_parameters/0/value]",
      ],
    });
    const right = await post(card(
      w.incidents,
      button(triggerUrl, [{ name: "attempt", value: "2" }]),
    ));
    expect(right).toMatchObject({ ok: true });
  });

  it("takes a fixed URL a test configured earlier, once", () => {
    const url = "https://slack.com/shortcuts/Ft0ACTIONS/0123456789abcdef";
    const trigger = sim.registerLinkTrigger({
      workflow: WORKFLOW,
      trigger: TRIGGER,
      url,
    });
    expect(trigger).toMatchObject({
      id: "Ft0ACTIONS",
      url,
      workflowCallbackId: "incident_action_workflow",
    });
    expect(() =>
      sim.registerLinkTrigger({ workflow: WORKFLOW, trigger: TRIGGER, url })
    ).toThrow(/already has the URL/);
    expect(() =>
      sim.registerLinkTrigger({
        workflow: WORKFLOW,
        trigger: TRIGGER,
        url: "https://example.com/shortcuts/Ft1/abc",
      })
    ).toThrow(/not a link trigger URL/);
  });

  it("refuses definitions `slack trigger create` would refuse", () => {
    const register = (trigger: Record<string, unknown>) => () =>
      sim.registerLinkTrigger({ workflow: WORKFLOW, trigger });
    expect(register({ ...TRIGGER, type: "webhook" })).toThrow(LinkTriggerError);
    expect(register({ ...TRIGGER, workflow: "#/workflows/other" })).toThrow(
      /names #\/workflows\/other/,
    );
    expect(
      register({
        ...TRIGGER,
        inputs: { ...TRIGGER.inputs, severity: { customizable: true } },
      }),
    ).toThrow(/maps severity, which workflow incident_action_workflow/);
  });
});
