import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  asUserLink,
  USER_LINKS_DATASTORE,
} from "../../shared/datastore/user-link.ts";

/**
 * The Slack user of a PagerDuty user: a linked account first (`user_links`), else the same email in Slack.
 * Undefined when neither is found; lookups never fail the caller.
 */
export async function findSlackUser(
  client: SlackAPIClient,
  pagerDuty: { id: string; email: string | undefined },
): Promise<string | undefined> {
  let cursor: string | undefined;
  // A query page can be empty and still have a next_cursor; a few pages are plenty.
  for (let page = 0; page < 5; page++) {
    const r = await client.apps.datastore.query({
      datastore: USER_LINKS_DATASTORE,
      expression: "#pd = :pd",
      expression_attributes: { "#pd": "pagerduty_user_id" },
      expression_values: { ":pd": pagerDuty.id },
      ...(cursor ? { cursor } : {}),
    }).catch(() => undefined);
    if (!r?.ok) break;
    const link = asUserLink(r.items[0]);
    if (link) return link.slack_user_id;
    cursor = r.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  if (!pagerDuty.email) return undefined;
  const byEmail = await client.users.lookupByEmail({ email: pagerDuty.email })
    .catch(() => undefined);
  return byEmail?.ok ? (byEmail.user as { id?: string })?.id : undefined;
}
