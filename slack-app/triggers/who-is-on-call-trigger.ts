import type { Trigger } from "deno-slack-sdk/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import { WhoIsOnCallWorkflow } from "../workflows/who-is-on-call-workflow.ts";

/** `slack trigger create --trigger-def slack-app/triggers/who-is-on-call-trigger.ts` */
const trigger: Trigger<typeof WhoIsOnCallWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "PagerDuty: who is on call (/pd oncall)",
  description: "On-call responders of a service or escalation policy, by level",
  workflow: `#/workflows/${WhoIsOnCallWorkflow.definition.callback_id}`,
  inputs: {
    user_id: { value: TriggerContextData.Shortcut.user_id },
    channel_id: { value: TriggerContextData.Shortcut.channel_id },
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
