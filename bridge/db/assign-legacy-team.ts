// Rows written before migration 0013 carry no team (NULL: "the SLACK_BOT_TOKEN workspace"). Once auth.test names
// that workspace, they are assigned to it, so that a second workspace installed later never inherits them.
import type { BridgeDb } from "./database.ts";
import { TEAM_TABLES } from "./migrations/0013-workspace-teams.ts";

/** Assigns the rows without a team to `teamId`; answers how many rows each table had. Idempotent. */
export async function assignLegacyTeam(
  db: BridgeDb,
  teamId: string,
): Promise<Record<string, number>> {
  if (!/^[TE][0-9A-Z]+$/.test(teamId)) {
    throw new Error(`assignLegacyTeam: ${teamId} is not a Slack team id`);
  }
  const assigned: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    for (const table of TEAM_TABLES) {
      const result = await trx.updateTable(table).set({ team_id: teamId })
        .where("team_id", "is", null).executeTakeFirst();
      assigned[table] = Number(result.numUpdatedRows);
    }
    // Triggers the single workspace registered before 0013 become its own, unless it registered again since.
    const legacy = await trx.selectFrom("workflow_triggers")
      .select(["name", "url", "updated_at"]).where("team_id", "=", "")
      .execute();
    let triggers = 0;
    for (const row of legacy) {
      const moved = await trx.insertInto("workflow_triggers")
        .values({ ...row, team_id: teamId })
        .onConflict((oc) => oc.columns(["team_id", "name"]).doNothing())
        .executeTakeFirst();
      triggers += Number(moved.numInsertedOrUpdatedRows ?? 0);
    }
    await trx.deleteFrom("workflow_triggers").where("team_id", "=", "")
      .execute();
    assigned.workflow_triggers = triggers;
  });
  return assigned;
}
