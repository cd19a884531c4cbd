import { type Kysely, type Migration, sql } from "kysely";

/** Tables whose rows belong to one Slack workspace; NULL: the SLACK_BOT_TOKEN workspace (rows from before 0013). */
export const TEAM_TABLES = [
  "connections",
  "cards",
  "outbox",
  "incident_channels",
  "channels",
] as const;

/**
 * Several Slack workspaces (issue 16): each row that concerns a Slack channel or message carries the workspace's
 * team id. Rows written before this migration have team_id NULL, which means "the workspace of SLACK_BOT_TOKEN";
 * the bridge assigns them to that workspace once auth.test has named it (assign-legacy-team.ts), since the team id
 * is not known when migrations run. Slack channel ids are unique across workspaces except for Slack Connect
 * shared channels, where one card per channel is right (whichever workspace's connection asked for it posts it),
 * so the channel keeps being the key and the team is a column, not part of the key.
 *
 * workflow_triggers is keyed by name and becomes keyed by (team_id, name): each workspace's hosted app registers
 * its own trigger URLs. A key column cannot be NULL in PostgreSQL, so there the SLACK_BOT_TOKEN workspace is ''.
 */
export const workspaceTeams: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of TEAM_TABLES) {
      await db.schema.alterTable(table).addColumn("team_id", "text").execute();
    }
    await db.schema.createIndex("connections_team").on("connections")
      .column("team_id").execute();

    await db.schema.createTable("workflow_triggers_0013")
      .addColumn("team_id", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("workflow_triggers_team_pk", ["team_id", "name"])
      .execute();
    await sql`insert into workflow_triggers_0013 (team_id, name, url, updated_at)
      select '', name, url, updated_at from workflow_triggers`.execute(db);
    await db.schema.dropTable("workflow_triggers").execute();
    await db.schema.alterTable("workflow_triggers_0013")
      .renameTo("workflow_triggers").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.createTable("workflow_triggers_0011")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await sql`insert into workflow_triggers_0011 (name, url, updated_at)
      select name, url, updated_at from workflow_triggers where team_id = ''`
      .execute(db);
    await db.schema.dropTable("workflow_triggers").execute();
    await db.schema.alterTable("workflow_triggers_0011")
      .renameTo("workflow_triggers").execute();
    await db.schema.dropIndex("connections_team").execute();
    for (const table of TEAM_TABLES) {
      await db.schema.alterTable(table).dropColumn("team_id").execute();
    }
  },
};
