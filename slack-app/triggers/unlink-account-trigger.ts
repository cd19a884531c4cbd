import type { Trigger } from "deno-slack-sdk/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import { UnlinkAccountWorkflow } from "../workflows/unlink-account-workflow.ts";

/** `slack trigger create --trigger-def slack-app/triggers/unlink-account-trigger.ts` */
const trigger: Trigger<typeof UnlinkAccountWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "PagerDuty: unlink account (/pd unlink)",
  description: "Forget your PagerDuty link and delete its token",
  workflow: `#/workflows/${UnlinkAccountWorkflow.definition.callback_id}`,
  inputs: {
    user_id: { value: TriggerContextData.Shortcut.user_id },
    channel_id: { value: TriggerContextData.Shortcut.channel_id },
  },
};

export default trigger;
