// The conference bridge line of a card: PagerDuty's newer card puts "Join" and the dial-in number up top.
// URL and numbers are user input (anyone who may edit the incident sets them): the URL is linked only when it
// is http(s) (mrkdwnLink), numbers are escaped and cut.
import type {
  ConferenceBridge,
  IncidentSnapshot,
} from "../incident/incident-snapshot.ts";
import type { SectionBlock } from "./block-kit.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { joinWithin } from "./join-within.ts";
import { mrkdwnLink, mrkdwnLinkUrl } from "./mrkdwn-link.ts";

/** Dial-in numbers shown; a bridge with more lists them in PagerDuty. */
const MAX_NUMBERS = 3;
const MAX_NUMBER = 80;
const MAX_LABEL = 40;

const PREFIX = ":telephone_receiver: *Conference bridge:* ";

/**
 * The bridge as a section (`:telephone_receiver: Conference bridge: Join · Dial-in …`) in at most `maxText`
 * characters (fewer dial-in numbers, then none, when short of room), or null without one or without room.
 */
export function renderConferenceBridge(
  snapshot: IncidentSnapshot,
  maxText = Infinity,
): SectionBlock | null {
  const bridge = snapshot.conference_bridge ?? null;
  if (!bridge) return null;
  for (const numbers of [MAX_NUMBERS, 1, 0]) {
    const text = conferenceBridgeText({
      ...bridge,
      numbers: bridge.numbers.slice(0, numbers),
    }, bridge.numbers.length);
    if (text === null) return null;
    if (PREFIX.length + text.length <= maxText) {
      return { type: "section", text: { type: "mrkdwn", text: PREFIX + text } };
    }
  }
  return null;
}

/** "Join the call · Dial-in: +1 … (US)" as mrkdwn, or null when the bridge has nothing to show. */
export function conferenceBridgeText(
  bridge: ConferenceBridge | null,
  /** How many numbers the bridge has, when `bridge` lists only the first few. */
  numberCount = bridge?.numbers.length ?? 0,
): string | null {
  if (!bridge) return null;
  const parts: string[] = [];
  if (mrkdwnLinkUrl(bridge.url) !== null) {
    parts.push(mrkdwnLink(bridge.url, "Join the call"));
  } else if (bridge.url) {
    // Not a web link (a meeting id, a javascript: URL): shown as text, never linked.
    parts.push(escapeMrkdwn(bridge.url, 200));
  }
  const numbers = bridge.numbers.map((n) => {
    const number = escapeMrkdwn(n.number, MAX_NUMBER);
    return n.label.trim() === ""
      ? number
      : `${number} (${escapeMrkdwn(n.label, MAX_LABEL)})`;
  });
  if (numbers.length > 0) {
    const shown = numbers.slice(0, MAX_NUMBERS);
    const more = numberCount > shown.length
      ? ` and ${numberCount - shown.length} more`
      : "";
    parts.push(`Dial-in: ${joinWithin(shown, 1000)}${more}`);
  } else if (numberCount > 0 && parts.length > 0) {
    parts.push(
      `${numberCount} dial-in number${
        numberCount === 1 ? "" : "s"
      } in PagerDuty`,
    );
  }
  return parts.length === 0 ? null : parts.join(" · ");
}
