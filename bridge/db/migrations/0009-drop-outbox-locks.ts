import type { Kysely, Migration } from "kysely";

/**
 * Outbox jobs were never leased one by one: the sender leases a whole channel (`channels.locked_by` /
 * `locked_until`) so its jobs go out in order, and nothing read the outbox's own lock columns.
 */
export const dropOutboxLocks: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of ["locked_by", "locked_until"]) {
      await db.schema.alterTable("outbox").dropColumn(column).execute();
    }
  },
  async down(db: Kysely<unknown>) {
    for (const column of ["locked_by", "locked_until"]) {
      await db.schema.alterTable("outbox").addColumn(column, "text").execute();
    }
  },
};
