import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import {
  mrkdwnLink,
  mrkdwnLinkUrl,
} from "../../../shared/cards/mrkdwn-link.ts";
import type { WorkflowTriggerName } from "../../../shared/bridge-api/bridge-api-schemas.ts";
import { ENTRY_POINTS } from "../../config/entry-points.ts";

/** Link trigger URLs by bridge name: what "Set up pagerslack" registered with the bridge. */
export type KnownTriggerUrls = Partial<Record<WorkflowTriggerName, string>>;

/**
 * The help message: every entry point, linked when its trigger URL is known: the `*_TRIGGER_URL` env variable
 * when set (an override), else the URL setup registered with the bridge (`registered`).
 */
export function helpText(
  env: Record<string, string | undefined>,
  registered: KnownTriggerUrls = {},
): string {
  const urlOf = (entry: (typeof ENTRY_POINTS)[number]) =>
    (entry.urlEnv ? env[entry.urlEnv]?.trim() : undefined) ||
    registered[entry.bridgeName];
  const lines = ENTRY_POINTS.map((entry) => {
    const url = urlOf(entry);
    const title = mrkdwnLinkUrl(url)
      ? mrkdwnLink(url, entry.title)
      : `*${escapeMrkdwn(entry.title)}*`;
    return `• ${title} (\`${entry.command}\`): ${entry.description}`;
  });
  const missing = ENTRY_POINTS.filter((e) => !mrkdwnLinkUrl(urlOf(e)));
  const footer = missing.length
    ? `\n_Entries without a link have no trigger yet (${
      missing.map((e) => e.urlEnv ?? e.title).join(", ")
    }): ask a Slack admin to run *Set up pagerslack*._`
    : "";
  return [
    "*pagerslack: PagerDuty from Slack*",
    ...lines,
    "Incident cards posted by the bridge carry *Acknowledge*, *Resolve* and *More* buttons; they act as your linked PagerDuty user.",
  ].join("\n") + footer;
}
