import {
  DefineDatastore,
  DefineFunction,
  DefineWorkflow,
  Schema,
  SlackFunction,
} from "@slack/deno-slack-sdk";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { resolveTemplates, WorkflowRunnerError } from "./run-workflow.ts";
import { type SeededWorkspace, seedWorkspace } from "./seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

/** A small hosted app defined here, so the runner is tested without the real app's functions. */
const Notes = DefineDatastore({
  name: "notes",
  primary_key: "id",
  attributes: {
    id: { type: Schema.types.string },
    incident_id: { type: Schema.types.string },
    text: { type: Schema.types.string },
    author: { type: Schema.types.string },
  },
});

const RecordNote = DefineFunction({
  callback_id: "record_note",
  title: "Record a note",
  source_file: "functions/record_note.ts",
  input_parameters: {
    properties: {
      incident_id: { type: Schema.types.string },
      channel_id: { type: Schema.slack.types.channel_id },
      user_id: { type: Schema.slack.types.user_id },
    },
    required: ["incident_id", "channel_id", "user_id"],
  },
  output_parameters: {
    properties: { note_ts: { type: Schema.types.string } },
    required: ["note_ts"],
  },
});

const recordNote = SlackFunction(
  RecordNote,
  async ({ inputs, client, env }) => {
    const posted = await client.chat.postMessage({
      channel: inputs.channel_id,
      text: `Note on ${inputs.incident_id} (${env.PAGERDUTY_API_URL})`,
    });
    if (!posted.ok) return { error: `post failed: ${posted.error}` };
    const put = await client.apps.datastore.put<typeof Notes.definition>({
      datastore: Notes.name,
      item: {
        id: posted.ts,
        incident_id: inputs.incident_id,
        author: inputs.user_id,
      },
    });
    if (!put.ok) return { error: `put failed: ${put.error}` };
    return { outputs: { note_ts: posted.ts } };
  },
);

const AskNote = DefineFunction({
  callback_id: "ask_note",
  title: "Ask for a note",
  source_file: "functions/ask_note.ts",
  input_parameters: {
    properties: {
      incident_id: { type: Schema.types.string },
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["incident_id", "interactivity"],
  },
  output_parameters: {
    properties: { note: { type: Schema.types.string } },
    required: ["note"],
  },
});

const askNote = SlackFunction(AskNote, async ({ inputs, client }) => {
  const opened = await client.views.open({
    interactivity_pointer: inputs.interactivity.interactivity_pointer,
    view: {
      type: "modal",
      callback_id: "note_view",
      private_metadata: inputs.incident_id,
      title: { type: "plain_text", text: "Add a note" },
      submit: { type: "plain_text", text: "Save" },
      blocks: [{
        type: "input",
        block_id: "note",
        label: { type: "plain_text", text: "Note" },
        element: { type: "plain_text_input", action_id: "text" },
      }],
    },
  });
  if (!opened.ok) return { error: `views.open: ${opened.error}` };
  return { completed: false };
}).addViewSubmissionHandler("note_view", async ({ view, body, client }) => {
  const text = view.state.values.note.text.value as string;
  if (text.trim() === "") {
    return { response_action: "errors", errors: { note: "Write something" } };
  }
  await client.apps.datastore.put<typeof Notes.definition>({
    datastore: Notes.name,
    item: {
      id: `n-${view.private_metadata}`,
      incident_id: view.private_metadata,
      text,
    },
  });
  await client.functions.completeSuccess({
    function_execution_id: body.function_data.execution_id,
    outputs: { note: text },
  });
});

const Confirm = DefineFunction({
  callback_id: "confirm",
  title: "Confirm",
  source_file: "functions/confirm.ts",
  input_parameters: {
    properties: { channel_id: { type: Schema.slack.types.channel_id } },
    required: ["channel_id"],
  },
  output_parameters: {
    properties: { answer: { type: Schema.types.string } },
    required: ["answer"],
  },
});

const confirm = SlackFunction(Confirm, async ({ inputs, client }) => {
  await client.chat.postMessage({
    channel: inputs.channel_id,
    text: "Resolve #42?",
    blocks: [{
      type: "actions",
      block_id: "confirm",
      elements: [
        {
          type: "button",
          action_id: "yes",
          value: "yes",
          text: { type: "plain_text", text: "Yes" },
        },
        {
          type: "button",
          action_id: "no",
          value: "no",
          text: { type: "plain_text", text: "No" },
        },
      ],
    }],
  });
  return { completed: false };
}).addBlockActionsHandler(["yes", "no"], async ({ action, body, client }) => {
  await client.chat.update({
    channel: body.container.channel_id,
    ts: body.container.message_ts,
    text: `Answered ${action.value}`,
  });
  await client.functions.completeSuccess({
    function_execution_id: body.function_data.execution_id,
    outputs: { answer: action.value },
  });
});

const StackViews = DefineFunction({
  callback_id: "stack_views",
  title: "Stack views",
  source_file: "functions/stack_views.ts",
  input_parameters: {
    properties: { interactivity: { type: Schema.slack.types.interactivity } },
    required: ["interactivity"],
  },
  output_parameters: { properties: {}, required: [] },
});

const modal = (title: string) => ({
  type: "modal" as const,
  callback_id: "stack",
  title: { type: "plain_text" as const, text: title },
  blocks: [{
    type: "actions",
    block_id: "nav",
    elements: [{
      type: "button",
      action_id: "deeper",
      text: { type: "plain_text", text: "Deeper" },
    }],
  }],
});

/** What the views.* calls of stack_views answered, in order. */
const viewAnswers: Array<{ method: string; ok: boolean; error?: string }> = [];

const stackViews = SlackFunction(StackViews, async ({ inputs, client }) => {
  const opened = await client.views.open({
    interactivity_pointer: inputs.interactivity.interactivity_pointer,
    view: modal("Level 1"),
  });
  viewAnswers.push({ method: "open", ok: opened.ok, error: opened.error });
  const stale = await client.views.update({
    view_id: opened.view.id,
    hash: "0.stale",
    view: modal("Stale"),
  });
  viewAnswers.push({ method: "update", ok: stale.ok, error: stale.error });
  const updated = await client.views.update({
    view_id: opened.view.id,
    hash: opened.view.hash,
    view: modal("Level 1 (updated)"),
  });
  viewAnswers.push({ method: "update", ok: updated.ok, error: updated.error });
  return { completed: false };
}).addBlockActionsHandler("deeper", async ({ body, client }) => {
  const pushed = await client.views.push({
    interactivity_pointer: body.interactivity.interactivity_pointer,
    view: modal("Deeper"),
  });
  viewAnswers.push({ method: "push", ok: pushed.ok, error: pushed.error });
});

const Failing = DefineFunction({
  callback_id: "failing",
  title: "Fails",
  source_file: "functions/failing.ts",
  input_parameters: { properties: {}, required: [] },
  output_parameters: { properties: {}, required: [] },
});
const failing = SlackFunction(Failing, () => ({ error: "PagerDuty said no" }));

const functions = {
  stack_views: stackViews,
  record_note: recordNote,
  ask_note: askNote,
  confirm,
  failing,
};

function noteWorkflow() {
  const wf = DefineWorkflow({
    callback_id: "note_workflow",
    title: "Note",
    input_parameters: {
      properties: {
        incident_id: { type: Schema.types.string },
        channel_id: { type: Schema.slack.types.channel_id },
        user_id: { type: Schema.slack.types.user_id },
      },
      required: ["incident_id", "channel_id", "user_id"],
    },
  });
  const step = wf.addStep(RecordNote, {
    incident_id: wf.inputs.incident_id,
    channel_id: wf.inputs.channel_id,
    user_id: wf.inputs.user_id,
  });
  wf.addStep(Schema.slack.functions.SendEphemeralMessage, {
    channel_id: wf.inputs.channel_id,
    user_id: wf.inputs.user_id,
    message: `Saved note ${step.outputs.note_ts}`,
  });
  return wf;
}

const sims: SlackSimulator[] = [];
let sim: SlackSimulator;
let w: SeededWorkspace;
const env = { PAGERDUTY_API_URL: "http://127.0.0.1:9/pd" };

beforeEach(async () => {
  sim = await startSlackSimulator();
  sims.push(sim);
  w = seedWorkspace(sim);
  sim.createHostedApp({ appId: w.hostedAppId, datastores: [Notes.definition] });
});

afterAll(async () => {
  for (const s of sims) await s.close();
  for (const s of sims) expect(s.undocumentedErrors()).toEqual([]);
});

describe("runWorkflow", () => {
  it("runs a custom function with a hosted-app token, then a built-in step with its outputs", async () => {
    const run = await sim.runWorkflow({
      workflow: noteWorkflow(),
      inputs: {
        incident_id: "P42",
        channel_id: "{{data.channel_id}}",
        user_id: "{{data.user_id}}",
      },
      userId: w.bob,
      channelId: w.incidents,
      messageTs: "1700000000.000100",
      functions,
      env,
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe("completed");
    const noteTs = run.outputs["0"]?.note_ts as string;
    expect(sim.transcript(w.incidents).map((m) => m.text)).toEqual([
      "Note on P42 (http://127.0.0.1:9/pd)",
    ]);
    expect(sim.datastoreItems(w.hostedAppId, "notes")).toEqual([
      { id: noteTs, incident_id: "P42", author: w.bob },
    ]);
    expect(run.ephemeralMessages().map((m) => [m.user, m.text])).toEqual([
      [w.bob, `Saved note ${noteTs}`],
    ]);
    const put = sim.calls({ method: "apps.datastore.put" })[0];
    expect(put?.tokenKind).toBe("hosted_app");
  });

  it("reports a function's error as the run's outcome and skips later steps", async () => {
    const wf = DefineWorkflow({ callback_id: "f", title: "F" });
    wf.addStep(Failing, {});
    wf.addStep(Schema.slack.functions.SendMessage, {
      channel_id: w.incidents,
      message: "never",
    });
    const run = await sim.runWorkflow({
      workflow: wf,
      userId: w.bob,
      functions,
      env,
    });
    expect(run).toMatchObject({ status: "failed", error: "PagerDuty said no" });
    expect(run.steps.map((s) => s.status)).toEqual(["failed"]);
    expect(sim.transcript(w.incidents)).toEqual([]);
  });

  it("refuses a run without a required workflow input", async () => {
    const run = await sim.runWorkflow({
      workflow: noteWorkflow(),
      inputs: { incident_id: "P1" },
      userId: w.bob,
      functions,
      env,
    });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/channel_id is required/);
  });

  it("opens a view, keeps it open on validation errors, and completes on submission", async () => {
    const wf = DefineWorkflow({
      callback_id: "ask",
      title: "Ask",
      input_parameters: {
        properties: {
          incident_id: { type: Schema.types.string },
          interactivity: { type: Schema.slack.types.interactivity },
        },
        required: ["incident_id", "interactivity"],
      },
    });
    const ask = wf.addStep(AskNote, {
      incident_id: wf.inputs.incident_id,
      interactivity: wf.inputs.interactivity,
    });
    wf.addStep(Schema.slack.functions.SendMessage, {
      channel_id: w.incidents,
      message: `Note: ${ask.outputs.note}`,
    });
    const run = await sim.runWorkflow({
      workflow: wf,
      inputs: { incident_id: "P7", interactivity: "{{data.interactivity}}" },
      userId: w.alice,
      functions,
      env,
    });
    expect(run.status).toBe("waiting");
    expect(run.openViews().map((v) => v.view.callback_id)).toEqual([
      "note_view",
    ]);

    const empty = await run.submitView({
      values: { note: { text: { type: "plain_text_input", value: " " } } },
    });
    expect(empty.response).toMatchObject({ response_action: "errors" });
    expect(run.status).toBe("waiting");
    expect(run.openViews()).toHaveLength(1);

    const done = await run.submitView({
      values: {
        note: { text: { type: "plain_text_input", value: "DB failover done" } },
      },
    });
    expect(done.run.status).toBe("completed");
    expect(run.openViews()).toEqual([]);
    expect(run.outputs["0"]).toEqual({ note: "DB failover done" });
    expect(sim.transcript(w.incidents).map((m) => m.text)).toEqual([
      "Note: DB failover done",
    ]);
    expect(sim.datastoreItems(w.hostedAppId, "notes")).toEqual([
      { id: "n-P7", incident_id: "P7", text: "DB failover done" },
    ]);
  });

  it("routes a button click to the function's block action handler; the button dies with the function", async () => {
    const wf = DefineWorkflow({ callback_id: "c", title: "C" });
    wf.addStep(Confirm, { channel_id: w.incidents });
    const run = await sim.runWorkflow({
      workflow: wf,
      userId: w.bob,
      functions,
      env,
    });
    expect(run.status).toBe("waiting");
    expect(sim.renderTranscript(w.incidents)).toContain("[Yes] [No]");

    await run.clickBlockAction({ actionId: "yes" });
    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({ answer: "yes" });
    const [message] = sim.transcript(w.incidents);
    expect(message?.text).toBe("Answered yes");
    expect(message?.edits.map((e) => e.text)).toEqual(["Resolve #42?"]);
    // chat.update kept the blocks: the buttons are still there, but dead.
    expect(sim.renderTranscript(w.incidents)).toContain("[Yes] [No]");
    await expect(run.clickBlockAction({ actionId: "no" })).rejects.toThrow(
      WorkflowRunnerError,
    );
    await expect(run.clickBlockAction({ actionId: "no" })).rejects.toThrow(
      /already completed/,
    );
  });

  it("updates views with their hash and pushes at most three deep", async () => {
    const wf = DefineWorkflow({
      callback_id: "stack",
      title: "Stack",
      input_parameters: {
        properties: {
          interactivity: { type: Schema.slack.types.interactivity },
        },
        required: ["interactivity"],
      },
    });
    wf.addStep(StackViews, { interactivity: wf.inputs.interactivity });
    viewAnswers.length = 0;
    const run = await sim.runWorkflow({
      workflow: wf,
      inputs: { interactivity: "{{data.interactivity}}" },
      userId: w.alice,
      functions,
      env,
    });
    expect(run.status).toBe("waiting");
    for (let i = 0; i < 3; i++) {
      await run.clickBlockAction({ actionId: "deeper" });
    }
    expect(viewAnswers).toEqual([
      { method: "open", ok: true },
      { method: "update", ok: false, error: "hash_conflict" },
      { method: "update", ok: true },
      { method: "push", ok: true },
      { method: "push", ok: true },
      { method: "push", ok: false, error: "push_limit_reached" },
    ]);
    expect(
      run.openViews().map((v) => (v.view.title as { text: string }).text),
    ).toEqual(["Level 1 (updated)", "Deeper", "Deeper"]);
  });

  it("answers OpenForm steps from formAnswers and passes the fields on", async () => {
    const wf = DefineWorkflow({
      callback_id: "trigger_incident",
      title: "Trigger",
      input_parameters: {
        properties: {
          interactivity: { type: Schema.slack.types.interactivity },
        },
        required: ["interactivity"],
      },
    });
    const form = wf.addStep(Schema.slack.functions.OpenForm, {
      title: "Trigger an incident",
      interactivity: wf.inputs.interactivity,
      fields: {
        elements: [{
          name: "title",
          title: "Title",
          type: Schema.types.string,
        }],
        required: ["title"],
      },
    });
    wf.addStep(Schema.slack.functions.SendMessage, {
      channel_id: w.incidents,
      message:
        `Triggered: ${form.outputs.fields.title} by <@${form.outputs.submit_user}>`,
    });
    const run = await sim.runWorkflow({
      workflow: wf,
      inputs: { interactivity: "{{data.interactivity}}" },
      userId: w.alice,
      functions,
      env,
      formAnswers: [{ title: "Checkout is down" }],
    });
    expect(run.status).toBe("completed");
    expect(sim.transcript(w.incidents)[0]?.text).toBe(
      `Triggered: Checkout is down by <@${w.alice}>`,
    );
  });
});

describe("resolveTemplates", () => {
  it("keeps the type of whole-string references and interpolates inside text", () => {
    const scope = {
      inputs: { n: 3, o: { a: 1 } },
      steps: { "0": { ts: "1.2" } },
    };
    expect(
      resolveTemplates(
        {
          n: "{{inputs.n}}",
          o: "{{inputs.o}}",
          s: "ts={{steps.0.ts}}",
          l: ["{{inputs.o.a}}"],
        },
        scope,
      ),
    ).toEqual({ n: 3, o: { a: 1 }, s: "ts=1.2", l: [1] });
  });
});
