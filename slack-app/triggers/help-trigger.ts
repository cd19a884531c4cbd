import type { Trigger } from "deno-slack-sdk/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import { HelpWorkflow } from "../workflows/help-workflow.ts";

/** `slack trigger create --trigger-def slack-app/triggers/help-trigger.ts` */
const trigger: Trigger<typeof HelpWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "PagerDuty: pagerslack help (/pd help)",
  description: "Every pagerslack entry point with its link",
  workflow: `#/workflows/${HelpWorkflow.definition.callback_id}`,
  inputs: {
    user_id: { value: TriggerContextData.Shortcut.user_id },
    channel_id: { value: TriggerContextData.Shortcut.channel_id },
  },
};

export default trigger;
