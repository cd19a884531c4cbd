import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import { WhoIsOnCallFunction } from "../functions/who-is-on-call/mod.ts";

/** `/pd oncall`: On-call responders of a service or escalation policy, by level. */
export const WhoIsOnCallWorkflow = DefineWorkflow({
  callback_id: "who_is_on_call_workflow",
  title: "Who is on call",
  description: "On-call responders of a service or escalation policy, by level",
  input_parameters: {
    properties: {
      user_id: { type: Schema.slack.types.user_id },
      channel_id: { type: Schema.slack.types.channel_id },
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["user_id", "interactivity"],
  },
});

WhoIsOnCallWorkflow.addStep(WhoIsOnCallFunction, {
  user_id: WhoIsOnCallWorkflow.inputs.user_id,
  channel_id: WhoIsOnCallWorkflow.inputs.channel_id,
  interactivity: WhoIsOnCallWorkflow.inputs.interactivity,
  pagerduty_access_token_id: { credential_source: "END_USER" },
});
