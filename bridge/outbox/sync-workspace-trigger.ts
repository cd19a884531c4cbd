// A workspace's hosted app registered its incident-actions trigger (PUT /api/v1/workflow-triggers, from its
// "Set up pagerslack" workflow), which that workspace's card buttons start (workspace-outbox.ts). Its open cards
// were rendered without buttons (no trigger yet) or with the old URL: they are rendered again, through the
// outbox, so the edits go at Slack's pace. Only that workspace's cards: another workspace's buttons start its own
// trigger and did not change. Registering again is also how an admin retries after Slack refused the buttons in
// that workspace (buttons-refused.ts): the refusal is forgotten, and the cards try their buttons again.
import type { BridgeDb } from "../db/database.ts";
import { forgetButtonsRefusal } from "./buttons-refused.ts";
import { rerenderOpenCards } from "./rerender-open-cards.ts";
import { teamsOfBlockKey, workspaceBlockKey } from "./workspace-block-key.ts";

export interface WorkspaceTriggerSync {
  /** Cards of open incidents asked to be rendered again (0: nothing changed for the buttons). */
  cards: number;
  /** A refusal of the buttons in this workspace was forgotten. */
  refusalForgotten: boolean;
}

export async function syncWorkspaceTrigger(
  db: BridgeDb,
  {
    teamId,
    botTeam,
    previousUrl,
    url,
    now,
  }: {
    /** The registering workspace (null: the single workspace whose team is not known yet). */
    teamId: string | null;
    /** SLACK_BOT_TOKEN's team (null: none, or not known yet). */
    botTeam: string | null;
    previousUrl: string | null;
    url: string;
    now: Date;
  },
): Promise<WorkspaceTriggerSync> {
  const key = workspaceBlockKey(teamId, botTeam);
  const refusalForgotten = await forgetButtonsRefusal(db, key);
  if (previousUrl === url && !refusalForgotten) {
    return { cards: 0, refusalForgotten };
  }
  const cards = await rerenderOpenCards(
    db,
    now,
    teamsOfBlockKey(key, botTeam),
  );
  return { cards, refusalForgotten };
}
