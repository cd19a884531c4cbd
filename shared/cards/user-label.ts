import type { Reference } from "../pagerduty/webhook-event.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { mrkdwnLink } from "./mrkdwn-link.ts";
import { slackMention } from "./slack-mention.ts";

/** PagerDuty user id → Slack user id, for mentions. */
export type Mentions = Readonly<Record<string, string>>;

/** A reference's display name (PagerDuty's `summary`, else its id). */
export function nameOf(ref: Reference): string {
  return ref.summary || ref.id;
}

/**
 * A user as mrkdwn: a Slack mention when the user is mapped, else the escaped name. `noMention` forces the
 * name, for people who should not be pinged (the agent who acted).
 */
export function userLabel(
  ref: Reference,
  mentions: Mentions | undefined,
  { noMention = false, maxName = 200 }: {
    noMention?: boolean;
    maxName?: number;
  } = {},
): string {
  const slackId = noMention ? undefined : mentions?.[ref.id];
  const mention = /^[UW]/.test(slackId ?? "") ? slackMention(slackId) : null;
  return mention ?? escapeMrkdwn(nameOf(ref), maxName);
}

/**
 * A reference as an mrkdwn link to its PagerDuty page (its name alone when there is no page). The name is
 * cut to `maxName`, so a link always fits the field it goes in.
 */
export function linkTo(ref: Reference, maxName = 200): string {
  return mrkdwnLink(ref.html_url, nameOf(ref), maxName);
}
