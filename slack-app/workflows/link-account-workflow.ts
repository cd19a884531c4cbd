import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import { LinkAccountFunction } from "../functions/link-account/mod.ts";

/** `/pd link`: Slack asks the user to connect PagerDuty (END_USER credential), then the link is recorded. */
export const LinkAccountWorkflow = DefineWorkflow({
  callback_id: "link_account_workflow",
  title: "Link PagerDuty account",
  description: "Connect your Slack user to your PagerDuty user",
  input_parameters: {
    properties: {
      user_id: { type: Schema.slack.types.user_id },
      channel_id: { type: Schema.slack.types.channel_id },
    },
    required: ["user_id"],
  },
});

LinkAccountWorkflow.addStep(LinkAccountFunction, {
  user_id: LinkAccountWorkflow.inputs.user_id,
  channel_id: LinkAccountWorkflow.inputs.channel_id,
  pagerduty_access_token_id: { credential_source: "END_USER" },
});
