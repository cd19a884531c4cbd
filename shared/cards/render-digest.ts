// The storm digest: one message listing a storm's incidents in a channel (bridge/outbox/storm-digest.ts), grouped
// by service, one line each (status, number, title linked to PagerDuty, who acknowledged, a link to the incident's
// own card when it has one), edited in place as they change. Within Block Kit's limits: lines that do not fit are
// summarised as "…and N more" with a link to PagerDuty's incident list.
import type { IncidentSnapshot } from "../incident/incident-snapshot.ts";
import type {
  ActionsBlock,
  Block,
  MessageMetadata,
  Mrkdwn,
} from "./block-kit.ts";
import { BLOCK_KIT_LIMITS } from "./block-kit-limits.ts";
import {
  ACK_ALL_ACTION,
  CARD_ACTION_INPUTS,
  DIGEST_ACK_ALL_MAX_IDS,
} from "./card-actions.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { STATUS_DISPLAY } from "./incident-status-display.ts";
import { joinWithin } from "./join-within.ts";
import { mrkdwnLink, mrkdwnLinkUrl } from "./mrkdwn-link.ts";
import { slackDate } from "./slack-date.ts";
import { truncate } from "./truncate.ts";
import { linkTo, nameOf } from "./user-label.ts";

/** `metadata.event_type` of a digest: how the bridge finds it again after a lost answer. */
export const DIGEST_METADATA_EVENT_TYPE = "pagerduty_incident_digest";

export interface DigestMetadataPayload {
  digest_id: number;
  /** Every incident the message shows: [id, status, updated_at] (what a reader of the channel sees). */
  incidents: [string, IncidentSnapshot["status"], string][];
}

export interface DigestLine {
  snapshot: IncidentSnapshot;
  /** Permalink of the incident's own card, once it has one. */
  cardPermalink: string | null;
}

export interface RenderDigestOptions {
  digestId: number;
  /** Responder channels get the "Acknowledge all open" button; stakeholder channels never do. */
  kind: "responder" | "stakeholder";
  /** The hosted app's "incident actions" link trigger; no button without it. */
  actionsTriggerUrl: string | null;
  /** When the digest's content was read: shown in the reader's time zone. */
  asOf: Date;
  /** The storm is over: new incidents get cards again. */
  closed: boolean;
  /** Test seam: the block budget (Block Kit allows 50). */
  maxBlocks?: number;
}

export interface RenderedDigest {
  text: string;
  blocks: Block[];
  metadata: MessageMetadata<DigestMetadataPayload> & {
    event_type: typeof DIGEST_METADATA_EVENT_TYPE;
  };
}

const L = BLOCK_KIT_LIMITS;
const MAX_TITLE = 120;
const MAX_NAME = 80;
/** Open incidents first, then by number (newest last within a status, as they arrived). */
const STATUS_ORDER = { triggered: 0, acknowledged: 1, resolved: 2 } as const;

export function renderDigest(
  lines: readonly DigestLine[],
  options: RenderDigestOptions,
): RenderedDigest {
  const maxBlocks = options.maxBlocks ?? L.blocksPerMessage;
  const counts = { triggered: 0, acknowledged: 0, resolved: 0 };
  for (const { snapshot } of lines) counts[snapshot.status] += 1;
  const open = counts.triggered + counts.acknowledged;
  const openIds = lines.filter((l) => l.snapshot.status !== "resolved")
    .map((l) => l.snapshot.id);

  const head: Block[] = [
    {
      type: "header",
      text: {
        type: "plain_text",
        text: truncate(
          `Incident storm: ${lines.length} incidents, ${open} open`,
          L.headerText,
        ),
        emoji: true,
      },
    },
    {
      type: "context",
      elements: [
        mrkdwn(
          `${STATUS_DISPLAY.triggered.emoji} ${counts.triggered} triggered · ${STATUS_DISPLAY.acknowledged.emoji} ${counts.acknowledged} acknowledged · ${STATUS_DISPLAY.resolved.emoji} ${counts.resolved} resolved · as of ${
            slackDate(options.asOf, "{date_short_pretty} {time_secs}")
          }`,
        ),
        mrkdwn(
          options.closed
            ? "The storm is over: new incidents get their own cards again. This list stays current."
            : "Too many new incidents at once for a card each: they are listed here and kept current. An incident someone works on gets its own card.",
        ),
      ],
    },
  ];
  const button = options.kind === "responder" &&
      options.actionsTriggerUrl !== null && openIds.length > 0
    ? ackAllBlock(openIds, options.actionsTriggerUrl)
    : null;

  // Group by service, services in order of their first incident.
  const byService = new Map<string, DigestLine[]>();
  for (const line of lines) {
    const key = line.snapshot.service.id || nameOf(line.snapshot.service);
    const group = byService.get(key) ?? [];
    group.push(line);
    byService.set(key, group);
  }
  // Blocks left for the service sections: the head, the button and one "…and N more" block are kept free.
  const sectionBudget = maxBlocks - head.length - (button ? 1 : 0) - 1;
  const sections: Block[] = [];
  const shown: DigestLine[] = [];
  let hidden = 0;
  for (const group of byService.values()) {
    group.sort((a, b) =>
      STATUS_ORDER[a.snapshot.status] - STATUS_ORDER[b.snapshot.status] ||
      a.snapshot.number - b.snapshot.number
    );
    const service = group[0]!.snapshot.service;
    let text = `*${linkTo(service, MAX_NAME)}* (${group.length})`;
    const flush = () => {
      sections.push({ type: "section", text: mrkdwn(text) });
      text = "";
    };
    for (const [i, line] of group.entries()) {
      const rendered = digestLine(line);
      const full = sections.length >= sectionBudget;
      if (full) {
        hidden += group.length - i;
        text = "";
        break;
      }
      if (text.length + 1 + rendered.length > L.sectionText) {
        flush();
        if (sections.length >= sectionBudget) {
          hidden += group.length - i;
          break;
        }
      }
      text = text ? `${text}\n${rendered}` : rendered;
      shown.push(line);
    }
    if (text) {
      if (sections.length < sectionBudget) flush();
      else {
        // The service's last lines found no block: they are summarised too.
        const lost = text.split("\n").length;
        hidden += lost;
        shown.splice(shown.length - lost, lost);
      }
    }
  }
  const blocks: Block[] = [...head, ...sections];
  if (hidden > 0) {
    blocks.push({
      type: "context",
      elements: [mrkdwn(moreText(hidden, lines))],
    });
  }
  if (button) blocks.push(button);

  return {
    text: escapeMrkdwn(
      `Incident storm: ${lines.length} incidents (${counts.triggered} triggered, ${counts.acknowledged} acknowledged, ${counts.resolved} resolved)`,
    ),
    blocks,
    metadata: {
      event_type: DIGEST_METADATA_EVENT_TYPE,
      event_payload: {
        digest_id: options.digestId,
        incidents: shown.map(({ snapshot }) => [
          snapshot.id,
          snapshot.status,
          snapshot.updated_at,
        ]),
      },
    },
  };
}

/** `:red_circle: *Triggered* · <url|#12 Title> · acknowledged by Ann · <card>` */
export function digestLine({ snapshot, cardPermalink }: DigestLine): string {
  const status = STATUS_DISPLAY[snapshot.status];
  const parts = [
    `${status.emoji} *${status.label}*`,
    mrkdwnLink(
      snapshot.html_url,
      `#${snapshot.number} ${truncate(snapshot.title, MAX_TITLE)}`,
    ),
  ];
  if (snapshot.status !== "triggered" && snapshot.acknowledged_by.length > 0) {
    const names = snapshot.acknowledged_by.map((a) =>
      a.agent ? escapeMrkdwn(nameOf(a.agent), MAX_NAME) : "PagerDuty"
    );
    parts.push(`acknowledged by ${joinWithin(names, 300)}`);
  }
  const card = mrkdwnLinkUrl(cardPermalink);
  if (card) parts.push(`<${card}|its card>`);
  return parts.join(" · ");
}

function moreText(hidden: number, lines: readonly DigestLine[]): string {
  const list = incidentListUrl(lines);
  const more = `…and ${hidden} more`;
  return list ? `${more}: ${mrkdwnLink(list, "see them in PagerDuty")}` : more;
}

/** PagerDuty's incident list, on the account the incidents' own links point to. */
function incidentListUrl(lines: readonly DigestLine[]): string | null {
  for (const { snapshot } of lines) {
    try {
      return new URL("/incidents", snapshot.html_url).href;
    } catch {
      continue;
    }
  }
  return null;
}

function ackAllBlock(ids: readonly string[], triggerUrl: string): ActionsBlock {
  const carried = ids.slice(0, DIGEST_ACK_ALL_MAX_IDS);
  return {
    type: "actions",
    block_id: "pagerslack_digest_actions",
    elements: [{
      type: "workflow_button",
      text: {
        type: "plain_text",
        text: truncate(
          `Acknowledge all open (${carried.length})`,
          L.buttonText,
        ),
      },
      action_id: `pagerslack_${ACK_ALL_ACTION}`,
      style: "primary",
      workflow: {
        trigger: {
          url: triggerUrl,
          customizable_input_parameters: [
            { name: CARD_ACTION_INPUTS.incidentId, value: carried.join(",") },
            { name: CARD_ACTION_INPUTS.action, value: ACK_ALL_ACTION },
          ],
        },
      },
    }],
  };
}

function mrkdwn(text: string): Mrkdwn {
  return { type: "mrkdwn", text };
}
