// Text and URLs an attacker can put in PagerDuty (titles, names, notes, links), and the check that a message
// built from them carries no Slack control sequence but the ones pagerslack renders itself.
import {
  listMessageControls,
  type MrkdwnControl,
} from "./list-mrkdwn-controls.ts";

/** Every control sequence Slack knows, plus a raw `&` and `|`, in one "title". */
export const HOSTILE_TEXT =
  "Disk full <!here> <!channel> <!everyone> <!subteam^S0EVIL|@oncall> <@U0EVIL> <#C0EVIL> " +
  "<!date^1^{date}|x> <https://evil.example/|click> a|b & &amp; done";

/** A link that ends its URL early: the rest becomes a ping and a label of its own. */
export const HOSTILE_URL = "https://x.pagerduty.com/incidents/P1|<!here>";
/** The same URL as Slack must receive it: `|` and `<>` percent-encoded. */
export const HOSTILE_URL_ENCODED =
  "https://x.pagerduty.com/incidents/P1%7C%3C!here%3E";
/** Not a web page: must never become a link. */
export const SCRIPT_URL = "javascript:alert(1)//<!channel>";

export interface OwnControls {
  /** Slack users pagerslack mentions itself (mapped from PagerDuty users). */
  users?: readonly string[];
  /** Channels pagerslack names itself. */
  channels?: readonly string[];
  /** URL prefixes pagerslack links to (PagerDuty's pages, Slack's permalinks). */
  linkPrefixes?: readonly string[];
}

// Our date tokens (slackDate) always carry a UTC fallback.
const OWN_DATE = /^!date\^\d+\^[^|]+\|(\d{4}-\d\d-\d\d )?\d\d:\d\d UTC$/;

/** The control sequences of `message` that pagerslack did not put there itself. */
export function foreignControls(
  message: unknown,
  own: OwnControls = {},
): MrkdwnControl[] {
  return listMessageControls(message).filter((c) => !isOwn(c, own));
}

function isOwn(c: MrkdwnControl, own: OwnControls): boolean {
  switch (c.kind) {
    case "user":
      return own.users?.includes(c.id) ?? false;
    case "channel":
      return own.channels?.includes(c.id) ?? false;
    case "date":
      return OWN_DATE.test(c.token);
    case "link":
      return (own.linkPrefixes ?? []).some((p) => c.url.startsWith(p)) &&
        !/[|<>\s]/.test(c.url);
    default:
      return false;
  }
}
