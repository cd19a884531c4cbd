import type { Kysely, Migration } from "kysely";

/**
 * An update message's post attempts, counted before each chat.postMessage: a job that was attempted before
 * (a crash or a lost answer) is looked for in Slack before it is posted again, so nobody reads it twice.
 */
export const outboxPostAttempts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("outbox")
      .addColumn("post_attempts", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("outbox").dropColumn("post_attempts").execute();
  },
};
