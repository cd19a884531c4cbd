import type { Trigger } from "deno-slack-sdk/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import { MyNotificationsWorkflow } from "../workflows/my-notifications-workflow.ts";

/** `slack trigger create --trigger-def slack-app/triggers/my-notifications-trigger.ts` */
const trigger: Trigger<typeof MyNotificationsWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "PagerDuty: my notifications",
  description: "Get the incidents assigned to you by direct message",
  workflow: `#/workflows/${MyNotificationsWorkflow.definition.callback_id}`,
  inputs: {
    user_id: { value: TriggerContextData.Shortcut.user_id },
    channel_id: { value: TriggerContextData.Shortcut.channel_id },
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
