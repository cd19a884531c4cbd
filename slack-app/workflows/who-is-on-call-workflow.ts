import { DefineWorkflow } from "deno-slack-sdk/mod.ts";
import { FORM_WORKFLOW_INPUTS } from "./form-workflow-inputs.ts";
import { WhoIsOnCallFunction } from "../functions/who-is-on-call/mod.ts";

/** `/pd oncall`: On-call responders of a service or escalation policy, by level. */
export const WhoIsOnCallWorkflow = DefineWorkflow({
  callback_id: "who_is_on_call_workflow",
  title: "Who is on call",
  description: "On-call responders of a service or escalation policy, by level",
  input_parameters: FORM_WORKFLOW_INPUTS,
});

WhoIsOnCallWorkflow.addStep(WhoIsOnCallFunction, {
  user_id: WhoIsOnCallWorkflow.inputs.user_id,
  channel_id: WhoIsOnCallWorkflow.inputs.channel_id,
  interactivity: WhoIsOnCallWorkflow.inputs.interactivity,
  pagerduty_access_token_id: { credential_source: "END_USER" },
});
