import type { Kysely, Migration } from "kysely";

/**
 * An inbox event that cannot be applied is retried a few times (with a delay), then set aside (`failed`) with
 * its last error, instead of failing the worker's transaction at every pass and holding up every incident.
 */
export const inboxAttempts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("webhook_inbox")
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable("webhook_inbox")
      .addColumn("last_error", "text").execute();
    await db.schema.alterTable("webhook_inbox")
      .addColumn("retry_at", "text").execute();
  },
  async down(db: Kysely<unknown>) {
    for (const column of ["retry_at", "last_error", "attempts"]) {
      await db.schema.alterTable("webhook_inbox").dropColumn(column)
        .execute();
    }
  },
};
