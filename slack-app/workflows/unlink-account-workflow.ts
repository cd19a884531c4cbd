import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import { UnlinkAccountFunction } from "../functions/unlink-account/mod.ts";

/** `/pd unlink`. */
export const UnlinkAccountWorkflow = DefineWorkflow({
  callback_id: "unlink_account_workflow",
  title: "Unlink PagerDuty account",
  description: "Forget your PagerDuty link and delete its token",
  input_parameters: {
    properties: {
      user_id: { type: Schema.slack.types.user_id },
      channel_id: { type: Schema.slack.types.channel_id },
    },
    required: ["user_id"],
  },
});

UnlinkAccountWorkflow.addStep(UnlinkAccountFunction, {
  user_id: UnlinkAccountWorkflow.inputs.user_id,
  channel_id: UnlinkAccountWorkflow.inputs.channel_id,
  pagerduty_access_token_id: { credential_source: "END_USER" },
});
