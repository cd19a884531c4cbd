// The `/pd` sub-commands that hand over to a hosted workflow: an ephemeral answer with one workflow_button,
// its trigger's customizable inputs prefilled (title, invitee, incident and action). The button runs the
// workflow as the person who clicks it, with their own PagerDuty link (or Slack's "connect your account").
import type { WorkflowTriggerName } from "../../shared/bridge-api/bridge-api-schemas.ts";
import {
  CARD_ACTION_INPUTS,
  CARD_ACTIONS,
  NOTE_ACTION,
  RESOLVE_NOW_ACTION,
} from "../../shared/cards/card-actions.ts";
import { escapeMrkdwn } from "../../shared/cards/escape-mrkdwn.ts";
import { slackMention } from "../../shared/cards/slack-mention.ts";
import { truncate } from "../../shared/cards/truncate.ts";
import type { WorkflowTriggerUrls } from "../triggers/workflow-trigger-store.ts";
import type { FindIncidentResult } from "./find-incident.ts";
import type { IncidentVerb } from "./parse-pd-command.ts";
import { PD_ENTRIES, workflowButton } from "./pd-entries.ts";
import type { SlashAnswer } from "./slash-command.ts";

/** The customizable inputs the link triggers declare (slack-app/triggers/*.ts). */
export const TRIGGER_INPUTS = {
  title: "title",
  invitee: "invitee",
} as const;

/** Incident verbs → the incident action workflow's `action` input (shared/cards/card-actions.ts and `note`). */
const INCIDENT_ACTIONS: Readonly<
  Record<IncidentVerb, { action: string; label: string; verb: string }>
> = {
  ack: {
    action: CARD_ACTIONS.acknowledge.value,
    label: "Acknowledge",
    verb: "Acknowledge",
  },
  resolve: {
    action: RESOLVE_NOW_ACTION,
    label: "Resolve",
    verb: "Resolve",
  },
  note: { action: NOTE_ACTION, label: "Add the note", verb: "Add a note to" },
};

/** The text input limit of the trigger form's title (PagerDuty allows more; Slack's field is what we prefill). */
const MAX_TITLE = 255;

export function notRegistered(trigger: WorkflowTriggerName): SlashAnswer {
  const usage = PD_ENTRIES.find((e) => e.trigger === trigger)?.usage
    .split(" ").slice(0, 2).join(" ") ?? "This";
  return {
    text:
      `:electric_plug: \`${usage}\` needs the pagerslack app's workflow link, which the app has not registered with this bridge yet: an admin runs the Connect workflow once (its shortcut) after \`slack trigger create\`.`,
  };
}

function buttonAnswer(
  text: string,
  button: ReturnType<typeof workflowButton>,
): SlashAnswer {
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      { type: "actions", elements: [button] },
    ],
  };
}

/** `/pd link`, `/pd unlink`, `/pd connect`, `/pd notifications`, `/pd invite @user`. */
export function simpleWorkflowAnswer(
  triggers: WorkflowTriggerUrls,
  trigger:
    | "link_account"
    | "unlink_account"
    | "connect_channel"
    | "my_notifications"
    | "invite_user",
  { invitee, isDirect }: { invitee?: string | null; isDirect: boolean },
): SlashAnswer {
  const url = triggers[trigger];
  if (!url) return notRegistered(trigger);
  const entry = PD_ENTRIES.find((e) => e.trigger === trigger)!;
  if (entry.channelsOnly && isDirect) {
    return {
      text:
        ":information_source: Incident cards go to channels, not direct messages: type `/pd connect` in the channel that should get them.",
    };
  }
  if (trigger === "invite_user") {
    const inputs: Record<string, string> = invitee
      ? { [TRIGGER_INPUTS.invitee]: invitee }
      : {};
    const who = slackMention(invitee) ?? "someone";
    return buttonAnswer(
      `Invite ${who} to PagerDuty (PagerDuty admins can):${
        invitee
          ? ""
          : " the form asks who. Next time, `/pd invite @name` fills it in."
      }`,
      workflowButton(entry.button, url, inputs, "primary"),
    );
  }
  const texts = {
    link_account:
      "Link your Slack account to your PagerDuty user, so what you do here is done as you:",
    unlink_account:
      "Unlink your PagerDuty account (pagerslack forgets the link and deletes its token):",
    connect_channel:
      "Choose which PagerDuty services or teams post incident cards in this channel:",
    my_notifications:
      "Choose whether pagerslack DMs you the incidents PagerDuty assigns you (all, high urgency only, or none):",
  } as const;
  return buttonAnswer(texts[trigger], workflowButton(entry.button, url));
}

/** `/pd trigger [title]`. */
export function triggerAnswer(
  triggers: WorkflowTriggerUrls,
  { title, connected, isDirect }: {
    title: string;
    connected: boolean;
    isDirect: boolean;
  },
): SlashAnswer {
  const url = triggers.trigger_incident;
  if (!url) return notRegistered("trigger_incident");
  const inputs: Record<string, string> = title
    ? { [TRIGGER_INPUTS.title]: truncate(title, MAX_TITLE) }
    : {};
  const titled = title ? ` "${escapeMrkdwn(truncate(title, MAX_TITLE))}"` : "";
  const text = connected
    ? `Open the incident${titled} on this channel's service: the form is filled in, check it and submit.`
    : `${
      isDirect
        ? "This is a direct message"
        : "This channel is not connected to a PagerDuty service"
    }, so there is no service to open the incident${titled} on here. Choose the service in the form, or have an admin type \`/pd connect\` in the channel the incident belongs to; its cards then post there.`;
  return buttonAnswer(
    text,
    workflowButton("Trigger an incident", url, inputs, "primary"),
  );
}

/** `/pd ack|resolve|note [number] [note]`. */
export function incidentAnswer(
  triggers: WorkflowTriggerUrls,
  { verb, found, note, number }: {
    verb: IncidentVerb;
    found: FindIncidentResult;
    note: string;
    number: number | null;
  },
): SlashAnswer {
  if (!found.ok) {
    const texts = {
      no_number:
        `:grey_question: Which incident? Give its number, as in \`/pd ${verb} 1234\` (in an incident channel the number can be left out).`,
      not_found: `:mag: PagerDuty has no incident #${number ?? ""}.`,
      pagerduty_down:
        `PagerDuty did not answer, so I could not find incident #${
          number ?? ""
        }: try again in a minute.`,
    } as const;
    return { text: texts[found.reason] };
  }
  const url = triggers.incident_action;
  if (!url) return notRegistered("incident_action");
  if (verb === "note" && !note) {
    return {
      text: "What should the note say? `/pd note 1234 rolled back to v41`.",
    };
  }
  const { action, label, verb: sentence } = INCIDENT_ACTIONS[verb];
  const { incident } = found;
  const name = `${incident.number ? `#${incident.number}` : incident.id}${
    incident.title ? ` *${escapeMrkdwn(incident.title)}*` : ""
  }`;
  const inputs: Record<string, string> = {
    [CARD_ACTION_INPUTS.incidentId]: incident.id,
    [CARD_ACTION_INPUTS.action]: action,
    ...(note && verb !== "ack" ? { [CARD_ACTION_INPUTS.note]: note } : {}),
  };
  return buttonAnswer(
    `${sentence} ${name}${
      note && verb !== "ack" ? `: "${escapeMrkdwn(note)}"` : ""
    }? It is done as you, in PagerDuty.`,
    workflowButton(
      `${label}${incident.number ? ` #${incident.number}` : ""}`,
      url,
      inputs,
      verb === "resolve" ? "danger" : "primary",
    ),
  );
}
