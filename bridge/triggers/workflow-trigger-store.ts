// The hosted app's link trigger URLs (workflow_triggers), registered through the bridge API. The cards' trigger
// may also come from SLACK_ACTIONS_TRIGGER_URL, which the cards keep using; a registered URL is preferred for
// slash command answers since the hosted app knows its own triggers best.
import type {
  WorkflowTrigger,
  WorkflowTriggerName,
} from "../../shared/bridge-api/bridge-api-schemas.ts";
import type { BridgeDb } from "../db/database.ts";

export type WorkflowTriggerUrls = Partial<Record<WorkflowTriggerName, string>>;

export async function readWorkflowTriggers(
  db: BridgeDb,
): Promise<WorkflowTrigger[]> {
  const rows = await db.selectFrom("workflow_triggers")
    .select(["name", "url"]).orderBy("name").execute();
  return rows.map((row) => ({
    name: row.name as WorkflowTriggerName,
    url: row.url,
  }));
}

/** Replaces the named triggers' URLs (one statement each, so every replica sees either URL, never none). */
export async function putWorkflowTriggers(
  db: BridgeDb,
  triggers: readonly WorkflowTrigger[],
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const { name, url } of triggers) {
      await trx.insertInto("workflow_triggers")
        .values({ name, url, updated_at: now.toISOString() })
        .onConflict((oc) =>
          oc.column("name").doUpdateSet({
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
): Promise<WorkflowTriggerUrls> {
  const urls: WorkflowTriggerUrls = Object.fromEntries(
    (await readWorkflowTriggers(db)).map((t) => [t.name, t.url]),
  );
  if (actionsTriggerUrl && !urls.incident_action) {
    urls.incident_action = actionsTriggerUrl;
  }
  return urls;
}
