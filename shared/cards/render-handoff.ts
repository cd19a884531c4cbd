// The shift handoff message: "Now on call for Checkout: @bob until Fri 09:00 (was alice)", with the incidents
// still open on the service. Quiet by design: no @here or @channel, and only the person coming on call is a
// real mention (`<@U…>` notifies them; docs.slack.dev/messaging/formatting-message-text#mentioning-users); the
// person going off call is named in plain text, which Slack shows without notifying anyone. The end of the shift
// is a `<!date^…>` so each reader sees it in their own time zone (slack-date.ts).
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { mrkdwnLink } from "./mrkdwn-link.ts";
import { slackDate } from "./slack-date.ts";
import { slackMention } from "./slack-mention.ts";

export interface HandoffPerson {
  name: string;
  /** The person's Slack user id when PagerDuty's user maps to one. */
  slackId: string | null;
}

export interface HandoffOpenIncident {
  number: number;
  title: string;
  status: string;
  html_url: string;
}

export interface HandoffInput {
  serviceName: string;
  incoming: HandoffPerson[];
  outgoing: HandoffPerson[];
  /** When the new shift ends (ISO); null: no end known. */
  until: string | null;
  openIncidents: HandoffOpenIncident[];
}

/** The open incidents listed by name; more are counted. */
export const HANDOFF_MAX_INCIDENTS = 10;

/** `metadata.event_type` of handoff messages: how a second attempt finds the first one. */
export const HANDOFF_METADATA_EVENT_TYPE = "pagerduty_oncall_handoff";

function joinNames(people: string[]): string {
  if (people.length <= 1) return people[0] ?? "";
  return `${people.slice(0, -1).join(", ")} and ${people.at(-1)}`;
}

export function renderHandoff(
  input: HandoffInput,
): { text: string; blocks: unknown[] } {
  const incoming = input.incoming.length === 0
    ? "nobody"
    : joinNames(input.incoming.map((p) =>
      slackMention(p.slackId) ?? escapeMrkdwn(p.name, 100)
    ));
  const until = input.until
    ? ` until ${slackDate(input.until, "{date_short_pretty} {time}")}`
    : "";
  const was = input.outgoing.length > 0
    ? ` (was ${
      joinNames(input.outgoing.map((p) => escapeMrkdwn(p.name, 100)))
    })`
    : "";
  const service = escapeMrkdwn(input.serviceName, 150);
  const headline =
    `:busts_in_silhouette: Now on call for *${service}*: ${incoming}${until}${was}`;
  const listed = input.openIncidents.slice(0, HANDOFF_MAX_INCIDENTS);
  const lines = listed.map((i) =>
    `• ${mrkdwnLink(i.html_url, `#${i.number} ${i.title}`, 200)} (${
      escapeMrkdwn(i.status, 20)
    })`
  );
  const more = input.openIncidents.length - listed.length;
  if (more > 0) lines.push(`…and ${more} more`);
  const open = input.openIncidents.length === 0
    ? "No open incidents on this service."
    : `Open incidents on this service (${input.openIncidents.length}):\n${
      lines.join("\n")
    }`;
  // The fallback text is what notifications show, and Slack reads mrkdwn there too: names escaped, no mention.
  const plainIncoming = input.incoming.map((p) => escapeMrkdwn(p.name, 100))
    .join(", ") || "nobody";
  return {
    text: `Now on call for ${service}: ${plainIncoming}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: headline } },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: open }],
      },
    ],
  };
}
