import type { Trigger } from "deno-slack-sdk/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import { LinkAccountWorkflow } from "../workflows/link-account-workflow.ts";

/** `slack trigger create --trigger-def slack-app/triggers/link-account-trigger.ts` */
const trigger: Trigger<typeof LinkAccountWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "PagerDuty: link account (/pd link)",
  description: "Link your Slack user to your PagerDuty user",
  workflow: `#/workflows/${LinkAccountWorkflow.definition.callback_id}`,
  inputs: {
    user_id: { value: TriggerContextData.Shortcut.user_id },
    channel_id: { value: TriggerContextData.Shortcut.channel_id },
  },
};

export default trigger;
