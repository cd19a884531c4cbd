import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import { FORM_WORKFLOW_INPUTS } from "./form-workflow-inputs.ts";
import { TriggerIncidentFunction } from "../functions/trigger-incident/mod.ts";

/** `/pd trigger`: Open a PagerDuty incident on a service. */
export const TriggerIncidentWorkflow = DefineWorkflow({
  callback_id: "trigger_incident_workflow",
  title: "Trigger an incident",
  description: "Open a PagerDuty incident on a service",
  input_parameters: {
    ...FORM_WORKFLOW_INPUTS,
    properties: {
      ...FORM_WORKFLOW_INPUTS.properties,
      /** Prefilled by `/pd trigger [title]`. */
      title: { type: Schema.types.string },
    },
  },
});

TriggerIncidentWorkflow.addStep(TriggerIncidentFunction, {
  user_id: TriggerIncidentWorkflow.inputs.user_id,
  channel_id: TriggerIncidentWorkflow.inputs.channel_id,
  interactivity: TriggerIncidentWorkflow.inputs.interactivity,
  title: TriggerIncidentWorkflow.inputs.title,
  pagerduty_access_token_id: { credential_source: "END_USER" },
});
