import {
  DefineFunction,
  DefineWorkflow,
  Schema,
  SlackFunction,
} from "@slack/deno-slack-sdk";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { INTERACTION_BUDGET_MS, LATE_ANSWER_BANNER } from "./run-workflow.ts";
import { type SeededWorkspace, seedWorkspace } from "./seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";
import { POINTER_LIFETIME_MS } from "./views-methods.ts";

/**
 * Slack's clocks on interactions: an interactivity pointer opens a view within 3 s of the click, and a
 * function's interactivity handler answers within about 10 s, or the modal shows an error banner and the answer
 * is dropped. Time moves on the simulator's injected clock: the functions below "take" time by advancing it.
 */
let clock = 0;
/** How long the next function takes before views.open / before its submission handler answers. */
let delays = { beforeOpen: 0, beforeAnswer: 0 };

const Ask = DefineFunction({
  callback_id: "ask",
  title: "Ask",
  source_file: "functions/ask.ts",
  input_parameters: {
    properties: { interactivity: { type: Schema.slack.types.interactivity } },
    required: ["interactivity"],
  },
  output_parameters: {
    properties: { answer: { type: Schema.types.string } },
    required: [],
  },
});

const view = (title: string) => ({
  type: "modal" as const,
  callback_id: "ask_view",
  title: { type: "plain_text" as const, text: title },
  submit: { type: "plain_text" as const, text: "Save" },
  blocks: [{
    type: "input",
    block_id: "a",
    label: { type: "plain_text", text: "Answer" },
    element: { type: "plain_text_input", action_id: "a" },
  }],
});

const ask = SlackFunction(Ask, async ({ inputs, client }) => {
  clock += delays.beforeOpen;
  const opened = await client.views.open({
    interactivity_pointer: inputs.interactivity.interactivity_pointer,
    view: view("Ask"),
  });
  if (!opened.ok) return { error: `views.open: ${opened.error}` };
  return { completed: false };
}).addViewSubmissionHandler("ask_view", async ({ body, client }) => {
  clock += delays.beforeAnswer;
  await client.functions.completeSuccess({
    function_execution_id: body.function_data.execution_id,
    outputs: { answer: "done" },
  });
  return { response_action: "update", view: view("Thanks") };
});

/** A step that takes 4 s, before a later step spends the click's pointer. */
const Slow = DefineFunction({
  callback_id: "slow",
  title: "Slow",
  source_file: "functions/slow.ts",
  input_parameters: { properties: {}, required: [] },
  output_parameters: { properties: {}, required: [] },
});
const slow = SlackFunction(Slow, () => {
  clock += 4_000;
  return { outputs: {} };
});

function askWorkflow() {
  const wf = DefineWorkflow({
    callback_id: "ask_workflow",
    title: "Ask",
    input_parameters: {
      properties: { interactivity: { type: Schema.slack.types.interactivity } },
      required: ["interactivity"],
    },
  });
  wf.addStep(Ask, { interactivity: wf.inputs.interactivity });
  return wf;
}

const sims: SlackSimulator[] = [];
let sim: SlackSimulator;
let w: SeededWorkspace;

beforeEach(async () => {
  clock = 1_700_000_000_000;
  delays = { beforeOpen: 0, beforeAnswer: 0 };
  sim = await startSlackSimulator({ now: () => clock });
  sims.push(sim);
  w = seedWorkspace(sim);
  sim.createHostedApp({ appId: w.hostedAppId });
});

afterAll(async () => {
  for (const s of sims) await s.close();
  for (const s of sims) expect(s.undocumentedErrors()).toEqual([]);
});

function run() {
  return sim.runWorkflow({
    workflow: askWorkflow(),
    inputs: { interactivity: "{{data.interactivity}}" },
    userId: w.bob,
    functions: { ask },
  });
}

describe("interactivity pointers", () => {
  it("open a modal up to 3 s after the click", async () => {
    delays.beforeOpen = POINTER_LIFETIME_MS;
    const r = await run();
    expect(r.status).toBe("waiting");
    expect(r.openViews()).toHaveLength(1);
  });

  it("are refused with expired_trigger_id once 3 s have passed", async () => {
    delays.beforeOpen = POINTER_LIFETIME_MS + 1;
    const r = await run();
    expect(r.status).toBe("failed");
    expect(r.error).toBe("views.open: expired_trigger_id");
    expect(r.openViews()).toEqual([]);
  });

  it("expire for Slack's own OpenForm step too", async () => {
    const wf = DefineWorkflow({
      callback_id: "form",
      title: "Form",
      input_parameters: {
        properties: {
          interactivity: { type: Schema.slack.types.interactivity },
        },
        required: ["interactivity"],
      },
    });
    wf.addStep(Slow, {});
    wf.addStep(Schema.slack.functions.OpenForm, {
      title: "Form",
      interactivity: wf.inputs.interactivity,
      fields: { elements: [] },
    });
    const r = await sim.runWorkflow({
      workflow: wf,
      inputs: { interactivity: "{{data.interactivity}}" },
      userId: w.bob,
      functions: { slow },
      formAnswers: [{}],
    });
    expect(r.status).toBe("failed");
    expect(r.error).toBe("expired_trigger_id");
  });
});

describe("interactivity handler budget", () => {
  it("applies an answer given within 10 s", async () => {
    const r = await run();
    delays.beforeAnswer = INTERACTION_BUDGET_MS;
    const { late } = await r.submitView({ values: {} });
    expect(late).toBe(false);
    expect(r.lateInteractions).toEqual([]);
    expect(r.openViews()[0]?.view.title).toEqual({
      type: "plain_text",
      text: "Thanks",
    });
    expect(r.openViews()[0]?.errorBanner).toBeUndefined();
  });

  it("drops a later answer: the modal stays as it was, under Slack's error banner", async () => {
    const r = await run();
    delays.beforeAnswer = INTERACTION_BUDGET_MS + 1;
    const { late } = await r.submitView({ values: {} });
    expect(late).toBe(true);
    expect(r.lateInteractions).toEqual([{
      type: "view_submission",
      callbackId: "ask",
      ms: INTERACTION_BUDGET_MS + 1,
    }]);
    const [shown] = r.openViews();
    expect(shown?.view.title).toEqual({ type: "plain_text", text: "Ask" });
    expect(shown?.errorBanner).toBe(LATE_ANSWER_BANNER);
    // What the handler did through the API still happened: Slack only ignores its answer.
    expect((await r.whenFinished()).outputs["0"]).toEqual({ answer: "done" });
  });
});
