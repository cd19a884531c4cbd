import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import { HelpFunction } from "../functions/help/mod.ts";

/** `/pd help`: Every pagerslack entry point with its link. */
export const HelpWorkflow = DefineWorkflow({
  callback_id: "help_workflow",
  title: "pagerslack help",
  description: "Every pagerslack entry point with its link",
  input_parameters: {
    properties: {
      user_id: { type: Schema.slack.types.user_id },
      channel_id: { type: Schema.slack.types.channel_id },
    },
    required: ["user_id"],
  },
});

HelpWorkflow.addStep(HelpFunction, {
  user_id: HelpWorkflow.inputs.user_id,
  channel_id: HelpWorkflow.inputs.channel_id,
});
