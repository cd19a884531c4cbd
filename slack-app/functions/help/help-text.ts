import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import {
  mrkdwnLink,
  mrkdwnLinkUrl,
} from "../../../shared/cards/mrkdwn-link.ts";
import { ENTRY_POINTS } from "../../config/entry-points.ts";

/** The help message: every entry point, linked when its trigger URL is configured. */
export function helpText(env: Record<string, string | undefined>): string {
  const lines = ENTRY_POINTS.map((entry) => {
    const url = env[entry.urlEnv]?.trim();
    const title = mrkdwnLinkUrl(url)
      ? mrkdwnLink(url, entry.title)
      : `*${escapeMrkdwn(entry.title)}*`;
    return `• ${title} (\`${entry.command}\`): ${entry.description}`;
  });
  const missing = ENTRY_POINTS.filter((e) =>
    !mrkdwnLinkUrl(env[e.urlEnv]?.trim())
  );
  const footer = missing.length
    ? `\n_Entries without a link have no trigger URL configured yet (${
      missing.map((e) => e.urlEnv).join(", ")
    }); find them under the workflow shortcuts of this channel, or ask whoever installed pagerslack._`
    : "";
  return [
    "*pagerslack: PagerDuty from Slack*",
    ...lines,
    "Incident cards posted by the bridge carry *Acknowledge*, *Resolve* and *More* buttons; they act as your linked PagerDuty user.",
  ].join("\n") + footer;
}
