import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";
import {
  USER_LINK_PRIMARY_KEY,
  USER_LINKS_DATASTORE,
  type UserLink,
} from "../../shared/datastore/user-link.ts";

/**
 * One attribute per field of `UserLink`, no more and no fewer (`satisfies` checks both ways), so the manifest's
 * datastore and the type the bridge and functions read cannot drift apart.
 */
const USER_LINK_ATTRIBUTES = {
  slack_user_id: { type: Schema.slack.types.user_id },
  pagerduty_user_id: { type: Schema.types.string },
  pagerduty_email: { type: Schema.types.string },
  linked_at: { type: Schema.slack.types.timestamp },
} satisfies Record<keyof UserLink, { type: string }>;

/**
 * Slack user ↔ PagerDuty user; items are `UserLink` (shared/datastore). The OAuth token itself stays in
 * Slack's external auth store; this row lets other functions turn PagerDuty users into Slack mentions, and
 * tells Unlink what to forget.
 */
export const UserLinksDatastore = DefineDatastore({
  name: USER_LINKS_DATASTORE,
  primary_key: USER_LINK_PRIMARY_KEY,
  attributes: USER_LINK_ATTRIBUTES,
});
