import type { Trigger } from "deno-slack-sdk/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import { IncidentActionWorkflow } from "../workflows/incident-action-workflow.ts";

/**
 * The incident cards' buttons. Create it once, then give its URL to the bridge as
 * SLACK_ACTIONS_TRIGGER_URL: each workflow_button fills `incident_id` and `action`.
 */
const trigger: Trigger<typeof IncidentActionWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "PagerDuty: incident action",
  description: "Used by the buttons of pagerslack incident cards",
  workflow: `#/workflows/${IncidentActionWorkflow.definition.callback_id}`,
  inputs: {
    incident_id: { customizable: true },
    action: { customizable: true },
    // `/pd note N text` (the bridge's slash command) fills it with action "note".
    note: { customizable: true },
    user_id: { value: TriggerContextData.Shortcut.user_id },
    channel_id: { value: TriggerContextData.Shortcut.channel_id },
    message_ts: { value: TriggerContextData.Shortcut.message_ts },
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
