import type { Kysely, Migration } from "kysely";

/**
 * chat.postMessage's per-channel pacing and Slack's Retry-After moved to the shared pacing gate
 * (`slack_pacing`, 0008), which keeps one budget per channel for every replica: nothing reads
 * `channels.next_post_at` any more.
 */
export const dropChannelNextPost: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("channels").dropColumn("next_post_at")
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("channels")
      .addColumn(
        "next_post_at",
        "text",
        (c) => c.notNull().defaultTo("1970-01-01T00:00:00.000Z"),
      )
      .execute();
  },
};
