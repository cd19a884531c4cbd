import type { WorkflowTriggerName } from "../../shared/bridge-api/bridge-api-schemas.ts";

/**
 * Every entry point of the app: the `/pd` command it replaces, its link trigger definition, and the `env`
 * variable that may hold the trigger's URL once `slack trigger create` made it (the URL is not known before).
 * Help lists this table; the README's install steps follow it. "Set up pagerslack" registers every trigger with
 * the bridge, which is where Help and `/pd` find their URLs; the env variables are overrides from before setup
 * existed, and entry points added since have none.
 */
export interface EntryPoint {
  command: string;
  title: string;
  description: string;
  triggerFile: string;
  /** An override of the registered URL (`slack env add …`); absent for entry points newer than setup. */
  urlEnv?: string;
  /** The name the bridge knows the trigger by (its `/pd` answers link to it). */
  bridgeName: WorkflowTriggerName;
}

export const ENTRY_POINTS: readonly EntryPoint[] = [
  {
    command: "/pd trigger",
    title: "Trigger an incident",
    description: "Open a PagerDuty incident on a service",
    triggerFile: "slack-app/triggers/trigger-incident-trigger.ts",
    urlEnv: "TRIGGER_INCIDENT_TRIGGER_URL",
    bridgeName: "trigger_incident",
  },
  {
    command: "/pd oncall",
    title: "Who is on call",
    description:
      "On-call responders of a service or escalation policy, by level",
    triggerFile: "slack-app/triggers/who-is-on-call-trigger.ts",
    urlEnv: "ONCALL_TRIGGER_URL",
    bridgeName: "who_is_on_call",
  },
  {
    command: "/pd connect",
    title: "Connect this channel",
    description:
      "Choose which services or teams post incident cards here, and which updates",
    triggerFile: "slack-app/triggers/connect-channel-trigger.ts",
    urlEnv: "CONNECT_TRIGGER_URL",
    bridgeName: "connect_channel",
  },
  {
    command: "/pd link",
    title: "Link your PagerDuty account",
    description: "Act in PagerDuty from Slack as yourself",
    triggerFile: "slack-app/triggers/link-account-trigger.ts",
    urlEnv: "LINK_TRIGGER_URL",
    bridgeName: "link_account",
  },
  {
    command: "/pd unlink",
    title: "Unlink your PagerDuty account",
    description: "Forget the link and delete the stored token",
    triggerFile: "slack-app/triggers/unlink-account-trigger.ts",
    urlEnv: "UNLINK_TRIGGER_URL",
    bridgeName: "unlink_account",
  },
  {
    command: "/pd notifications",
    title: "My notifications",
    description:
      "Get the incidents PagerDuty assigns you by direct message, with their buttons (off until you choose)",
    triggerFile: "slack-app/triggers/my-notifications-trigger.ts",
    bridgeName: "my_notifications",
  },
  {
    command: "/pd invite",
    title: "Invite someone to PagerDuty",
    description: "Add a Slack user to the PagerDuty account (PagerDuty admins)",
    triggerFile: "slack-app/triggers/invite-user-trigger.ts",
    urlEnv: "INVITE_TRIGGER_URL",
    bridgeName: "invite_user",
  },
  {
    command: "/pd help",
    title: "Help",
    description: "This list",
    triggerFile: "slack-app/triggers/help-trigger.ts",
    urlEnv: "HELP_TRIGGER_URL",
    bridgeName: "help",
  },
];
