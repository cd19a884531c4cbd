import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/** Datastore name; the item shape is `UserLinkItem` below. */
export const USER_LINKS = "user_links";

/**
 * Slack user ↔ PagerDuty user. The OAuth token itself stays in Slack's external auth store; this row lets
 * other functions (who is on call) turn PagerDuty users into Slack mentions, and tells Unlink what to forget.
 */
export const UserLinksDatastore = DefineDatastore({
  name: USER_LINKS,
  primary_key: "slack_user_id",
  attributes: {
    slack_user_id: { type: Schema.slack.types.user_id },
    pagerduty_user_id: { type: Schema.types.string },
    pagerduty_email: { type: Schema.types.string },
    linked_at: { type: Schema.slack.types.timestamp },
  },
});

export interface UserLinkItem {
  slack_user_id: string;
  pagerduty_user_id: string;
  pagerduty_email: string;
  /** Unix seconds. */
  linked_at: number;
}
