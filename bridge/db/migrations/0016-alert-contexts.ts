import type { Kysely, Migration } from "kysely";

/**
 * The monitoring tool's context of each incident (issue 19 item 1, bridge/enrichment/create-alert-contexts.ts):
 * fetched once per incident from its first alert and kept here, so that a restart or another replica does not
 * fetch it again. A row is also the fetch's claim (`claimed_by`/`claimed_at`, a lease like a card's) and its
 * retry schedule (`attempts`, `retry_at`); `render_waiting` says a card went out without the context while it
 * was being fetched, so the cards are edited when it arrives. One small row per incident, kept like
 * incident_states.
 */
export const alertContexts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable("alert_contexts")
      .addColumn("incident_id", "text", (c) => c.primaryKey())
      /** pending (being fetched), found, none (no alert, or the key may not read it), failed (to retry). */
      .addColumn("status", "text", (c) => c.notNull())
      /** JSON of an AlertContext (shared/pagerduty/read-alert-context.ts) when found. */
      .addColumn("context", "text")
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("claimed_by", "text")
      .addColumn("claimed_at", "text")
      .addColumn("retry_at", "text")
      .addColumn("render_waiting", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("alert_contexts").execute();
  },
};
