import type { Logger } from "pino";
import type { BridgeDb } from "./db/database.ts";
import { syncActionsTriggerUrl } from "./outbox/sync-actions-trigger-url.ts";

/** Says once that cards go out without buttons, and renders open cards again when the trigger URL changed. */
export async function syncCardButtons(
  db: BridgeDb,
  url: string | null,
  logger: Logger,
) {
  if (url === null) {
    logger.warn(
      "SLACK_ACTIONS_TRIGGER_URL is not set: cards are posted without buttons until a workspace's \"Set up pagerslack\" registers its incident-actions link (that workspace's cards then get them).",
    );
  }
  const sync = await syncActionsTriggerUrl(db, url, new Date());
  if (sync.changed) {
    logger.info(
      { cards: sync.cards, had_trigger_url: sync.previous !== null },
      `SLACK_ACTIONS_TRIGGER_URL ${
        url === null ? "removed" : sync.previous === null ? "set" : "changed"
      }: rendering the ${sync.cards} cards of open incidents again`,
    );
  }
}
