import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { USER_LINKS } from "./user-links-datastore.ts";

/**
 * The Slack user of a PagerDuty user: a linked account first (`user_links`), else the same email in Slack.
 * Undefined when neither is found; lookups never fail the caller.
 */
export async function findSlackUser(
  client: SlackAPIClient,
  pagerDuty: { id: string; email: string | undefined },
): Promise<string | undefined> {
  let cursor: string | undefined;
  // A query page can be empty and still have a next_cursor (apis.md); a few pages are plenty.
  for (let page = 0; page < 5; page++) {
    const r = await client.apps.datastore.query({
      datastore: USER_LINKS,
      expression: "#pd = :pd",
      expression_attributes: { "#pd": "pagerduty_user_id" },
      expression_values: { ":pd": pagerDuty.id },
      ...(cursor ? { cursor } : {}),
    }).catch(() => undefined);
    if (!r?.ok) break;
    const item = (r.items as { slack_user_id?: string }[])[0];
    if (item?.slack_user_id) return item.slack_user_id;
    cursor = r.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  if (!pagerDuty.email) return undefined;
  const byEmail = await client.users.lookupByEmail({ email: pagerDuty.email })
    .catch(() => undefined);
  return byEmail?.ok ? (byEmail.user as { id?: string })?.id : undefined;
}
