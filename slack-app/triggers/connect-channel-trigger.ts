import type { Trigger } from "deno-slack-sdk/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import { ConnectChannelWorkflow } from "../workflows/connect-channel-workflow.ts";

/** `slack trigger create --trigger-def slack-app/triggers/connect-channel-trigger.ts` */
const trigger: Trigger<typeof ConnectChannelWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "PagerDuty: connect this channel (/pd connect)",
  description:
    "Choose which PagerDuty services or teams post incident cards here",
  workflow: `#/workflows/${ConnectChannelWorkflow.definition.callback_id}`,
  inputs: {
    user_id: { value: TriggerContextData.Shortcut.user_id },
    channel_id: { value: TriggerContextData.Shortcut.channel_id },
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
