import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import { SetUpPagerslackFunction } from "../functions/set-up-pagerslack/mod.ts";

/** Run once by an admin (and again safely): creates the app's link triggers, see the function. */
export const SetUpPagerslackWorkflow = DefineWorkflow({
  callback_id: "set_up_pagerslack_workflow",
  title: "Set up pagerslack",
  description:
    "Creates pagerslack's link triggers, registers them with the bridge and posts the help",
  input_parameters: {
    properties: {
      user_id: { type: Schema.slack.types.user_id },
      channel_id: { type: Schema.slack.types.channel_id },
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["user_id", "interactivity"],
  },
});

const form = SetUpPagerslackWorkflow.addStep(
  Schema.slack.functions.OpenForm,
  {
    title: "Set up pagerslack",
    submit_label: "Set up",
    interactivity: SetUpPagerslackWorkflow.inputs.interactivity,
    description:
      "Creates the links to every pagerslack workflow (or finds them, when run again) and tells the bridge about them.",
    fields: {
      elements: [{
        name: "bookmark_channel",
        title: "Bookmark the links in a channel (optional)",
        type: Schema.slack.types.channel_id,
      }],
      required: [],
    },
  },
);

SetUpPagerslackWorkflow.addStep(SetUpPagerslackFunction, {
  user_id: SetUpPagerslackWorkflow.inputs.user_id,
  channel_id: SetUpPagerslackWorkflow.inputs.channel_id,
  bookmark_channel_id: form.outputs.fields.bookmark_channel,
});
