import type { Kysely, Migration } from "kysely";

/**
 * The hosted app's link trigger URLs by workflow (shared/bridge-api WORKFLOW_TRIGGER_NAMES), which the hosted app
 * registers through the bridge API: the `/pd` slash command answers with buttons into those workflows.
 */
export const workflowTriggers: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable("workflow_triggers")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("workflow_triggers").execute();
  },
};
