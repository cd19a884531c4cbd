// doctor's view of the card buttons, per workspace: whether Slack refused them there
// (bridge/outbox/buttons-refused.ts), and whether each installed workspace's hosted app registered the
// incident-action trigger its buttons start (without one its cards have no buttons).
import type { Database } from "../db/open-database.ts";
import { WORKSPACE_BLOCK_KEY } from "../outbox/delivery-blocks.ts";
import { listButtonsRefusals } from "../outbox/buttons-refused.ts";
import { workspaceNames } from "./check-parked-deliveries.ts";
import type { DoctorCheck } from "./run-doctor.ts";

export const CARD_BUTTONS_CHECK = "card buttons";

export async function checkCardButtons(
  open: () => Database,
  /** SLACK_ACTIONS_TRIGGER_URL; null: the SLACK_BOT_TOKEN workspace's cards have no buttons (checkTriggerUrl says so). */
  triggerUrl: string | null,
): Promise<DoctorCheck[]> {
  let database: Database | undefined;
  try {
    database = open();
    if (!await database.isReady()) return []; // the database check says why
    const { db } = database;
    const refusals = await listButtonsRefusals(db);
    const nameOf = await workspaceNames(db);
    const installed = await db.selectFrom("slack_installations")
      .select("team_id").orderBy("team_name").orderBy("team_id").execute();
    const triggers = new Set(
      (await db.selectFrom("workflow_triggers").select("team_id")
        .where("name", "=", "incident_action").execute()).map((r) => r.team_id),
    );
    const checks: DoctorCheck[] = [];
    for (const [workspace, refusal] of refusals) {
      checks.push({
        name: CARD_BUTTONS_CHECK,
        ok: false,
        workspace,
        detail: `Slack refused the card buttons in ${
          nameOf(workspace)
        } (${refusal.value.method}: ${refusal.value.error}) since ${refusal.updatedAt}: its cards are posted without them, responders use their "Open in PagerDuty" link. ${
          workspace === WORKSPACE_BLOCK_KEY
            ? "Check SLACK_ACTIONS_TRIGGER_URL, then run doctor --probe-buttons CHANNEL"
            : `Run the Slack app's "Set up pagerslack" again in that workspace`
        }: when Slack takes a button, cards get theirs back.`,
      });
    }
    for (const { team_id } of installed) {
      if (refusals.has(team_id)) continue;
      checks.push(
        triggers.has(team_id)
          ? {
            name: CARD_BUTTONS_CHECK,
            ok: true,
            workspace: team_id,
            detail: `${
              nameOf(team_id)
            }: its hosted app registered the incident-actions trigger, and Slack has not refused the buttons`,
          }
          : {
            name: CARD_BUTTONS_CHECK,
            ok: false,
            workspace: team_id,
            detail: `${
              nameOf(team_id)
            }: no incident-actions trigger registered, so its cards have no buttons: run the Slack app's "Set up pagerslack" workflow there`,
          },
      );
    }
    if (triggerUrl !== null && !refusals.has(WORKSPACE_BLOCK_KEY)) {
      checks.push({
        name: CARD_BUTTONS_CHECK,
        ok: true,
        workspace: WORKSPACE_BLOCK_KEY,
        detail:
          "Slack has not refused them (doctor --probe-buttons CHANNEL posts a test card to make sure)",
      });
    }
    return checks;
  } catch {
    return [];
  } finally {
    await database?.close().catch(() => {});
  }
}
