import type { Kysely, Migration } from "kysely";

/**
 * Incident DMs (issue 18): each person's choice, made in the hosted app and sent through the bridge API, and what
 * the bridge learnt about reaching them. Keyed by workspace and Slack user: `team_id` '' is the SLACK_BOT_TOKEN
 * workspace before its team is known (a key column cannot be NULL in PostgreSQL, as in workflow_triggers).
 * `pagerduty_user_id` is the person's linked PagerDuty account (the hosted app's user_links), which is how the
 * bridge maps an assignee to them. A DM card is a row of `cards` whose channel is the person's Slack user id (the
 * same claim, crash adoption and coalescing as a channel card); `im_channel_id` is the IM Slack opened for it
 * (conversations.open), `dm_refused` Slack's refusal (a deactivated user, a bot), after which nothing more is
 * sent until the person saves their choice again.
 */
export const incidentDms: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable("notification_preferences")
      .addColumn("team_id", "text", (c) => c.notNull())
      .addColumn("slack_user_id", "text", (c) => c.notNull())
      .addColumn("pagerduty_user_id", "text")
      /** `off`, `high_urgency` or `all`. */
      .addColumn("incident_dms", "text", (c) => c.notNull())
      .addColumn("im_channel_id", "text")
      .addColumn("dm_refused", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("notification_preferences_pk", [
        "team_id",
        "slack_user_id",
      ])
      .execute();
    await db.schema.createIndex("notification_preferences_pagerduty_user")
      .on("notification_preferences").column("pagerduty_user_id").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("notification_preferences").execute();
  },
};
