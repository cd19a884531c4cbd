// Who holds which incident role, and the incident's custom field values, as section fields: what PagerDuty's
// newer card lists under the incident. Role names, field labels and values are account or user input:
// escaped and cut to fit a field. Unassigned roles and empty values are left out.
import type { IncidentSnapshot } from "../incident/incident-snapshot.ts";
import type { Mrkdwn, SectionBlock } from "./block-kit.ts";
import { BLOCK_KIT_LIMITS } from "./block-kit-limits.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { mrkdwnLink } from "./mrkdwn-link.ts";
import { type Mentions, nameOf, userLabel } from "./user-label.ts";

const L = BLOCK_KIT_LIMITS;
const MAX_LABEL = 100;
/** A value longer than this is cut: the card is a summary, PagerDuty has the rest. */
const MAX_VALUE = 300;

/**
 * Roles then custom fields, at most one section's worth of fields and `maxText` characters in all (the last
 * field says how many more are in PagerDuty), or null when there is none or nothing fits.
 */
export function renderResponseFields(
  snapshot: IncidentSnapshot,
  mentions?: Mentions,
  maxText = Infinity,
): SectionBlock | null {
  const fields: Mrkdwn[] = [];
  for (const { role, assignee } of snapshot.roles ?? []) {
    if (!assignee) continue;
    // Role holders are mentioned like assignees: they are the people to talk to.
    fields.push(field(
      nameOf(role),
      userLabel(assignee, mentions, { maxName: MAX_VALUE }),
    ));
  }
  for (const custom of snapshot.custom_fields ?? []) {
    if (custom.value === null) continue;
    fields.push(field(custom.label, escapeMrkdwn(custom.value, MAX_VALUE)));
  }
  if (fields.length === 0) return null;
  const more = (hidden: number) =>
    field("More", mrkdwnLink(snapshot.html_url, `${hidden} more in PagerDuty`));
  // The most fields that fit, with the "more" field when some are left out.
  let used = 0;
  let shown = 0;
  while (shown < fields.length) {
    const next = used + fields[shown]!.text.length;
    const last = shown + 1 === fields.length;
    const room = last
      ? next <= maxText && shown + 1 <= L.sectionFields
      : next + more(fields.length - shown - 1).text.length <= maxText &&
        shown + 2 <= L.sectionFields;
    if (!room) break;
    used = next;
    shown += 1;
  }
  if (shown === fields.length) return { type: "section", fields };
  const tail = more(fields.length - shown);
  if (used + tail.text.length > maxText) return null;
  return { type: "section", fields: [...fields.slice(0, shown), tail] };
}

function field(label: string, value: string): Mrkdwn {
  return {
    type: "mrkdwn",
    text: `*${escapeMrkdwn(label, MAX_LABEL)}*\n${value}`,
  };
}
