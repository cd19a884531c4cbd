// What `/pd` offers, in one table: the help lists it, each answer's button starts the entry's hosted workflow
// through its registered link trigger (shared/bridge-api WORKFLOW_TRIGGER_NAMES). Words follow PagerDuty's own
// Slack integration, whose commands people already type.
import type { WorkflowTriggerName } from "../../shared/bridge-api/bridge-api-schemas.ts";
import type { WorkflowButton } from "../../shared/cards/block-kit.ts";
import { truncate } from "../../shared/cards/truncate.ts";
import { BLOCK_KIT_LIMITS } from "../../shared/cards/block-kit-limits.ts";

export interface PdEntry {
  usage: string;
  description: string;
  /** The hosted workflow behind it; `oncall` is also answered by the bridge itself. */
  trigger: WorkflowTriggerName;
  button: string;
  /** Only means something in a channel: a DM offers no button for it (nothing is connected to a DM). */
  channelsOnly?: true;
}

export const PD_ENTRIES: readonly PdEntry[] = [
  {
    usage: "/pd trigger [title]",
    description: "Open a PagerDuty incident on a service",
    trigger: "trigger_incident",
    button: "Trigger an incident",
  },
  {
    usage: "/pd oncall [service or escalation policy]",
    description: "Who is on call now, by level",
    trigger: "who_is_on_call",
    button: "Who is on call",
  },
  {
    usage: "/pd ack|resolve 1234, /pd note 1234 text",
    description:
      "Act on an incident (the number can be left out in its incident channel)",
    trigger: "incident_action",
    button: "",
  },
  {
    usage: "/pd connect",
    description: "Choose which services or teams post incident cards here",
    trigger: "connect_channel",
    button: "Connect this channel",
    channelsOnly: true,
  },
  {
    usage: "/pd link",
    description: "Link your PagerDuty account, to act as yourself",
    trigger: "link_account",
    button: "Link your account",
  },
  {
    usage: "/pd unlink",
    description: "Forget the link and delete the stored token",
    trigger: "unlink_account",
    button: "Unlink your account",
  },
  {
    usage: "/pd notifications",
    description:
      "Get the incidents assigned to you by direct message (My notifications)",
    trigger: "my_notifications",
    button: "My notifications",
  },
  {
    usage: "/pd invite @user",
    description: "Add a Slack user to the PagerDuty account (admins)",
    trigger: "invite_user",
    button: "Invite to PagerDuty",
  },
];

/**
 * A button into a hosted workflow. The channel and the clicker reach the workflow from the trigger's context
 * (the message the button is in); `inputs` fill the trigger's `customizable: true` inputs.
 * https://docs.slack.dev/reference/block-kit/block-elements/workflow-button-element
 */
export function workflowButton(
  label: string,
  url: string,
  inputs: Readonly<Record<string, string>> = {},
  style?: "primary" | "danger",
): WorkflowButton {
  const params = Object.entries(inputs).map(([name, value]) => ({
    name,
    value,
  }));
  return {
    type: "workflow_button",
    text: {
      type: "plain_text",
      text: truncate(label, BLOCK_KIT_LIMITS.buttonText),
    },
    action_id: `pd_${label.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`,
    ...(style ? { style } : {}),
    workflow: {
      trigger: {
        url,
        ...(params.length > 0 ? { customizable_input_parameters: params } : {}),
      },
    },
  };
}
