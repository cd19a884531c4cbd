// The incident card: one Slack message per (incident, channel), edited in place as the incident changes.
import type { IncidentSnapshot } from "../incident/incident-snapshot.ts";
import type {
  ActionsBlock,
  Block,
  ContextBlock,
  MessageMetadata,
  Mrkdwn,
  WorkflowButton,
} from "./block-kit.ts";
import { BLOCK_KIT_LIMITS } from "./block-kit-limits.ts";
import {
  CARD_ACTION_INPUTS,
  CARD_ACTIONS,
  type CardAction,
} from "./card-actions.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import type { AlertContext } from "../pagerduty/read-alert-context.ts";
import { renderAlertContext } from "./render-alert-context.ts";
import { mrkdwnLink } from "./mrkdwn-link.ts";
import { slackDate } from "./slack-date.ts";
import { STATUS_DISPLAY, URGENCY_DISPLAY } from "./incident-status-display.ts";
import { joinWithin } from "./join-within.ts";
import { truncate } from "./truncate.ts";
import { linkTo, type Mentions, nameOf, userLabel } from "./user-label.ts";

/** `metadata.event_type` of every card: how the bridge finds its cards again (conversations.history). */
export const CARD_METADATA_EVENT_TYPE = "pagerduty_incident";

export interface CardMetadataPayload {
  incident_id: string;
  incident_number: number;
  status: IncidentSnapshot["status"];
  updated_at: string;
}

export interface RenderCardOptions {
  /** Responder channels get buttons; stakeholder channels never do. */
  kind: "responder" | "stakeholder";
  /** URL of the hosted app's "incident actions" link trigger; no buttons without it. */
  actionsTriggerUrl: string | null;
  /** PagerDuty user id → Slack user id. */
  mentions?: Mentions;
  /** The first alert's context from the monitoring tool (render-alert-context.ts); none until it is fetched. */
  alertContext?: AlertContext | null;
}

export interface RenderedCard {
  /** Fallback text for notifications and clients that cannot show blocks. */
  text: string;
  blocks: Block[];
  metadata: MessageMetadata<CardMetadataPayload> & {
    event_type: typeof CARD_METADATA_EVENT_TYPE;
  };
}

const L = BLOCK_KIT_LIMITS;
/** Longest a name may get inside a field, so several names and labels still fit. */
const MAX_NAME = 200;
/** Fallback text: a notification line, not a document. */
const MAX_FALLBACK = 300;

export function renderCard(
  snapshot: IncidentSnapshot,
  { kind, actionsTriggerUrl, mentions, alertContext }: RenderCardOptions,
): RenderedCard {
  const status = STATUS_DISPLAY[snapshot.status];
  const blocks: Block[] = [
    {
      type: "header",
      text: {
        type: "plain_text",
        text: truncate(`#${snapshot.number} ${snapshot.title}`, L.headerText),
        emoji: true,
      },
    },
    {
      type: "section",
      text: mrkdwn(
        `${status.emoji} *${status.label}* · ${
          pagerDutyLink(snapshot, `Open #${snapshot.number} in PagerDuty`)
        }`,
      ),
      fields: [
        field("Urgency", URGENCY_DISPLAY[snapshot.urgency]),
        field(
          "Priority",
          snapshot.priority
            ? escapeMrkdwn(nameOf(snapshot.priority), MAX_NAME)
            : "—",
        ),
        field("Service", linkTo(snapshot.service, MAX_NAME)),
        field(
          "Escalation policy",
          linkTo(snapshot.escalation_policy, MAX_NAME),
        ),
        field("Assigned to", assignees(snapshot, mentions)),
        // A time Slack renders in each reader's zone, not an age: an age computed here would freeze at the last
        // edit ("just now" six minutes later).
        field(
          "Triggered",
          slackDate(snapshot.created_at, "{date_short_pretty} at {time}"),
        ),
      ],
    },
    ...renderAlertContext(alertContext, { title: snapshot.title }),
    historyContext(snapshot),
  ];
  const origin = firstTriggerContext(snapshot);
  if (origin) blocks.push(origin);
  const actions = kind === "responder" && actionsTriggerUrl !== null &&
      snapshot.status !== "resolved"
    ? actionsBlock(snapshot, actionsTriggerUrl)
    : null;
  if (actions) blocks.push(actions);

  return {
    text: escapeMrkdwn(
      `${status.emoji} [${status.label}] #${snapshot.number} ${snapshot.title} (${
        nameOf(snapshot.service)
      })`,
      MAX_FALLBACK,
    ),
    blocks,
    metadata: {
      event_type: CARD_METADATA_EVENT_TYPE,
      event_payload: {
        incident_id: snapshot.id,
        incident_number: snapshot.number,
        status: snapshot.status,
        updated_at: snapshot.updated_at,
      },
    },
  };
}

function mrkdwn(text: string): Mrkdwn {
  return { type: "mrkdwn", text };
}

/** A link to the incident in PagerDuty; the label alone when the webhook gave no link. */
function pagerDutyLink(snapshot: IncidentSnapshot, label: string): string {
  return mrkdwnLink(snapshot.html_url, label);
}

/** A "*Label*\nvalue" field; `value` is already mrkdwn and sized by its builder. */
function field(label: string, value: string): Mrkdwn {
  return mrkdwn(`*${label}*\n${value}`);
}

function assignees(snapshot: IncidentSnapshot, mentions?: Mentions): string {
  if (snapshot.assignees.length === 0) {
    return snapshot.status === "resolved" ? "—" : "Nobody";
  }
  const budget = L.sectionFieldText - "*Assigned to*\n".length;
  return joinWithin(
    snapshot.assignees.map((a) =>
      userLabel(a, mentions, { maxName: MAX_NAME })
    ),
    budget,
  );
}

/**
 * "Acknowledged by …", "Resolved by …": names only, these people acted and need no ping. Times are Slack
 * date tokens: the card is edited only when the incident changes, so relative times would go stale.
 */
function historyContext(snapshot: IncidentSnapshot): ContextBlock {
  const elements: Mrkdwn[] = [];
  if (snapshot.acknowledged_by.length > 0) {
    const names = snapshot.acknowledged_by.map((a) =>
      a.agent ? escapeMrkdwn(nameOf(a.agent), MAX_NAME) : "PagerDuty"
    );
    const prefix = "Acknowledged by ";
    const last = snapshot.acknowledged_by.at(-1);
    const suffix = last ? ` at ${slackDate(last.at, "{time}")}` : "";
    elements.push(mrkdwn(
      prefix +
        joinWithin(names, L.contextText - prefix.length - suffix.length) +
        suffix,
    ));
  }
  if (snapshot.resolved_by) {
    const who = snapshot.resolved_by.agent
      ? escapeMrkdwn(nameOf(snapshot.resolved_by.agent), MAX_NAME)
      : "PagerDuty";
    elements.push(
      mrkdwn(
        `Resolved by ${who} at ${slackDate(snapshot.resolved_by.at, "{time}")}`,
      ),
    );
  }
  elements.push(mrkdwn(`Updated ${slackDate(snapshot.updated_at)}`));
  return { type: "context", elements };
}

/** The first trigger's title and service, shown once they differ from today's (they are kept after resolve). */
function firstTriggerContext(snapshot: IncidentSnapshot): ContextBlock | null {
  const first = snapshot.first_trigger;
  if (!first) return null;
  const parts: string[] = [];
  if (first.title !== snapshot.title) {
    parts.push(`“${escapeMrkdwn(first.title, 1000)}”`);
  }
  if (first.service.id !== snapshot.service.id) {
    parts.push(`on ${linkTo(first.service, MAX_NAME)}`);
  }
  if (parts.length === 0) return null;
  return {
    type: "context",
    elements: [mrkdwn(`First triggered as ${parts.join(" ")}`)],
  };
}

function actionsBlock(
  snapshot: IncidentSnapshot,
  triggerUrl: string,
): ActionsBlock {
  const wanted: CardAction[] = snapshot.status === "acknowledged"
    ? ["resolve", "more"]
    : ["acknowledge", "resolve", "more"];
  return {
    type: "actions",
    block_id: "pagerslack_incident_actions",
    elements: wanted.map((action) => button(snapshot.id, action, triggerUrl)),
  };
}

function button(
  incidentId: string,
  action: CardAction,
  triggerUrl: string,
): WorkflowButton {
  const { value, label, style } = CARD_ACTIONS[action];
  const element: WorkflowButton = {
    type: "workflow_button",
    text: { type: "plain_text", text: truncate(label, L.buttonText) },
    action_id: `pagerslack_${value}`,
    workflow: {
      trigger: {
        url: triggerUrl,
        customizable_input_parameters: [
          { name: CARD_ACTION_INPUTS.incidentId, value: incidentId },
          { name: CARD_ACTION_INPUTS.action, value },
        ],
      },
    },
  };
  if (style) element.style = style;
  return element;
}
