// The incident card: one Slack message per (incident, channel), edited in place as the incident changes.
import type { IncidentSnapshot } from "../incident/incident-snapshot.ts";
import type {
  ActionsBlock,
  Block,
  ContextBlock,
  HeaderBlock,
  MessageMetadata,
  Mrkdwn,
  SectionBlock,
  WorkflowButton,
} from "./block-kit.ts";
import { BLOCK_KIT_LIMITS, blocksTextLength } from "./block-kit-limits.ts";
import {
  CARD_ACTION_INPUTS,
  CARD_ACTIONS,
  type CardAction,
} from "./card-actions.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import type { AlertContext } from "../pagerduty/read-alert-context.ts";
import { renderAlertContext } from "./render-alert-context.ts";
import { renderAlertCount } from "./render-alert-count.ts";
import { mrkdwnLink } from "./mrkdwn-link.ts";
import { slackDate } from "./slack-date.ts";
import { statusDisplay, URGENCY_DISPLAY } from "./incident-status-display.ts";
import { incidentDuration } from "./incident-duration.ts";
import { joinWithin } from "./join-within.ts";
import { renderConferenceBridge } from "./render-conference-bridge.ts";
import { renderResponseFields } from "./render-response-fields.ts";
import { renderTasks } from "./render-tasks.ts";
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

/** PagerDuty's base incident type: every incident has it, so the card names only the others. */
const BASE_INCIDENT_TYPE = "incident_default";

/**
 * Open incidents: the header, then status, urgency, priority, assignees and service before anything else,
 * then what the response has gathered (bridge, roles, custom fields, tasks), then history and the buttons.
 * Resolved ones get the compact card: who resolved it, when, how long it lasted, no buttons.
 */
export function renderCard(
  snapshot: IncidentSnapshot,
  options: RenderCardOptions,
): RenderedCard {
  const blocks = snapshot.status === "resolved"
    ? resolvedBlocks(snapshot)
    : openBlocks(snapshot, options);
  const status = statusDisplay(snapshot);
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

function openBlocks(
  snapshot: IncidentSnapshot,
  { kind, actionsTriggerUrl, mentions, alertContext }: RenderCardOptions,
): Block[] {
  const present = (blocks: (Block | null)[]) =>
    blocks.filter((b): b is Block => b !== null);
  // The monitoring tool's context right under the summary: what fired, where, and its runbook.
  const head = present([
    header(snapshot),
    summarySection(snapshot, mentions),
    ...renderAlertContext(alertContext, { title: snapshot.title }),
  ]);
  const tail = present([
    historyContext(snapshot),
    firstTriggerContext(snapshot),
    kind === "responder" && actionsTriggerUrl !== null
      ? actionsBlock(snapshot, actionsTriggerUrl)
      : null,
  ]);
  // The response's details share what is left under the summed-text length Slack refuses past
  // (BLOCK_KIT_LIMITS.blocksTextSafe), in the order a responder needs them: bridge, people and fields, tasks.
  let room = L.blocksTextSafe - blocksTextLength([...head, ...tail]);
  const details: Block[] = [];
  for (
    const build of [
      (max: number) => renderConferenceBridge(snapshot, max),
      (max: number) => renderResponseFields(snapshot, mentions, max),
      (max: number) => renderTasks(snapshot, max),
    ]
  ) {
    const block = build(room);
    if (!block) continue;
    details.push(block);
    room -= blocksTextLength([block]);
  }
  return [...head, ...details, ...tail];
}

function resolvedBlocks(snapshot: IncidentSnapshot): Block[] {
  const sections: (Block | null)[] = [
    header(snapshot),
    resolvedSection(snapshot),
    resolvedContext(snapshot),
    firstTriggerContext(snapshot),
  ];
  return sections.filter((b): b is Block => b !== null);
}

function header(snapshot: IncidentSnapshot): HeaderBlock {
  return {
    type: "header",
    text: {
      type: "plain_text",
      text: truncate(`#${snapshot.number} ${snapshot.title}`, L.headerText),
      emoji: true,
    },
  };
}

/** Status line, then the fields in the order a responder reads them. */
function summarySection(
  snapshot: IncidentSnapshot,
  mentions: Mentions | undefined,
): SectionBlock {
  const status = statusDisplay(snapshot);
  const urgency = URGENCY_DISPLAY[snapshot.urgency];
  const fields: Mrkdwn[] = [
    field(
      "Urgency",
      `${urgency.emoji} ${
        snapshot.urgency === "high" ? `*${urgency.label}*` : urgency.label
      }`,
    ),
    field(
      "Priority",
      snapshot.priority
        ? escapeMrkdwn(nameOf(snapshot.priority), MAX_NAME)
        : "—",
    ),
    field("Assigned to", assignees(snapshot, mentions)),
    field("Service", linkTo(snapshot.service, MAX_NAME)),
    field("Escalation policy", escalation(snapshot)),
    // A time Slack renders in each reader's zone, not an age: an age computed here would freeze at the last
    // edit ("just now" six minutes later).
    field(
      "Triggered",
      slackDate(snapshot.created_at, "{date_short_pretty} at {time}"),
    ),
  ];
  const type = incidentType(snapshot);
  if (type !== null) fields.push(field("Incident type", type));
  const alerts = renderAlertCount(snapshot.alert_counts);
  if (alerts !== null) fields.push(field("Alerts", alerts));
  return {
    type: "section",
    text: mrkdwn(
      `${status.emoji} *${status.label}* · ${
        pagerDutyLink(snapshot, `Open #${snapshot.number} in PagerDuty`)
      }`,
    ),
    fields,
  };
}

/** The policy, and (when the bridge could tell from PagerDuty's on-call list) the level and who is next. */
function escalation(snapshot: IncidentSnapshot): string {
  const policy = linkTo(snapshot.escalation_policy, MAX_NAME);
  const standing = snapshot.escalation;
  if (!standing) return policy;
  const level = `Level ${standing.level} of ${standing.levels}`;
  // Names, not mentions: being next is no reason to be pinged on every edit.
  const next = standing.next.length === 0 ? "last level" : `next: ${
    joinWithin(
      standing.next.map((u) => escapeMrkdwn(nameOf(u), 100)),
      L.sectionFieldText - "*Escalation policy*\n".length - policy.length -
        level.length - 20,
    )
  }`;
  return `${policy}\n${level} · ${next}`;
}

function incidentType(snapshot: IncidentSnapshot): string | null {
  const type = snapshot.incident_type;
  if (!type || type === BASE_INCIDENT_TYPE) return null;
  return escapeMrkdwn(type, MAX_NAME);
}

/** `:large_green_circle: *Resolved* by Carol at 10:20 · lasted 20 min · Open #1042 in PagerDuty`. */
function resolvedSection(snapshot: IncidentSnapshot): SectionBlock {
  const status = statusDisplay(snapshot);
  const resolved = snapshot.resolved_by;
  const by = resolved
    ? ` by ${
      resolved.agent
        ? escapeMrkdwn(nameOf(resolved.agent), MAX_NAME)
        : "PagerDuty"
    } ${slackDate(resolved.at, "{date_short_pretty} at {time}")}`
    : "";
  const lasted = incidentDuration(
    snapshot.created_at,
    resolved?.at ?? snapshot.updated_at,
  );
  const parts = [
    `${status.emoji} *${status.label}*${by}`,
    ...(lasted ? [`lasted ${lasted}`] : []),
    pagerDutyLink(snapshot, `Open #${snapshot.number} in PagerDuty`),
  ];
  return { type: "section", text: mrkdwn(parts.join(" · ")) };
}

/** Service, urgency, priority and type in one small line: enough to tell resolved incidents apart. */
function resolvedContext(snapshot: IncidentSnapshot): ContextBlock {
  const parts = [
    linkTo(snapshot.service, MAX_NAME),
    `${URGENCY_DISPLAY[snapshot.urgency].label} urgency`,
  ];
  if (snapshot.priority) {
    parts.push(escapeMrkdwn(nameOf(snapshot.priority), MAX_NAME));
  }
  const type = incidentType(snapshot);
  if (type !== null) parts.push(type);
  return { type: "context", elements: [mrkdwn(parts.join(" · "))] };
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
 * "Acknowledged by …" on open cards (resolved ones say who resolved in their summary): names only, these people acted and need no ping. Times are Slack
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
): ActionsBlock | null {
  if (snapshot.status === "resolved") return null;
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
