import type { Kysely, Migration } from "kysely";

/**
 * Slack work parked because Slack refused the bot token (scope `workspace`) or a channel (scope `channel`): such
 * errors are about the installation, not about one message, so the jobs wait, unchanged, until it is fixed.
 */
export const deliveryBlocks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable("delivery_blocks")
      .addColumn("scope", "text", (c) => c.notNull())
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("error", "text", (c) => c.notNull())
      .addColumn("token_fingerprint", "text", (c) => c.notNull())
      .addColumn("since", "text", (c) => c.notNull())
      .addColumn("retry_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("delivery_blocks_pk", ["scope", "key"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("delivery_blocks").execute();
  },
};
