// What keeps each workspace's cards back, read in a few queries for doctor and the status page: its workspace
// block (a refused or missing bot token), the blocks of its channels, and whether Slack refused its card
// buttons, with the pending jobs each one holds. Grouped by workspace block key (workspace-block-key.ts), so
// workspace A's refused token is never shown as workspace B's problem.
import type { BridgeDb } from "../db/database.ts";
import type { Setting } from "../db/bridge-settings.ts";
import { type ButtonsRefusal, listButtonsRefusals } from "./buttons-refused.ts";
import type { DeliveryBlock } from "./delivery-blocks.ts";
import { workspaceBlockKey } from "./workspace-block-key.ts";

export interface WorkspaceDeliveryState {
  /** The workspace block key: WORKSPACE_BLOCK_KEY (SLACK_BOT_TOKEN's workspace) or a team id. */
  key: string;
  /** The workspace's own block (refused token, not installed), if any. */
  block: DeliveryBlock | null;
  /** Pending jobs of the workspace (all of them wait while `block` is set). */
  pendingJobs: number;
  channelBlocks: { block: DeliveryBlock; parkedJobs: number }[];
  buttonsRefusal: Setting<ButtonsRefusal> | null;
}

/**
 * Every workspace with a block, a blocked channel, a buttons refusal or pending jobs; `botTeam`: SLACK_BOT_TOKEN's
 * team (null: no bot token, or auth.test has not named it), whose rows may carry no team.
 */
export async function readWorkspaceDeliveryState(
  db: BridgeDb,
  botTeam: string | null,
): Promise<Map<string, WorkspaceDeliveryState>> {
  const [blocks, pending, refusals, connections] = await Promise.all([
    db.selectFrom("delivery_blocks").selectAll().orderBy("key").execute(),
    db.selectFrom("outbox")
      .select((eb) => [
        "channel_id",
        "team_id",
        eb.fn.countAll<number>().as("n"),
      ])
      .where("status", "=", "pending").groupBy(["channel_id", "team_id"])
      .execute(),
    listButtonsRefusals(db),
    db.selectFrom("connections").select(["channel_id", "team_id"]).execute(),
  ]);
  const states = new Map<string, WorkspaceDeliveryState>();
  const stateOf = (key: string) => {
    let state = states.get(key);
    if (!state) {
      state = {
        key,
        block: null,
        pendingJobs: 0,
        channelBlocks: [],
        buttonsRefusal: null,
      };
      states.set(key, state);
    }
    return state;
  };
  // A channel's workspace is its jobs' team, else its connections'.
  const channelKey = new Map<string, string>();
  const channelPending = new Map<string, number>();
  for (const c of connections) {
    channelKey.set(c.channel_id, workspaceBlockKey(c.team_id, botTeam));
  }
  for (const row of pending) {
    const key = workspaceBlockKey(row.team_id, botTeam);
    channelKey.set(row.channel_id, key);
    stateOf(key).pendingJobs += Number(row.n);
    channelPending.set(
      row.channel_id,
      (channelPending.get(row.channel_id) ?? 0) + Number(row.n),
    );
  }
  for (const block of blocks) {
    if (block.scope === "workspace") {
      stateOf(block.key).block = block;
      continue;
    }
    stateOf(channelKey.get(block.key) ?? workspaceBlockKey(null, botTeam))
      .channelBlocks.push({
        block,
        parkedJobs: channelPending.get(block.key) ?? 0,
      });
  }
  for (const [key, refusal] of refusals) stateOf(key).buttonsRefusal = refusal;
  return states;
}
