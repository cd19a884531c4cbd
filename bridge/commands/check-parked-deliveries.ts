// doctor's view of Slack work that waits for a person: deliveries parked because Slack refused the bot token or
// a channel, and work given up after the retention window.
import type { Database } from "../db/open-database.ts";
import {
  countParkedJobs,
  readDeliveryBlocks,
} from "../outbox/delivery-blocks.ts";
import { GIVEN_UP_PREFIX } from "../outbox/give-up-stale-jobs.ts";
import type { DoctorCheck } from "./run-doctor.ts";

const NAME = "parked deliveries";

export async function checkParkedDeliveries(
  open: () => Database,
  /** `tokenFingerprint` of the SLACK_BOT_TOKEN configured now. */
  tokenFingerprint: string,
): Promise<DoctorCheck[]> {
  let database: Database | undefined;
  try {
    database = open();
    if (!await database.isReady()) return []; // the database check says why
    const { db } = database;
    const blocks = await readDeliveryBlocks(db);
    const parked = await countParkedJobs(db, blocks);
    const givenUp = await db.selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "failed")
      .where("last_error", "like", `${GIVEN_UP_PREFIX}:%`)
      .executeTakeFirst();
    const checks: DoctorCheck[] = [];
    if (blocks.workspace) {
      const block = blocks.workspace;
      const changed = block.token_fingerprint !== tokenFingerprint
        ? " The token configured here is a different one: the bridge tries it when it next starts."
        : " Set SLACK_BOT_TOKEN to a working bot token of the bridge's Slack app and restart the bridge.";
      checks.push({
        name: NAME,
        ok: false,
        detail:
          `Slack refused the bot token (${block.error}) since ${block.since}: ${parked.workspace} cards and updates wait, webhooks are still accepted.${changed}`,
      });
    }
    for (const [channel, block] of blocks.channels) {
      checks.push({
        name: NAME,
        ok: false,
        detail:
          `Slack refuses posting in ${channel} (${block.error}) since ${block.since}: ${
            parked.channels.get(channel) ?? 0
          } cards and updates wait. Invite the bot (/invite @PagerSlack), or unarchive the channel, then save its connection again in the app's Connect a channel.`,
      });
    }
    const lost = Number(givenUp?.n ?? 0);
    if (lost > 0) {
      checks.push({
        name: NAME,
        ok: false,
        detail:
          `${lost} cards and updates were given up, still undelivered after the retention window (RETENTION_DAYS); outbox rows with last_error "${GIVEN_UP_PREFIX}: …" say why`,
      });
    }
    return checks.length > 0
      ? checks
      : [{ name: NAME, ok: true, detail: "none: Slack takes every delivery" }];
  } catch {
    return [];
  } finally {
    await database?.close().catch(() => {});
  }
}
