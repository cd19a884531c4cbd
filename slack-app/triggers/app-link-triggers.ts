import type { WorkflowTriggerName } from "../../shared/bridge-api/bridge-api-schemas.ts";
import connectChannelTrigger from "./connect-channel-trigger.ts";
import helpTrigger from "./help-trigger.ts";
import incidentActionTrigger from "./incident-action-trigger.ts";
import inviteUserTrigger from "./invite-user-trigger.ts";
import linkAccountTrigger from "./link-account-trigger.ts";
import myNotificationsTrigger from "./my-notifications-trigger.ts";
import triggerIncidentTrigger from "./trigger-incident-trigger.ts";
import unlinkAccountTrigger from "./unlink-account-trigger.ts";
import whoIsOnCallTrigger from "./who-is-on-call-trigger.ts";

/** What "Set up pagerslack" sends to `workflows.triggers.create` (a trigger file's default export). */
export interface LinkTriggerDefinition {
  type: string;
  name: string;
  description?: string;
  workflow: string;
  inputs?: Record<string, { value?: unknown; customizable?: boolean }>;
}

/**
 * Every link trigger the setup workflow makes, by the name the bridge knows it by. The definitions are the very
 * objects `slack trigger create --trigger-def slack-app/triggers/…` reads, so the files and the setup cannot
 * drift. The setup trigger itself is not here: the admin creates that one by hand.
 */
export const APP_LINK_TRIGGERS: ReadonlyArray<
  { bridgeName: WorkflowTriggerName; definition: LinkTriggerDefinition }
> = [
  { bridgeName: "trigger_incident", definition: triggerIncidentTrigger },
  { bridgeName: "who_is_on_call", definition: whoIsOnCallTrigger },
  { bridgeName: "connect_channel", definition: connectChannelTrigger },
  { bridgeName: "link_account", definition: linkAccountTrigger },
  { bridgeName: "unlink_account", definition: unlinkAccountTrigger },
  { bridgeName: "invite_user", definition: inviteUserTrigger },
  { bridgeName: "help", definition: helpTrigger },
  { bridgeName: "incident_action", definition: incidentActionTrigger },
  { bridgeName: "my_notifications", definition: myNotificationsTrigger },
];

/** `#/workflows/<callback_id>` → `<callback_id>`. */
export function workflowCallbackId(definition: LinkTriggerDefinition): string {
  return definition.workflow.replace(/^#\/workflows\//, "");
}
