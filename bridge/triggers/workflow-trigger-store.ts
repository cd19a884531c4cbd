// The hosted app's link trigger URLs (workflow_triggers), registered through the bridge API. The cards' trigger
// may also come from SLACK_ACTIONS_TRIGGER_URL, which the cards keep using; a registered URL is preferred for
// slash command answers since the hosted app knows its own triggers best.
import type {
  WorkflowTrigger,
  WorkflowTriggerName,
} from "../../shared/bridge-api/bridge-api-schemas.ts";
import type { BridgeDb } from "../db/database.ts";

export type WorkflowTriggerUrls = Partial<Record<WorkflowTriggerName, string>>;

/** The key of the SLACK_BOT_TOKEN workspace's triggers before its team is known (migration 0013). */
const UNASSIGNED_TEAM = "";

/**
 * Each workspace's hosted app registers its own triggers: a button in workspace T must start T's workflow.
 * `teamId` null: the single workspace whose team is not known yet; a known team also sees those (they are its own
 * until assign-legacy-team.ts moves them), its own registration winning.
 */
export async function readWorkflowTriggers(
  db: BridgeDb,
  teamId: string | null = null,
): Promise<WorkflowTrigger[]> {
  const teams = teamId ? [teamId, UNASSIGNED_TEAM] : [UNASSIGNED_TEAM];
  const rows = await db.selectFrom("workflow_triggers")
    .select(["team_id", "name", "url"]).where("team_id", "in", teams)
    .orderBy("name").execute();
  const byName = new Map<string, WorkflowTrigger>();
  for (const row of rows) {
    if (byName.has(row.name) && row.team_id === UNASSIGNED_TEAM) continue;
    byName.set(row.name, {
      name: row.name as WorkflowTriggerName,
      url: row.url,
    });
  }
  return [...byName.values()];
}

/** Replaces the named triggers' URLs (one statement each, so every replica sees either URL, never none). */
export async function putWorkflowTriggers(
  db: BridgeDb,
  triggers: readonly WorkflowTrigger[],
  now: Date,
  teamId: string | null = null,
): Promise<void> {
  const team_id = teamId ?? UNASSIGNED_TEAM;
  await db.transaction().execute(async (trx) => {
    for (const { name, url } of triggers) {
      await trx.insertInto("workflow_triggers")
        .values({ team_id, name, url, updated_at: now.toISOString() })
        .onConflict((oc) =>
          oc.columns(["team_id", "name"]).doUpdateSet({
            url,
            updated_at: now.toISOString(),
          })
        ).execute();
    }
  });
}

/** Every known URL by name: the registered ones, and SLACK_ACTIONS_TRIGGER_URL where nothing registered the cards'. */
export async function workflowTriggerUrls(
  db: BridgeDb,
  actionsTriggerUrl: string | null,
  teamId: string | null = null,
): Promise<WorkflowTriggerUrls> {
  const urls: WorkflowTriggerUrls = Object.fromEntries(
    (await readWorkflowTriggers(db, teamId)).map((t) => [t.name, t.url]),
  );
  if (actionsTriggerUrl && !urls.incident_action) {
    urls.incident_action = actionsTriggerUrl;
  }
  return urls;
}
