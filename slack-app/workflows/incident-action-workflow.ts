import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import { IncidentActionFunction } from "../functions/incident-action/mod.ts";

/**
 * Started by the incident cards' workflow_buttons (the bridge sends `incident_id` and `action` as
 * customizable inputs) with the clicked card's channel and ts.
 */
export const IncidentActionWorkflow = DefineWorkflow({
  callback_id: "incident_action_workflow",
  title: "PagerDuty incident action",
  description: "Acknowledge, resolve or act on an incident from its card",
  input_parameters: {
    properties: {
      incident_id: { type: Schema.types.string },
      action: { type: Schema.types.string },
      /** With action "note" (`/pd note N text`): the note to add; with "resolve_now" (`/pd resolve N text`): the resolution note. */
      note: { type: Schema.types.string },
      user_id: { type: Schema.slack.types.user_id },
      channel_id: { type: Schema.slack.types.channel_id },
      message_ts: { type: Schema.types.string },
      interactivity: { type: Schema.slack.types.interactivity },
    },
    required: ["incident_id", "action", "user_id", "interactivity"],
  },
});

IncidentActionWorkflow.addStep(IncidentActionFunction, {
  incident_id: IncidentActionWorkflow.inputs.incident_id,
  action: IncidentActionWorkflow.inputs.action,
  note: IncidentActionWorkflow.inputs.note,
  user_id: IncidentActionWorkflow.inputs.user_id,
  channel_id: IncidentActionWorkflow.inputs.channel_id,
  message_ts: IncidentActionWorkflow.inputs.message_ts,
  interactivity: IncidentActionWorkflow.inputs.interactivity,
  pagerduty_access_token_id: { credential_source: "END_USER" },
});
