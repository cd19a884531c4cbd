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
  /** 0 for the first message, 1 for the second page… */
  page: number;
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
 * Characters of lines per message. Slack refuses a message whose blocks total about 13,000 characters with
 * `msg_blocks_too_long`, a limit it does not document (github.com/slackapi/bolt-js/issues/2509: refused from
 * 13,172 characters with a divider, 13,297 without): 10,000 leaves room for the head, the button and markup.
 */
export const DIGEST_PAGE_TEXT = 10_000;
/** Most messages one digest spans; past them the rest is summarised. */
export const DIGEST_MAX_PAGES = 5;
const MAX_TITLE = 120;
const MAX_NAME = 80;
/** Open incidents first, then by number (newest last within a status, as they arrived). */
const STATUS_ORDER = { triggered: 0, acknowledged: 1, resolved: 2 } as const;

/**
 * The digest's messages, in order: one page while it fits, more when it does not (each page within Block Kit's
 * 50 blocks and DIGEST_PAGE_TEXT characters of lines), at most `maxPages`; what still does not fit is summarised
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

  // Section texts (each within a section's limit), grouped by service in order of their first incident, with the
  // lines each one shows.
  const byService = new Map<string, DigestLine[]>();
  for (const line of lines) {
    const key = line.snapshot.service.id || nameOf(line.snapshot.service);
    const group = byService.get(key) ?? [];
    group.push(line);
    byService.set(key, group);
  }
  const chunks: { text: string; lines: DigestLine[] }[] = [];
  for (const group of byService.values()) {
    group.sort((a, b) =>
      STATUS_ORDER[a.snapshot.status] - STATUS_ORDER[b.snapshot.status] ||
      a.snapshot.number - b.snapshot.number
    );
    let chunk = {
      text: `*${
        linkTo(group[0]!.snapshot.service, MAX_NAME)
      }* (${group.length})`,
      lines: [] as DigestLine[],
    };
    for (const line of group) {
      const rendered = digestLine(line);
      if (chunk.text.length + 1 + rendered.length > L.sectionText) {
        chunks.push(chunk);
        chunk = { text: "", lines: [] };
      }
      chunk.text = chunk.text ? `${chunk.text}\n${rendered}` : rendered;
      chunk.lines.push(line);
    }
    chunks.push(chunk);
  }

  // Pages: the first carries the head and the button; every page keeps a block free for "…and N more".
  const pages: { blocks: Block[]; lines: DigestLine[]; chars: number }[] = [];
  const newPage = () => {
    const first = pages.length === 0;
    const page = {
      blocks: first ? [...head] : [continued(pages.length + 1)],
      lines: [] as DigestLine[],
      chars: 0,
    };
    pages.push(page);
    return page;
  };
  const reserved = (page: { blocks: Block[] }) =>
    1 + (page === pages[0] && button ? 1 : 0);
  let page = newPage();
  let hidden = 0;
  for (const chunk of chunks) {
    const fits = page.blocks.length + reserved(page) < maxBlocks &&
      page.chars + chunk.text.length <= pageText;
    if (!fits) {
      if (pages.length >= maxPages) {
        hidden += chunk.lines.length;
        continue;
      }
      page = newPage();
    }
    page.blocks.push({ type: "section", text: mrkdwn(chunk.text) });
    page.lines.push(...chunk.lines);
    page.chars += chunk.text.length;
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
