// Migrations live in code (no files to ship next to the container) and run on both dialects; the only
// difference is the auto-increment column.
import type { Kysely, Migration, MigrationProvider } from "kysely";
import type { Dialect } from "./database.ts";

function initialSchema(dialect: Dialect): Migration {
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

/**
 * The worker takes the oldest pending event first (`status = 'pending' ORDER BY received_at, event_id`); without
 * this index every step sorted the whole backlog, so a burst of webhooks slowed its own draining.
 */
const inboxQueueIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex("webhook_inbox_queue")
      .on("webhook_inbox").columns(["status", "received_at", "event_id"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("webhook_inbox_queue").execute();
  },
};

/**
 * An update message's post attempts, counted before each chat.postMessage: a job that was attempted before
 * (a crash or a lost answer) is looked for in Slack before it is posted again, so nobody reads it twice.
 */
const outboxPostAttempts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("outbox")
      .addColumn("post_attempts", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("outbox").dropColumn("post_attempts").execute();
  },
};

/**
 * The incident's status beside its state: the reconciler reads only open incidents instead of every state
 * ever stored. Existing rows are filled from their JSON, a page at a time.
 */
const incidentStateStatus: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("incident_states")
      .addColumn("status", "text").execute();
    await db.schema.createIndex("incident_states_status")
      .on("incident_states").columns(["status", "incident_id"]).execute();
    const states = db as unknown as Kysely<
      {
        incident_states: {
          incident_id: string;
          state: string;
          status: string | null;
        };
      }
    >;
    let after = "";
    for (;;) {
      const rows = await states.selectFrom("incident_states")
        .select(["incident_id", "state"]).where("incident_id", ">", after)
        .orderBy("incident_id").limit(500).execute();
      for (const row of rows) {
        const parsed = JSON.parse(row.state) as
          | { snapshot?: { status?: string } }
          | null;
        await states.updateTable("incident_states")
          .set({ status: parsed?.snapshot?.status ?? null })
          .where("incident_id", "=", row.incident_id).execute();
      }
      const last = rows.at(-1);
      if (!last) break;
      after = last.incident_id;
    }
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("incident_states_status").execute();
    await db.schema.alterTable("incident_states").dropColumn("status")
      .execute();
  },
};

/**
 * An inbox event that cannot be applied is retried a few times (with a delay), then set aside (`failed`) with
 * its last error, instead of failing the worker's transaction at every pass and holding up every incident.
 */
const inboxAttempts: Migration = {
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

/**
 * Slack work parked because Slack refused the bot token (scope `workspace`) or a channel (scope `channel`): such
 * errors are about the installation, not about one message, so the jobs wait, unchanged, until it is fixed.
 */
const deliveryBlocks: Migration = {
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

/**
 * Facts about the installation every replica must share, one row per key (see bridge/outbox/card-buttons.ts):
 * which actions trigger URL the open cards were rendered with, and whether Slack refused their buttons.
 */
const bridgeSettings: Migration = {
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

/** Every migration, by name; names sort in the order they must run. */
export function bridgeMigrations(dialect: Dialect): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve({
        "0001_initial": initialSchema(dialect),
        "0002_inbox_queue_index": inboxQueueIndex,
        "0003_outbox_post_attempts": outboxPostAttempts,
        "0004_incident_state_status": incidentStateStatus,
        "0005_inbox_attempts": inboxAttempts,
        "0006_delivery_blocks": deliveryBlocks,
        "0007_bridge_settings": bridgeSettings,
      }),
  };
}
