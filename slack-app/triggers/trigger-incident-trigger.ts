import type { Trigger } from "deno-slack-sdk/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import { TriggerIncidentWorkflow } from "../workflows/trigger-incident-workflow.ts";

/** `slack trigger create --trigger-def slack-app/triggers/trigger-incident-trigger.ts` */
const trigger: Trigger<typeof TriggerIncidentWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "PagerDuty: trigger an incident (/pd trigger)",
  description: "Open a PagerDuty incident on a service",
  workflow: `#/workflows/${TriggerIncidentWorkflow.definition.callback_id}`,
  inputs: {
    user_id: { value: TriggerContextData.Shortcut.user_id },
    channel_id: { value: TriggerContextData.Shortcut.channel_id },
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
    // `/pd trigger [title]` (the bridge's slash command) fills in the title.
    title: { customizable: true },
  },
};

export default trigger;
