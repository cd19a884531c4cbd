// Update messages: what happened to an incident, posted in the card's thread (quiet) or in the channel.
import { asReference, asReferences, asText } from "../incident/as-reference.ts";
import type { IncidentSnapshot } from "../incident/incident-snapshot.ts";
import type { IncidentEventType } from "../pagerduty/event-types.ts";
import type {
  Reference,
  WebhookEvent,
  WebhookIncident,
  WebhookIncidentNote,
  WebhookIncidentResponder,
  WebhookIncidentStatusUpdate,
  WebhookIncidentWorkflowInstance,
} from "../pagerduty/webhook-event.ts";
import type { Block, ContextBlock, Mrkdwn } from "./block-kit.ts";
import { BLOCK_KIT_LIMITS } from "./block-kit-limits.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { STATUS_DISPLAY, statusDisplay } from "./incident-status-display.ts";
import { DETAIL_UPDATES } from "./render-detail-update.ts";
import { joinWithin } from "./join-within.ts";
import { mrkdwnLink, mrkdwnLinkUrl } from "./mrkdwn-link.ts";
import { truncate } from "./truncate.ts";
import { linkTo, type Mentions, nameOf, userLabel } from "./user-label.ts";

export interface RenderUpdateOptions {
  /** PagerDuty user id → Slack user id. The agent who acted is never mentioned, whatever this says. */
  mentions?: Mentions;
  /**
   * Permalink of the incident's card, when updates go to the channel instead of the card's thread: the
   * update then says which incident it is about.
   */
  cardPermalink?: string | null;
}

export interface RenderedUpdate {
  text: string;
  blocks: Block[];
}

export interface UpdateParts {
  /** One line of mrkdwn: what happened, who did it. */
  headline: string;
  /** User-written text (note, status update, responder message), shown as is in its own block. */
  body?: string | null;
  /** Small print under the body (e.g. "trimmed: read it in PagerDuty"). */
  footnote?: string | null;
}

export interface Context {
  event: WebhookEvent;
  snapshot: IncidentSnapshot;
  mentions: Mentions | undefined;
  /** The agent's name (never a mention), or "PagerDuty" for automation. */
  agent: string;
}

const L = BLOCK_KIT_LIMITS;
const MAX_NAME = 200;
const MAX_FALLBACK = 300;

// The event's data is the webhook's, not the reducer's: every reference and text in it is read with
// asReference / asText, so an unforeseen shape drops a detail instead of failing the message for good.
function workflowName(c: Context): string {
  const workflow = asReference(
    (c.event.data as WebhookIncidentWorkflowInstance).incident_workflow,
  );
  return workflow ? `*${escapeMrkdwn(nameOf(workflow), MAX_NAME)}*` : "";
}

/** Back to triggered: red for high urgency, blue for low, as on the card. */
function triggeredEmoji(c: Context): string {
  const urgency = (incidentData(c)?.urgency ?? c.snapshot.urgency) === "low"
    ? "low"
    : "high";
  return statusDisplay({ status: "triggered", urgency }).emoji;
}

/**
 * How each event type reads. `incident.triggered` has no update: the card itself announces the incident.
 * Types not listed here (new PagerDuty types) produce no message.
 */

const UPDATES: Partial<
  Record<IncidentEventType, (c: Context) => UpdateParts | null>
> = {
  "incident.acknowledged": (c) => ({
    headline:
      `${STATUS_DISPLAY.acknowledged.emoji} *Acknowledged* by ${c.agent}`,
  }),
  "incident.unacknowledged": (c) => ({
    headline: `${triggeredEmoji(c)} *Unacknowledged*${
      c.event.agent ? ` by ${c.agent}` : " (acknowledgement timed out)"
    }`,
  }),
  "incident.resolved": (c) => {
    const mergedInto = asReference(incidentData(c)?.resolve_reason?.incident);
    const merged = mergedInto
      ? ` (merged into ${linkTo(mergedInto, MAX_NAME)})`
      : "";
    return {
      headline:
        `${STATUS_DISPLAY.resolved.emoji} *Resolved* by ${c.agent}${merged}`,
    };
  },
  "incident.reopened": (c) => ({
    headline: `${triggeredEmoji(c)} *Reopened* by ${c.agent}`,
  }),
  "incident.escalated": (c) => ({
    headline: `:arrow_double_up: *Escalated* to ${assignees(c)}${
      c.event.agent ? ` by ${c.agent}` : ""
    }`,
  }),
  "incident.reassigned": (c) => ({
    headline: `:busts_in_silhouette: *Reassigned* to ${
      assignees(c)
    } by ${c.agent}`,
  }),
  "incident.delegated": (c) => {
    const policy = asReference(incidentData(c)?.escalation_policy);
    return {
      headline: `:arrow_right: *Delegated* to ${
        policy ? linkTo(policy, MAX_NAME) : "another escalation policy"
      } by ${c.agent} · now assigned to ${assignees(c)}`,
    };
  },
  "incident.priority_updated": (c) => {
    const priority = asReference(incidentData(c)?.priority);
    return {
      headline: `:label: *Priority* set to ${
        priority ? `*${escapeMrkdwn(nameOf(priority), MAX_NAME)}*` : "none"
      } by ${c.agent}`,
    };
  },
  "incident.annotated": (c) => {
    const note = c.event.data as WebhookIncidentNote;
    return {
      headline: `:memo: *Note* from ${c.agent}`,
      body: asText(note.content),
      footnote: note.trimmed ? trimmedFootnote(c, "note") : null,
    };
  },
  "incident.workflow.started": (c) => ({
    headline: `:gear: *Incident workflow* ${
      workflowName(c)
    } started by ${c.agent}`,
  }),
  "incident.workflow.completed": (c) => ({
    headline: `:gear: *Incident workflow* ${workflowName(c)} completed`,
  }),
  "incident.status_update_published": (c) => {
    const update = c.event.data as WebhookIncidentStatusUpdate;
    return {
      headline: `:mega: *Status update* from ${c.agent}`,
      body: asText(update.message),
      footnote: update.trimmed ? trimmedFootnote(c, "status update") : null,
    };
  },
  "incident.responder.added": (c) => {
    const r = c.event.data as WebhookIncidentResponder;
    const user = asReference(r.user);
    const policy = asReference(r.escalation_policy);
    const requester = asReference(r.requester);
    const target = user
      ? person(c, user)
      : policy
      ? linkTo(policy, MAX_NAME)
      : "a responder";
    const asker = requester ? person(c, requester) : c.agent;
    return {
      headline: `:sos: ${asker} asked ${target} to help`,
      body: asText(r.message),
    };
  },
  "incident.service_updated": (c) => {
    const service = asReference(incidentData(c)?.service);
    return {
      headline: `:twisted_rightwards_arrows: *Moved* to ${
        service ? linkTo(service, MAX_NAME) : "another service"
      } by ${c.agent}`,
    };
  },
  "incident.incident_type.changed": (c) => {
    const type = incidentData(c)?.incident_type;
    const name = typeof type?.name === "string" && type.name !== ""
      ? `*${escapeMrkdwn(type.name, MAX_NAME)}*`
      : "another type";
    return {
      headline: `:card_index: *Incident type* set to ${name} by ${c.agent}`,
    };
  },
  ...DETAIL_UPDATES,
  "incident.responder.replied": (c) => {
    const r = c.event.data as WebhookIncidentResponder;
    const user = asReference(r.user);
    // The person replying is the one acting: a name, never a ping.
    const who = user ? escapeMrkdwn(nameOf(user), MAX_NAME) : c.agent;
    const verdict = r.state === "accepted"
      ? ":white_check_mark: accepted"
      : r.state === "declined"
      ? ":no_entry_sign: declined"
      : "answered";
    return { headline: `${who} ${verdict} the request to help` };
  },
};

/** The update message for `event`, or null when the event type has none (the card covers it). */
export function renderUpdate(
  event: WebhookEvent,
  snapshot: IncidentSnapshot,
  { mentions, cardPermalink = null }: RenderUpdateOptions = {},
): RenderedUpdate | null {
  const build = UPDATES[event.event_type as IncidentEventType];
  if (!build) return null;
  const agentRef = asReference(event.agent);
  const agent = agentRef
    ? escapeMrkdwn(nameOf(agentRef), MAX_NAME)
    : "PagerDuty";
  const parts = build({ event, snapshot, mentions, agent });
  if (!parts) return null;

  const blocks: Block[] = [{
    type: "section",
    text: mrkdwn(truncateMrkdwnLine(parts.headline, L.sectionText)),
  }];
  if (parts.body) {
    blocks.push({
      type: "section",
      text: mrkdwn(escapeMrkdwn(parts.body, L.sectionText)),
    });
  }
  const small: Mrkdwn[] = [];
  if (parts.footnote) small.push(mrkdwn(parts.footnote));
  if (cardPermalink) {
    small.push(mrkdwn(
      mrkdwnLink(cardPermalink, `#${snapshot.number} ${snapshot.title}`, 150),
    ));
  }
  if (small.length > 0) {
    blocks.push({ type: "context", elements: small } satisfies ContextBlock);
  }
  const fallbackBody = parts.body
    ? `: ${escapeMrkdwn(parts.body, MAX_FALLBACK)}`
    : "";
  return {
    text: truncateMrkdwnLine(
      `#${snapshot.number} ${parts.headline}${fallbackBody}`,
      MAX_FALLBACK,
    ),
    blocks,
  };
}

function mrkdwn(text: string): Mrkdwn {
  return { type: "mrkdwn", text };
}

function incidentData(c: Context): WebhookIncident | null {
  const data = c.event.data as { type?: string } | null;
  return data?.type === "incident" ? (data as WebhookIncident) : null;
}

/** A user other than the agent: mentioned when mapped (the agent never is). */
function person(c: Context, ref: Reference): string {
  return userLabel(ref, c.mentions, {
    noMention: ref.id === asReference(c.event.agent)?.id,
    maxName: MAX_NAME,
  });
}

function assignees(c: Context): string {
  const listed = incidentData(c)?.assignees;
  const list = Array.isArray(listed)
    ? asReferences(listed)
    : c.snapshot.assignees;
  if (list.length === 0) return "nobody";
  return joinWithin(list.map((a) => person(c, a)), 1000);
}

function trimmedFootnote(c: Context, what: string): string {
  const where = mrkdwnLinkUrl(c.snapshot.html_url) === null
    ? "read it in full there"
    : mrkdwnLink(c.snapshot.html_url, "read it in full");
  return `This ${what} was shortened by PagerDuty: ${where}`;
}

/**
 * Cuts a line built from escaped pieces and links without leaving half an entity, mention or link: the
 * cut falls before any `<` or `&` that would be split.
 */
function truncateMrkdwnLine(line: string, max: number): string {
  if (line.length <= max) return line;
  let cut = truncate(line, max).slice(0, -1);
  const open = cut.lastIndexOf("<");
  if (open > cut.lastIndexOf(">")) cut = cut.slice(0, open);
  const amp = cut.lastIndexOf("&");
  if (amp > cut.lastIndexOf(";")) cut = cut.slice(0, amp);
  return cut + "…";
}
