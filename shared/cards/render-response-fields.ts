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

/** Roles then custom fields, at most one section's worth of fields (the last says how many more), or null. */
export function renderResponseFields(
  snapshot: IncidentSnapshot,
  mentions?: Mentions,
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
  if (fields.length > L.sectionFields) {
    const hidden = fields.length - (L.sectionFields - 1);
    fields.splice(
      L.sectionFields - 1,
      fields.length,
      field(
        "More",
        mrkdwnLink(snapshot.html_url, `${hidden} more in PagerDuty`),
      ),
    );
  }
  return { type: "section", fields };
}

function field(label: string, value: string): Mrkdwn {
  return {
    type: "mrkdwn",
    text: `*${escapeMrkdwn(label, MAX_LABEL)}*\n${value}`,
  };
}
