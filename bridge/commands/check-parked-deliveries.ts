// doctor's view of Slack work that waits for a person: deliveries parked because Slack refused a workspace's bot
// token (or the bridge has none for it any more) or a channel, and work given up after the retention window.
// Per workspace: one workspace's refusal is named as that workspace's, with its own remedy.
import type { BridgeDb } from "../db/database.ts";
import type { Database } from "../db/open-database.ts";
import { WORKSPACE_BLOCK_KEY } from "../outbox/delivery-blocks.ts";
import { GIVEN_UP_PREFIX } from "../outbox/give-up-stale-jobs.ts";
import { readWorkspaceDeliveryState } from "../outbox/workspace-delivery-state.ts";
import type { DoctorCheck } from "./run-doctor.ts";

const NAME = "parked deliveries";

/** "workspace Second Co (T0SIMTEAM2)", from the installations; the SLACK_BOT_TOKEN one by that name. */
export async function workspaceNames(
  db: BridgeDb,
): Promise<(key: string) => string> {
  const rows = await db.selectFrom("slack_installations")
    .select(["team_id", "team_name"]).execute();
  const names = new Map(rows.map((r) => [r.team_id, r.team_name]));
  return (key) =>
    key === WORKSPACE_BLOCK_KEY
      ? "the SLACK_BOT_TOKEN workspace"
      : names.has(key)
      ? `workspace ${names.get(key)} (${key})`
      : `workspace ${key}`;
}

export async function checkParkedDeliveries(
  open: () => Database,
  /** `tokenFingerprint` of the SLACK_BOT_TOKEN configured now. */
  tokenFingerprint: string,
  /** SLACK_BOT_TOKEN's team (auth.test), whose rows may carry none; null: unknown or no bot token. */
  botTeam: string | null = null,
): Promise<DoctorCheck[]> {
  let database: Database | undefined;
  try {
    database = open();
    if (!await database.isReady()) return []; // the database check says why
    const { db } = database;
    const states = await readWorkspaceDeliveryState(db, botTeam);
    const nameOf = await workspaceNames(db);
    const givenUp = await db.selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "failed")
      .where("last_error", "like", `${GIVEN_UP_PREFIX}:%`)
      .executeTakeFirst();
    const checks: DoctorCheck[] = [];
    for (const state of states.values()) {
      const workspace = state.key;
      const block = state.block;
      if (block) {
        checks.push({
          name: NAME,
          ok: false,
          workspace,
          detail: workspaceBlockDetail(
            nameOf(workspace),
            workspace === WORKSPACE_BLOCK_KEY,
            block,
            state.pendingJobs,
            tokenFingerprint,
          ),
        });
      }
      for (const { block: channel, parkedJobs } of state.channelBlocks) {
        checks.push({
          name: NAME,
          ok: false,
          workspace,
          detail:
            `Slack refuses posting in ${channel.key} (${channel.error}) since ${channel.since}: ${parkedJobs} cards and updates wait. Invite the bot (/invite @PagerSlack), or unarchive the channel, then save its connection again in the app's Connect a channel.`,
        });
      }
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

function workspaceBlockDetail(
  name: string,
  isBotToken: boolean,
  block: { error: string; since: string; token_fingerprint: string },
  waiting: number,
  tokenFingerprint: string,
): string {
  const wait =
    `${waiting} cards and updates wait, webhooks are still accepted (other workspaces are not affected)`;
  if (block.error === "not_installed") {
    return `The bridge has no bot token for ${name} since ${block.since} (the app was uninstalled there, or its tokens revoked): ${wait}. Install the app there again with Add to Slack (/slack/install).`;
  }
  if (!isBotToken) {
    return `Slack refused the bot token of ${name} (${block.error}) since ${block.since}: ${wait}. Install the app there again with Add to Slack (/slack/install): its new token is used at once.`;
  }
  const changed = block.token_fingerprint !== tokenFingerprint
    ? " The token configured here is a different one: the bridge tries it when it next starts."
    : " Set SLACK_BOT_TOKEN to a working bot token of the bridge's Slack app and restart the bridge.";
  return `Slack refused the bot token (${block.error}) since ${block.since}: ${wait}.${changed}`;
}
