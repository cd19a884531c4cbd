// doctor's view of the card buttons: whether Slack refused them in this workspace (bridge/outbox/buttons-refused.ts).
import type { Database } from "../db/open-database.ts";
import { readButtonsRefusal } from "../outbox/buttons-refused.ts";
import type { DoctorCheck } from "./run-doctor.ts";

export const CARD_BUTTONS_CHECK = "card buttons";

export async function checkCardButtons(
  open: () => Database,
  /** Null: no buttons are rendered at all, which the trigger URL check already says. */
  triggerUrl: string | null,
): Promise<DoctorCheck[]> {
  if (triggerUrl === null) return [];
  let database: Database | undefined;
  try {
    database = open();
    if (!await database.isReady()) return []; // the database check says why
    const refusal = await readButtonsRefusal(database.db);
    return [
      refusal
        ? {
          name: CARD_BUTTONS_CHECK,
          ok: false,
          detail:
            `Slack refused the card buttons (${refusal.value.method}: ${refusal.value.error}) since ${refusal.updatedAt}: cards are posted without them, responders use their "Open in PagerDuty" link. Check SLACK_ACTIONS_TRIGGER_URL, then run doctor --probe-buttons CHANNEL: when Slack takes a button, cards get theirs back.`,
        }
        : {
          name: CARD_BUTTONS_CHECK,
          ok: true,
          detail:
            "Slack has not refused them (doctor --probe-buttons CHANNEL posts a test card to make sure)",
        },
    ];
  } catch {
    return [];
  } finally {
    await database?.close().catch(() => {});
  }
}
