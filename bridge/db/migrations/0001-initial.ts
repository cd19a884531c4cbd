import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../database.ts";

export function initialSchema(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable("webhook_inbox")
        .addColumn("event_id", "text", (c) => c.primaryKey())
        .addColumn("webhook_id", "text", (c) => c.unique())
        .addColumn("event_type", "text", (c) => c.notNull())
        .addColumn("incident_id", "text")
        .addColumn("occurred_at", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("received_at", "text", (c) => c.notNull())
        .addColumn("processed_at", "text")
        .execute();
      await db.schema.createIndex("webhook_inbox_pending")
        .on("webhook_inbox").columns(["status", "incident_id", "occurred_at"])
        .execute();

      await db.schema.createTable("incident_states")
        .addColumn("incident_id", "text", (c) => c.primaryKey())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();

      await db.schema.createTable("connections")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("channel_id", "text", (c) => c.notNull())
        .addColumn("source_type", "text", (c) => c.notNull())
        .addColumn("source_id", "text", (c) => c.notNull())
        .addColumn("notification_type", "text", (c) => c.notNull())
        .addColumn("events", "text", (c) => c.notNull())
        .addColumn("urgency", "text")
        .addColumn("priorities", "text")
        .addColumn("thread_updates", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("connections_source")
        .on("connections").columns(["source_type", "source_id"]).execute();

      await db.schema.createTable("incident_channels")
        .addColumn("incident_id", "text", (c) => c.notNull())
        .addColumn("channel_id", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("incident_channels_pk", [
          "incident_id",
          "channel_id",
        ])
        .execute();

      await db.schema.createTable("cards")
        .addColumn("incident_id", "text", (c) => c.notNull())
        .addColumn("channel_id", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("thread_updates", "integer", (c) => c.notNull())
        .addColumn("ts", "text")
        .addColumn("claimed_by", "text")
        .addColumn("claimed_at", "text")
        .addColumn("post_attempts", "integer", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("rendered_version", "integer", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("cards_pk", ["incident_id", "channel_id"])
        .execute();

      await db.schema.createTable("outbox")
        .addColumn(
          "id",
          dialect === "postgres" ? "serial" : "integer",
          (c) =>
            dialect === "postgres"
              ? c.primaryKey()
              : c.primaryKey().autoIncrement(),
        )
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
        .addColumn("incident_id", "text")
        .addColumn("channel_id", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("available_at", "text", (c) => c.notNull())
        .addColumn("locked_by", "text")
        .addColumn("locked_until", "text")
        .addColumn("last_error", "text")
        .addColumn("enqueued_at", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("outbox_due")
        .on("outbox").columns(["status", "channel_id", "id"]).execute();

      await db.schema.createTable("channels")
        .addColumn("channel_id", "text", (c) => c.primaryKey())
        .addColumn("locked_by", "text")
        .addColumn("locked_until", "text")
        .addColumn("next_post_at", "text", (c) => c.notNull())
        .addColumn("behind", "integer", (c) => c.notNull())
        .addColumn("behind_changed_at", "text")
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (
        const table of [
          "channels",
          "outbox",
          "cards",
          "incident_channels",
          "connections",
          "incident_states",
          "webhook_inbox",
        ]
      ) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
