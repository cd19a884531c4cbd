// The monitoring tool's context on the card (issue 19, item 1): one section (severity, source, component, the
// alert summary when it says more than the title, a few custom details) and one context block of links. Every
// piece is foreign text: escaped, cut with an ellipsis, links only http(s) (mrkdwnLink), within Block Kit limits.
import type {
  AlertContext,
  AlertLink,
  AlertSeverity,
} from "../pagerduty/read-alert-context.ts";
import type { Block, ContextBlock, Mrkdwn, SectionBlock } from "./block-kit.ts";
import { BLOCK_KIT_LIMITS } from "./block-kit-limits.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { joinWithin } from "./join-within.ts";
import { mrkdwnLink, mrkdwnLinkUrl } from "./mrkdwn-link.ts";
import { truncate } from "./truncate.ts";

/** Severity as the card shows it: only critical is red; warning and info read as calmer colours. */
export const SEVERITY_DISPLAY: Record<
  AlertSeverity,
  { emoji: string; label: string }
> = {
  critical: { emoji: ":rotating_light:", label: "Critical" },
  error: { emoji: ":large_orange_circle:", label: "Error" },
  warning: { emoji: ":large_yellow_circle:", label: "Warning" },
  info: { emoji: ":large_blue_circle:", label: "Info" },
};

export const ALERT_CONTEXT_BLOCK_IDS = {
  section: "pagerslack_alert_context",
  links: "pagerslack_alert_links",
} as const;

/** What the card shows at most (the stored context keeps a little more). */
export const ALERT_CONTEXT_SHOWN = {
  details: 5,
  detailKey: 40,
  detailValue: 150,
  name: 150,
  summary: 500,
  links: 5,
  linkLabel: 60,
} as const;

const S = ALERT_CONTEXT_SHOWN;
const L = BLOCK_KIT_LIMITS;

/** Links whose text says what a responder opens first come first, in this order; the rest keep theirs. */
const LINK_PRIORITY: readonly RegExp[] = [
  /run ?book|play ?book/i,
  /dashboard/i,
];

const mrkdwn = (text: string): Mrkdwn => ({ type: "mrkdwn", text });

function linkRank(link: AlertLink): number {
  const label = `${link.text ?? ""} ${link.href}`;
  const i = LINK_PRIORITY.findIndex((re) => re.test(label));
  return i === -1 ? LINK_PRIORITY.length : i;
}

function linkLabel(link: AlertLink): string {
  if (link.text) return link.text;
  if (link.kind === "image") return "Graph";
  try {
    return new URL(link.href).host;
  } catch {
    return "Link";
  }
}

/** The same text up to case and spacing: the alert summary adds nothing when it repeats the title. */
const sameText = (a: string, b: string) =>
  a.replace(/\s+/g, " ").trim().toLowerCase() ===
    b.replace(/\s+/g, " ").trim().toLowerCase();

function sectionText(context: AlertContext, title: string): string | null {
  const lines: string[] = [];
  const head: string[] = [];
  if (context.severity) {
    const { emoji, label } = SEVERITY_DISPLAY[context.severity];
    head.push(`${emoji} *${label}*`);
  }
  if (context.source) {
    head.push(`*Source:* ${escapeMrkdwn(context.source, S.name)}`);
  }
  if (context.component) {
    head.push(`*Component:* ${escapeMrkdwn(context.component, S.name)}`);
  }
  if (head.length) lines.push(head.join(" · "));
  if (context.summary && !sameText(context.summary, title)) {
    lines.push(`“${escapeMrkdwn(context.summary, S.summary)}”`);
  }
  const shown = context.details.slice(0, S.details);
  for (const { key, value } of shown) {
    lines.push(
      `*${escapeMrkdwn(key, S.detailKey)}:* ${
        escapeMrkdwn(value, S.detailValue)
      }`,
    );
  }
  const more = context.detail_count - shown.length;
  if (more > 0) lines.push(`_and ${more} more in PagerDuty_`);
  if (lines.length === 0) return null;
  return truncate(lines.join("\n"), L.sectionText);
}

function linksContext(context: AlertContext): ContextBlock | null {
  const links = context.links
    .map((link, i) => ({ link, i }))
    .filter(({ link }) => mrkdwnLinkUrl(link.href) !== null)
    .sort((a, b) => linkRank(a.link) - linkRank(b.link) || a.i - b.i)
    .slice(0, S.links)
    .map(({ link }) => mrkdwnLink(link.href, linkLabel(link), S.linkLabel));
  if (links.length === 0) return null;
  const prefix = ":link: ";
  return {
    type: "context",
    block_id: ALERT_CONTEXT_BLOCK_IDS.links,
    elements: [
      mrkdwn(
        prefix +
          joinWithin(links, L.contextText - prefix.length, {
            separator: " · ",
          }),
      ),
    ],
  };
}

/**
 * The card's blocks for the first alert's context: none when the context is unknown (not fetched yet, or the
 * key may not read alerts) or says nothing the card does not already show.
 */
export function renderAlertContext(
  context: AlertContext | null | undefined,
  { title }: { title: string },
): Block[] {
  if (!context) return [];
  const blocks: Block[] = [];
  const text = sectionText(context, title);
  if (text) {
    const section: SectionBlock = {
      type: "section",
      block_id: ALERT_CONTEXT_BLOCK_IDS.section,
      text: mrkdwn(text),
    };
    blocks.push(section);
  }
  const links = linksContext(context);
  if (links) blocks.push(links);
  return blocks;
}
