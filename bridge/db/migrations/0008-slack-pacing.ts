import type { Kysely, Migration } from "kysely";

/**
 * Slack rate budgets shared by every replica (bridge/slack/pacing-gate.ts): one row per (workspace, method)
 * and per (workspace, channel) for chat.postMessage. "double precision": pg returns bigint as a string.
 */
export const slackPacing: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable("slack_pacing")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("tat_ms", "double precision", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("slack_pacing").execute();
  },
};
