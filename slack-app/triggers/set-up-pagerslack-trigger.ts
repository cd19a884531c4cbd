import type { Trigger } from "deno-slack-sdk/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import { SetUpPagerslackWorkflow } from "../workflows/set-up-pagerslack-workflow.ts";

/**
 * The one trigger an admin creates by hand, after `slack deploy`:
 * `slack trigger create --trigger-def slack-app/triggers/set-up-pagerslack-trigger.ts`. Its workflow creates
 * every other link trigger (slack-app/functions/set-up-pagerslack/).
 */
const trigger: Trigger<typeof SetUpPagerslackWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "PagerDuty: set up pagerslack (admins)",
  description:
    "Creates pagerslack's links, registers them with the bridge and posts the help",
  workflow: `#/workflows/${SetUpPagerslackWorkflow.definition.callback_id}`,
  inputs: {
    user_id: { value: TriggerContextData.Shortcut.user_id },
    channel_id: { value: TriggerContextData.Shortcut.channel_id },
    interactivity: { value: TriggerContextData.Shortcut.interactivity },
  },
};

export default trigger;
