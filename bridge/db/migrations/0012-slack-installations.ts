import type { Kysely, Migration } from "kysely";

/**
 * Workspaces that installed the bridge's Slack app through "Add to Slack" (bridge/install/): one bot token per
 * workspace, sealed with PAGERSLACK_ENCRYPTION_KEY (bridge/secrets/secret-box.ts), never stored in the clear.
 */
export const slackInstallations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable("slack_installations")
      .addColumn("team_id", "text", (c) => c.primaryKey())
      .addColumn("team_name", "text", (c) => c.notNull())
      .addColumn("enterprise_id", "text")
      .addColumn("app_id", "text")
      .addColumn("bot_user_id", "text", (c) => c.notNull())
      .addColumn("bot_token_sealed", "text", (c) => c.notNull())
      .addColumn("scopes", "text", (c) => c.notNull())
      .addColumn("installed_by", "text")
      .addColumn("installed_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("slack_installations").execute();
  },
};
