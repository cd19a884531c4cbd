import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import { FORM_WORKFLOW_INPUTS } from "./form-workflow-inputs.ts";
import { InviteUserFunction } from "../functions/invite-user/mod.ts";

/** `/pd invite`: Add a Slack user to the PagerDuty account. */
export const InviteUserWorkflow = DefineWorkflow({
  callback_id: "invite_user_workflow",
  title: "Invite someone to PagerDuty",
  description: "Add a Slack user to the PagerDuty account",
  input_parameters: {
    ...FORM_WORKFLOW_INPUTS,
    properties: {
      ...FORM_WORKFLOW_INPUTS.properties,
      /** Prefilled by `/pd invite @user`. */
      invitee: { type: Schema.slack.types.user_id },
    },
  },
});

InviteUserWorkflow.addStep(InviteUserFunction, {
  user_id: InviteUserWorkflow.inputs.user_id,
  channel_id: InviteUserWorkflow.inputs.channel_id,
  interactivity: InviteUserWorkflow.inputs.interactivity,
  invitee: InviteUserWorkflow.inputs.invitee,
  pagerduty_access_token_id: { credential_source: "END_USER" },
});
