import type { Kysely, Migration } from "kysely";

/**
 * Facts about the installation every replica must share, one row per key (see bridge/outbox/card-buttons.ts):
 * which actions trigger URL the open cards were rendered with, and whether Slack refused their buttons.
 */
export const bridgeSettings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable("bridge_settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("bridge_settings").execute();
  },
};
