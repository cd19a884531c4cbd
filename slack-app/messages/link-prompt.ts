import { mrkdwnLink, mrkdwnLinkUrl } from "../../shared/cards/mrkdwn-link.ts";

/** What an unlinked user sees: how to link, never an error code. */
export function linkPrompt(linkTriggerUrl: string | undefined): string {
  const how = mrkdwnLinkUrl(linkTriggerUrl)
    ? mrkdwnLink(linkTriggerUrl, "Link your PagerDuty account")
    : "Run the *Link PagerDuty account* workflow (`/pd link`)";
  return `:link: Your Slack account is not linked to PagerDuty yet. ${how}, then try again.`;
}
