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

/** A function acting as the clicker in another service: its oauth2 input is Slack's END_USER credential. */
const WhoAmI = DefineFunction({
  callback_id: "who_am_i",
  title: "Who am I",
  source_file: "functions/who_am_i.ts",
  input_parameters: {
    properties: {
      token_id: {
        type: Schema.slack.types.oauth2,
        oauth2_provider_key: "pagerduty",
      },
    },
    required: ["token_id"],
  },
  output_parameters: {
    properties: {
      token_id: { type: Schema.types.string },
      token: { type: Schema.types.string },
    },
    required: [],
  },
});

const whoAmI = SlackFunction(WhoAmI, async ({ inputs, client }) => {
  const got = await client.apps.auth.external.get({
    external_token_id: inputs.token_id,
  });
  return {
    outputs: { token_id: inputs.token_id, token: String(got.external_token) },
  };
});

function whoAmIWorkflow() {
  const wf = DefineWorkflow({ callback_id: "who", title: "Who" });
  wf.addStep(WhoAmI, { token_id: { credential_source: "END_USER" } });
  return wf;
}

describe("END_USER credentials", () => {
  const start = (userId: string) =>
    sim.runWorkflow({
      workflow: whoAmIWorkflow(),
      userId,
      functions: { who_am_i: whoAmI },
      env,
    });

  it("hands the function the clicker's newest token for the provider", async () => {
    sim.seedExternalToken({
      external_token_id: "Et0OLD",
      user_id: w.bob,
      provider_key: "pagerduty",
      token: "bob-old",
    });
    sim.seedExternalToken({
      external_token_id: "Et0NEW",
      user_id: w.bob,
      provider_key: "pagerduty",
      token: "bob-new",
    });
    sim.seedExternalToken({
      external_token_id: "Et0ALICE",
      user_id: w.alice,
      provider_key: "pagerduty",
      token: "alice",
    });
    sim.seedExternalToken({
      external_token_id: "Et0GITHUB",
      user_id: w.bob,
      provider_key: "github",
      token: "bob-github",
    });
    const run = await start(w.bob);
    expect(run.status).toBe("completed");
    expect(run.outputs["0"]).toEqual({ token_id: "Et0NEW", token: "bob-new" });
  });

  it("waits for a user who never connected, runs nothing, and starts once they connect", async () => {
    const run = await start(w.bob);
    expect(run.error).toBeUndefined();
    expect(run.status).toBe("waiting");
    expect(run.pendingAuthorization).toEqual({
      providerKey: "pagerduty",
      userId: w.bob,
    });
    expect(run.steps).toEqual([]);
    expect(sim.calls({ method: "apps.auth.external.get" })).toEqual([]);

    await run.connectExternalAuth({
      token: "bob-fresh",
      externalTokenId: "Et0BOB",
    });
    expect(run.status).toBe("completed");
    expect(run.pendingAuthorization).toBeUndefined();
    expect(run.outputs["0"]).toEqual({
      token_id: "Et0BOB",
      token: "bob-fresh",
    });
    // The connection stays: the next click does not ask again.
    expect((await start(w.bob)).status).toBe("completed");
  });

  it("refuses connectExternalAuth on a run that is not asking", async () => {
    sim.seedExternalToken({
      external_token_id: "Et0B",
      user_id: w.bob,
      provider_key: "pagerduty",
      token: "t",
    });
    const run = await start(w.bob);
    await expect(run.connectExternalAuth({ token: "x" })).rejects.toThrow(
      WorkflowRunnerError,
    );
  });

  it("fails a run whose workflow object carries no function definitions", async () => {
    const exported = whoAmIWorkflow();
    const run = await sim.runWorkflow({
      workflow: {
        definition: exported.definition,
        export: () => exported.export(),
      },
      userId: w.bob,
      functions: { who_am_i: whoAmI },
      env,
    });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/oauth2_provider_key/);
  });
});

const Cancelable = DefineFunction({
  callback_id: "cancelable",
  title: "Cancelable",
  source_file: "functions/cancelable.ts",
  input_parameters: {
    properties: {
      interactivity: { type: Schema.slack.types.interactivity },
      notify: { type: Schema.types.boolean },
    },
    required: ["interactivity", "notify"],
  },
  output_parameters: {
    properties: { closed: { type: Schema.types.string } },
    required: [],
  },
});

const cancelable = SlackFunction(Cancelable, async ({ inputs, client }) => {
  const opened = await client.views.open({
    interactivity_pointer: inputs.interactivity.interactivity_pointer,
    view: { ...modal("Cancelable"), notify_on_close: inputs.notify },
  });
  if (!opened.ok) return { error: `views.open: ${opened.error}` };
  return { completed: false };
}).addViewClosedHandler("stack", async ({ body, view, client }) => {
  await client.functions.completeSuccess({
    function_execution_id: body.function_data.execution_id,
    outputs: { closed: `${view.id} cleared=${body.is_cleared}` },
  });
});

describe("closeView", () => {
  const start = (notify: boolean) => {
    const wf = DefineWorkflow({ callback_id: "x", title: "X" });
    wf.addStep(Cancelable, { interactivity: "{{data.interactivity}}", notify });
    return sim.runWorkflow({
      workflow: wf,
      userId: w.alice,
      functions: { cancelable },
      env,
    });
  };

  it("sends view_closed to the function when the view asked for it", async () => {
    const run = await start(true);
    const [view] = run.openViews();
    await run.closeView({ clear: true });
    expect(run.status).toBe("completed");
    expect(run.openViews()).toEqual([]);
    expect(run.outputs["0"]).toEqual({ closed: `${view?.id} cleared=true` });
  });

  it("only closes the view when notify_on_close is not set: the function keeps waiting", async () => {
    const run = await start(false);
    await run.closeView();
    expect(run.openViews()).toEqual([]);
    expect(run.status).toBe("waiting");
    expect(run.steps[0]?.status).toBe("waiting");
  });

  it("refuses to close when no view is open", async () => {
    const run = await start(true);
    await run.closeView();
    await expect(run.closeView()).rejects.toThrow(WorkflowRunnerError);
  });
});

const DirectMessage = DefineFunction({
  callback_id: "direct_message",
  title: "Direct message",
  source_file: "functions/direct_message.ts",
  input_parameters: {
    properties: { to: { type: Schema.types.string } },
    required: ["to"],
  },
  output_parameters: {
    properties: {
      channel: { type: Schema.types.string },
      error: { type: Schema.types.string },
    },
    required: [],
  },
});

const directMessage = SlackFunction(
  DirectMessage,
  async ({ inputs, client }) => {
    const posted = await client.chat.postMessage({
      channel: inputs.to,
      text: "Only for you",
    });
    return {
      outputs: posted.ok
        ? { channel: String(posted.channel) }
        : { error: String(posted.error) },
    };
  },
);

describe("chat.postMessage to a user id", () => {
  const send = (to: string) => {
    const wf = DefineWorkflow({ callback_id: "dm", title: "DM" });
    wf.addStep(DirectMessage, { to });
    return sim.runWorkflow({
      workflow: wf,
      userId: w.alice,
      functions: { direct_message: directMessage },
      env,
    });
  };

  it("posts into the IM between the app's bot and that person, opened on first use", async () => {
    const first = await send(w.carol);
    const second = await send(w.carol);
    const bot = sim.workspace.tokens.get(w.hostedToken)?.userId ?? "";
    const im = sim.imChannelId(bot, w.carol);
    expect(im).toMatch(/^D/);
    expect(first.outputs["0"]).toEqual({ channel: im });
    expect(second.outputs["0"]).toEqual({ channel: im });
    expect(sim.transcript(im ?? "").map((m) => m.text)).toEqual([
      "Only for you",
      "Only for you",
    ]);
    // Nobody else is in it.
    expect(sim.call("conversations.history", { channel: im }, w.bridgeToken))
      .toMatchObject({ ok: false, error: "channel_not_found" });
  });

  it("answers channel_not_found for an unknown user or a bot user", async () => {
    const run = await send("U0NOBODY1");
    expect(run.outputs["0"]).toEqual({ error: "channel_not_found" });
    const bridgeBot = sim.workspace.tokens.get(w.bridgeToken)?.userId ?? "";
    const toBot = await send(bridgeBot);
    expect(toBot.outputs["0"]).toEqual({ error: "channel_not_found" });
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
