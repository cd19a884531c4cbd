import type { Trigger } from "deno-slack-sdk/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import { InviteUserWorkflow } from "../workflows/invite-user-workflow.ts";

/** `slack trigger create --trigger-def slack-app/triggers/invite-user-trigger.ts` */
const trigger: Trigger<typeof InviteUserWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "PagerDuty: invite someone to pagerduty (/pd invite)",
  description: "Add a Slack user to the PagerDuty account",
  workflow: `#/workflows/${InviteUserWorkflow.definition.callback_id}`,
  inputs: {
    user_id: { value: TriggerContextData.Shortcut.user_id },
    channel_id: { value: TriggerContextData.Shortcut.channel_id },
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
    // `/pd invite @user` (the bridge's slash command) fills in whom to invite.
    invitee: { customizable: true },
  },
};

export default trigger;
