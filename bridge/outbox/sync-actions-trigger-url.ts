// The bridge may start before the Slack app exists (the app's deployment needs the bridge's URL; only then is
// there an incident-actions trigger URL): cards then go out without buttons. The database remembers which
// trigger URL the open cards were rendered with, so that a start with another one (set, changed or removed)
// renders them again and they gain (or lose) their buttons.
import type { BridgeDb } from "../db/database.ts";
import { readSetting, writeSetting } from "../db/bridge-settings.ts";
import { forgetButtonsRefusal } from "./buttons-refused.ts";
import { rerenderOpenCards } from "./rerender-open-cards.ts";

const KEY = "actions_trigger_url";

export type TriggerUrlSync =
  | { changed: false }
  | { changed: true; previous: string | null; cards: number };

export async function syncActionsTriggerUrl(
  db: BridgeDb,
  url: string | null,
  now: Date,
): Promise<TriggerUrlSync> {
  const stored = await readSetting<{ url: string | null }>(db, KEY);
  // No record: a new database (no cards yet), or one from before this record, when the URL was required and
  // its cards were rendered with it: either way there is nothing to redo.
  if (stored === null) {
    await writeSetting(db, KEY, { url }, now);
    return { changed: false };
  }
  if (stored.value.url === url) return { changed: false };
  await writeSetting(db, KEY, { url }, now);
  // Slack may have refused the buttons because of the old trigger (another app's, a typo): try the new one.
  await forgetButtonsRefusal(db);
  const cards = await rerenderOpenCards(db, now);
  return { changed: true, previous: stored.value.url, cards };
}
