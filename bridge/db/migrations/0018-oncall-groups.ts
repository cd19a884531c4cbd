import type { Kysely, Migration } from "kysely";

/**
 * On-call user groups and shift handoffs (bridge/oncall/). `oncall_groups`: a Slack user group kept equal to who is
 * on call on a PagerDuty schedule or one level of an escalation policy; `last_set` is what the bridge set last (a
 * person's edit shows as a difference from it: `drift`, and the bridge stops writing). `handoff_states`: who was
 * on call at level 1 of a handoff connection's policy when last looked, so a change is recorded (and its message
 * enqueued) exactly once. `connections.handoffs`: the connection's opt-in.
 */
export const oncallGroups: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable("oncall_groups")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("team_id", "text")
      .addColumn("usergroup_id", "text", (c) => c.notNull())
      .addColumn("source_type", "text", (c) => c.notNull())
      .addColumn("source_id", "text", (c) => c.notNull())
      .addColumn("escalation_level", "integer")
      /** JSON array of Slack user ids, sorted: what the bridge last set (null: never). */
      .addColumn("last_set", "text")
      /** JSON array of the members found instead of `last_set` (a hand edit); null: no drift. */
      .addColumn("drift", "text")
      .addColumn("drift_since", "text")
      /** Why the last sync did not set the members (Slack's error, nobody on call mapped, …); null when it did. */
      .addColumn("problem", "text")
      .addColumn("synced_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("oncall_groups_usergroup")
      .on("oncall_groups").columns(["team_id", "usergroup_id"]).unique()
      .execute();
    await db.schema.createTable("handoff_states")
      .addColumn("connection_id", "text", (c) => c.primaryKey())
      .addColumn("escalation_policy_id", "text", (c) => c.notNull())
      /** JSON array of the PagerDuty user ids on call at level 1, sorted. */
      .addColumn("user_ids", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.alterTable("connections")
      .addColumn("handoffs", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("connections").dropColumn("handoffs").execute();
    await db.schema.dropTable("handoff_states").execute();
    await db.schema.dropIndex("oncall_groups_usergroup").execute();
    await db.schema.dropTable("oncall_groups").execute();
  },
};
