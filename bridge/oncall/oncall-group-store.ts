// On-call groups as the bridge stores them (migration 0018) and answers them through the bridge API.
import type { Selectable } from "kysely";
import type {
  OncallGroup,
  OncallGroupRequest,
} from "../../shared/bridge-api/bridge-api-schemas.ts";
import type { BridgeDb, OncallGroupTable } from "../db/database.ts";

export type OncallGroupRow = Selectable<OncallGroupTable>;

const parseIds = (json: string | null): string[] | null =>
  json === null ? null : JSON.parse(json) as string[];

export function oncallGroupFromRow(row: OncallGroupRow): OncallGroup {
  const state: OncallGroup["state"] = row.drift !== null
    ? "drift"
    : row.problem !== null
    ? "problem"
    : row.synced_at === null
    ? "pending"
    : "in_sync";
  return {
    id: row.id,
    ...(row.team_id ? { team_id: row.team_id } : {}),
    usergroup_id: row.usergroup_id,
    source_type: row.source_type,
    source_id: row.source_id,
    escalation_level: row.escalation_level,
    state,
    last_set: parseIds(row.last_set),
    drift_members: parseIds(row.drift),
    problem: row.problem,
    synced_at: row.synced_at,
  };
}

export async function listOncallGroups(
  db: BridgeDb,
  filter: { teamId?: string } = {},
): Promise<OncallGroupRow[]> {
  let query = db.selectFrom("oncall_groups").selectAll().orderBy("id");
  if (filter.teamId) query = query.where("team_id", "=", filter.teamId);
  return await query.execute();
}

/**
 * Creates or changes a group. Putting it again is also how a person hands a drifted group back to the bridge
 * ("resume"): the drift is cleared and `last_set` forgotten, so the next sync sets the members without comparing.
 */
export async function putOncallGroup(
  db: BridgeDb,
  id: string,
  group: Omit<OncallGroupRequest, "team_id"> & { team_id: string | null },
  now: Date,
): Promise<void> {
  const values = {
    team_id: group.team_id,
    usergroup_id: group.usergroup_id,
    source_type: group.source_type,
    source_id: group.source_id,
    escalation_level: group.source_type === "schedule"
      ? null
      : group.escalation_level,
    last_set: null,
    drift: null,
    drift_since: null,
    problem: null,
    synced_at: null,
    updated_at: now.toISOString(),
  };
  await db.insertInto("oncall_groups")
    .values({ id, created_at: now.toISOString(), ...values })
    .onConflict((oc) => oc.column("id").doUpdateSet(values))
    .execute();
}

export async function deleteOncallGroup(
  db: BridgeDb,
  id: string,
): Promise<boolean> {
  const result = await db.deleteFrom("oncall_groups").where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
