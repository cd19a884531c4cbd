import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import {
  INCIDENT_DM_CHOICES,
  SaveNotificationsFunction,
} from "../functions/my-notifications/mod.ts";
import { FORM_WORKFLOW_INPUTS } from "./form-workflow-inputs.ts";

/** "My notifications": whether the bridge DMs you the incidents assigned to you (off until you choose). */
export const MyNotificationsWorkflow = DefineWorkflow({
  callback_id: "my_notifications_workflow",
  title: "My notifications",
  description: "Get the PagerDuty incidents assigned to you by direct message",
  input_parameters: FORM_WORKFLOW_INPUTS,
});

const form = MyNotificationsWorkflow.addStep(
  Schema.slack.functions.OpenForm,
  {
    title: "My notifications",
    submit_label: "Save",
    interactivity: MyNotificationsWorkflow.inputs.interactivity,
    description:
      "When PagerDuty assigns you an incident (or escalates one to you), pagerslack can send you its card by direct message, with the buttons, kept up to date. Needs your linked PagerDuty account.",
    fields: {
      elements: [{
        name: "incident_dms",
        title: "Incident DMs",
        type: Schema.types.string,
        enum: Object.keys(INCIDENT_DM_CHOICES),
        choices: Object.entries(INCIDENT_DM_CHOICES).map(([value, title]) => ({
          value,
          title,
        })),
        default: "all",
      }],
      required: ["incident_dms"],
    },
  },
);

MyNotificationsWorkflow.addStep(SaveNotificationsFunction, {
  user_id: MyNotificationsWorkflow.inputs.user_id,
  channel_id: MyNotificationsWorkflow.inputs.channel_id,
  incident_dms: form.outputs.fields.incident_dms,
});
