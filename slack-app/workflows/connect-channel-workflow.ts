import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import { ConnectChannelFunction } from "../functions/connect-channel/mod.ts";

/** `/pd connect`: Choose which PagerDuty services or teams post incident cards here. */
export const ConnectChannelWorkflow = DefineWorkflow({
  callback_id: "connect_channel_workflow",
  title: "Connect this channel",
  description:
    "Choose which PagerDuty services or teams post incident cards here",
  input_parameters: {
    properties: {
      user_id: { type: Schema.slack.types.user_id },
      channel_id: { type: Schema.slack.types.channel_id },
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["user_id", "channel_id", "interactivity"],
  },
});

ConnectChannelWorkflow.addStep(ConnectChannelFunction, {
  user_id: ConnectChannelWorkflow.inputs.user_id,
  channel_id: ConnectChannelWorkflow.inputs.channel_id,
  interactivity: ConnectChannelWorkflow.inputs.interactivity,
  pagerduty_access_token_id: { credential_source: "END_USER" },
});
