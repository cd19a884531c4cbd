// The storm digest: one message listing a storm's incidents in a channel (bridge/outbox/storm-digest.ts), grouped
// by service, one line each (status, number, title linked to PagerDuty, who acknowledged, a link to the incident's
// own card when it has one), edited in place as they change. Within Slack's limits: lines that do not fit one
// message go on a second page (message), and past DIGEST_MAX_PAGES are summarised as "…and N more" with a link to
// PagerDuty's incident list.
import type { IncidentSnapshot } from "../incident/incident-snapshot.ts";
import type {
  ActionsBlock,
  Block,
  MessageMetadata,
  Mrkdwn,
} from "./block-kit.ts";
import { BLOCK_KIT_LIMITS, blocksTextLength } from "./block-kit-limits.ts";
import {
  ACK_ALL_ACTION,
  CARD_ACTION_INPUTS,
  DIGEST_ACK_ALL_MAX_IDS,
} from "./card-actions.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { STATUS_DISPLAY, statusDisplay } from "./incident-status-display.ts";
import { joinWithin } from "./join-within.ts";
import { mrkdwnLink, mrkdwnLinkUrl } from "./mrkdwn-link.ts";
import { slackDate } from "./slack-date.ts";
import { truncate } from "./truncate.ts";
import { linkTo, nameOf } from "./user-label.ts";

/** `metadata.event_type` of a digest: how the bridge finds it again after a lost answer. */
export const DIGEST_METADATA_EVENT_TYPE = "pagerduty_incident_digest";

export interface DigestMetadataPayload {
  digest_id: number;
  /** 0 for the first message, 1 for the second page… */
  page: number;
  /** Every incident the message shows: [id, status, updated_at] (what a reader of the channel sees). */
  incidents: [string, IncidentSnapshot["status"], string][];
}

export interface DigestLine {
  snapshot: IncidentSnapshot;
  /** Permalink of the incident's own card, once it has one. */
  cardPermalink: string | null;
  /**
   * PagerDuty escalated it by itself (its policy's timeout) while it is listed here: the line says to whom, as
   * long as it is triggered (bridge/jobs/own-card-events.ts).
   */
  autoEscalated?: boolean;
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
  /** Pages already posted: never fewer pages than this. */
  minPages?: number;
  /** Test seams: the block budget per page (Block Kit allows 50), pages, characters of lines per page. */
  maxBlocks?: number;
  maxPages?: number;
  pageText?: number;
}

export interface RenderedDigest {
  text: string;
  blocks: Block[];
  metadata: MessageMetadata<DigestMetadataPayload> & {
    event_type: typeof DIGEST_METADATA_EVENT_TYPE;
  };
}

const L = BLOCK_KIT_LIMITS;
/**
 * Characters of block text per message, everything counted (header, context, service headers, lines, button).
 * Slack refuses a message whose blocks' text sums past an undocumented limit with `msg_blocks_too_long`:
 * from 13,172 characters in github.com/slackapi/bolt-js/issues/2509, from about 11,300 in
 * github.com/slackapi/bolt-js/issues/2867. Pages are packed under BLOCK_KIT_LIMITS.blocksTextSafe (11,000).
 */
export const DIGEST_PAGE_TEXT = L.blocksTextSafe;
/** Longest digest line (links and title are cut to fit), so pages can be packed by count. */
export const DIGEST_LINE_MAX = 200;
/** Lines per section: a service header and this many lines stay within a section's 3,000 characters. */
const LINES_PER_SECTION = 13;
/** Most messages one digest spans; past them the rest is summarised. */
export const DIGEST_MAX_PAGES = 5;
const MAX_TITLE = 80;
const MAX_NAME = 80;

/**
 * The digest's messages, in order: one page while it fits, more when it does not (each page within Block Kit's
 * 50 blocks and DIGEST_PAGE_TEXT characters of block text), at most `maxPages`; what still does not fit is summarised
 * on the last page as "…and N more" with a link to PagerDuty's incident list. `minPages` keeps pages already
 * posted (a page never disappears: an emptied one says so).
 */
export function renderDigest(
  lines: readonly DigestLine[],
  options: RenderDigestOptions,
): RenderedDigest[] {
  const maxBlocks = options.maxBlocks ?? L.blocksPerMessage;
  const maxPages = options.maxPages ?? DIGEST_MAX_PAGES;
  const pageText = options.pageText ?? DIGEST_PAGE_TEXT;
  const counts = { triggered: 0, acknowledged: 0, resolved: 0 };
  for (const { snapshot } of lines) counts[snapshot.status] += 1;
  const open = counts.triggered + counts.acknowledged;

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

  // Lines in a stable order (services by their first incident, then by number), each counted at its longest
  // (DIGEST_LINE_MAX) when packing, so a status change edits the one page that shows
  // the incident and never moves lines from page to page.
  const byService = new Map<string, DigestLine[]>();
  const ordered = [...lines].sort((a, b) =>
    a.snapshot.number - b.snapshot.number
  );
  for (const line of ordered) {
    const key = line.snapshot.service.id || nameOf(line.snapshot.service);
    const group = byService.get(key) ?? [];
    group.push(line);
    byService.set(key, group);
  }
  // The button acknowledges: only still-triggered incidents (acknowledging an acknowledged one changes nothing),
  // in the order the digest shows them, so after one click the next ones on screen are the ones it carries.
  const triggeredIds = [...byService.values()].flat()
    .filter((l) => l.snapshot.status === "triggered")
    .map((l) => l.snapshot.id);
  const button = options.kind === "responder" &&
      options.actionsTriggerUrl !== null && triggeredIds.length > 0
    ? ackAllBlock(triggeredIds, options.actionsTriggerUrl)
    : null;
  /** "…and N more: see them in PagerDuty" with its link, kept free on every page. */
  const moreReserve = moreText(lines.length, lines).length;
  const buttonText = button ? blocksTextLength([button]) : 0;
  type Section = { header: string; lines: DigestLine[]; texts: string[] };
  type Page = {
    blocks: Block[];
    sections: Section[];
    lines: DigestLine[];
    /** Block text the page holds, with every line counted at DIGEST_LINE_MAX (+1 for its newline). */
    used: number;
  };
  const pages: Page[] = [];
  const newPage = (): Page => {
    const blocks = pages.length === 0
      ? [...head]
      : [continued(pages.length + 1)];
    const page: Page = {
      blocks,
      sections: [],
      lines: [],
      used: blocksTextLength(blocks) + moreReserve +
        (pages.length === 0 ? buttonText : 0),
    };
    pages.push(page);
    return page;
  };
  /** Blocks a page keeps free: "…and N more", and the button on the first page. */
  const reserved = (page: Page) => 1 + (page === pages[0] && button ? 1 : 0);
  const blocksOf = (page: Page) => page.blocks.length + page.sections.length;
  let page = newPage();
  let hidden = 0;
  for (const group of byService.values()) {
    const service = group[0]!.snapshot.service;
    const header = `*${linkTo(service, MAX_NAME)}* (${group.length})`;
    let section: Section | null = null;
    for (const line of group) {
      const newSection = !section || section.lines.length >= LINES_PER_SECTION;
      // Measured, not counted: the section header this line may open, and the line at its longest, so a later
      // status change (a longer line) never pushes the page past Slack's limit or moves lines between pages.
      const needed = DIGEST_LINE_MAX + 1 +
        (newSection ? `${header} _continued_`.length + 1 : 0);
      if (
        (page.lines.length > 0 && page.used + needed > pageText) ||
        (newSection && blocksOf(page) + reserved(page) >= maxBlocks)
      ) {
        if (pages.length >= maxPages) {
          hidden += 1;
          continue;
        }
        page = newPage();
        section = null;
      }
      if (!section || section.lines.length >= LINES_PER_SECTION) {
        section = {
          header: page.sections.length === 0 && section === null
            ? header
            : `${header} _continued_`,
          lines: [],
          texts: [],
        };
        page.sections.push(section);
        page.used += section.header.length + 1;
      }
      page.used += DIGEST_LINE_MAX + 1;
      section.lines.push(line);
      section.texts.push(digestLine(line));
      page.lines.push(line);
    }
  }
  for (const p of pages) {
    for (const section of p.sections) {
      p.blocks.push({
        type: "section",
        text: mrkdwn([section.header, ...section.texts].join("\n")),
      });
    }
  }
  while (pages.length < (options.minPages ?? 1)) {
    newPage().blocks.push({
      type: "context",
      elements: [
        mrkdwn("Nothing more: the storm's incidents are listed above."),
      ],
    });
  }
  const last = pages.at(-1)!;
  if (hidden > 0) {
    last.blocks.push({
      type: "context",
      elements: [mrkdwn(moreText(hidden, lines))],
    });
  }
  if (button) pages[0]!.blocks.push(button);

  return pages.map((p, index) => ({
    text: escapeMrkdwn(
      index === 0
        ? `Incident storm: ${lines.length} incidents (${counts.triggered} triggered, ${counts.acknowledged} acknowledged, ${counts.resolved} resolved)`
        : `Incident storm, continued (page ${index + 1})`,
    ),
    blocks: p.blocks,
    metadata: {
      event_type: DIGEST_METADATA_EVENT_TYPE,
      event_payload: {
        digest_id: options.digestId,
        page: index,
        incidents: p.lines.map(({ snapshot }) => [
          snapshot.id,
          snapshot.status,
          snapshot.updated_at,
        ]),
      },
    },
  }));
}

function continued(pageNumber: number): Block {
  return {
    type: "context",
    elements: [mrkdwn(`*Incident storm, continued* (page ${pageNumber})`)],
  };
}

/**
 * `:red_circle: *Triggered* · <url|#12 Title> · acknowledged by Ann · <card|its card>`, at most DIGEST_LINE_MAX
 * characters: the title is cut first, then the link to the card, then the link to PagerDuty go.
 */
export function digestLine(
  { snapshot, cardPermalink, autoEscalated }: DigestLine,
): string {
  // As on the card: a low-urgency triggered incident is not red.
  const status = statusDisplay(snapshot);
  // V3 webhooks carry no escalation level: who it is assigned to now is what the escalation changed.
  const escalated = autoEscalated && snapshot.status === "triggered"
    ? `escalated to ${
      snapshot.assignees.length > 0
        ? joinWithin(
          snapshot.assignees.map((a) => escapeMrkdwn(nameOf(a), 40)),
          60,
        )
        : "the next level"
    }`
    : null;
  const acked =
    snapshot.status !== "triggered" && snapshot.acknowledged_by.length > 0
      ? `acknowledged by ${
        joinWithin(
          snapshot.acknowledged_by.map((a) =>
            a.agent ? escapeMrkdwn(nameOf(a.agent), 40) : "PagerDuty"
          ),
          60,
        )
      }`
      : null;
  const card = mrkdwnLinkUrl(cardPermalink);
  const build = (title: number, withCard: boolean, withUrl: boolean) =>
    [
      `${status.emoji} *${status.label}*`,
      mrkdwnLink(
        withUrl ? snapshot.html_url : null,
        `#${snapshot.number} ${snapshot.title}`,
        title,
      ),
      ...(acked ? [acked] : []),
      ...(escalated ? [escalated] : []),
      ...(card && withCard ? [mrkdwnLink(cardPermalink, "its card")] : []),
    ].join(" · ");
  for (
    const [title, withCard, withUrl] of [
      [MAX_TITLE, true, true],
      [40, true, true],
      [40, false, true],
    ] as const
  ) {
    const line = build(title, withCard, withUrl);
    if (line.length <= DIGEST_LINE_MAX) return line;
  }
  // Status, a 40-character label and at most 76 characters of names (acknowledgers or, for a triggered
  // incident, assignees: never both): always within the bound.
  return build(40, false, false);
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
          carried.length < ids.length
            ? `Acknowledge first ${carried.length} of ${ids.length} triggered`
            : `Acknowledge all triggered (${carried.length})`,
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
