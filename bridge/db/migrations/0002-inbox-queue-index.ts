import type { Kysely, Migration } from "kysely";

/**
 * The worker takes the oldest pending event first (`status = 'pending' ORDER BY received_at, event_id`); without
 * this index every step sorted the whole backlog, so a burst of webhooks slowed its own draining.
 */
export const inboxQueueIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex("webhook_inbox_queue")
      .on("webhook_inbox").columns(["status", "received_at", "event_id"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("webhook_inbox_queue").execute();
  },
};
