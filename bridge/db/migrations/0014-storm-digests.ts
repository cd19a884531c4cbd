import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../database.ts";

/**
 * Storm digests (bridge/outbox/storm-digest.ts): one message per channel and storm listing the storm's incidents,
 * posted once and edited in place. A card that joined a digest names it (`cards.digest_id`) and stays unposted
 * until its incident wants a card of its own (`cards.own_card`: someone acted on it, it escalated).
 */
export function stormDigests(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable("digests")
        .addColumn(
          "id",
          dialect === "postgres" ? "serial" : "integer",
          (c) =>
            dialect === "postgres"
              ? c.primaryKey()
              : c.primaryKey().autoIncrement(),
        )
        .addColumn("channel_id", "text", (c) => c.notNull())
        .addColumn("ts", "text")
        /** JSON array of the ts of the digest's later pages (messages), in order; null while there is one. */
        .addColumn("page_ts", "text")
        .addColumn("claimed_by", "text")
        .addColumn("claimed_at", "text")
        .addColumn("post_attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn(
          "rendered_version",
          "integer",
          (c) => c.notNull().defaultTo(0),
        )
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("last_joined_at", "text", (c) => c.notNull())
        /** Set when the storm is over: no incident joins it any more (its lines are still kept current). */
        .addColumn("closed_at", "text")
        .execute();
      await db.schema.createIndex("digests_channel_open")
        .on("digests").columns(["channel_id", "closed_at"]).execute();
      await db.schema.alterTable("cards")
        .addColumn("digest_id", "integer").execute();
      await db.schema.alterTable("cards")
        .addColumn("own_card", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex("cards_digest")
        .on("cards").column("digest_id").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("cards_digest").execute();
      await db.schema.alterTable("cards").dropColumn("own_card").execute();
      await db.schema.alterTable("cards").dropColumn("digest_id").execute();
      await db.schema.dropTable("digests").execute();
    },
  };
}
