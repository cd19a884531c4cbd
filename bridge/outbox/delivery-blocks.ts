// Slack work held back while Slack refuses the bot token or a channel. Such refusals are about the installation,
// not about one message: failing each job would lose every card until someone re-sent them, and retrying each
// job would only repeat the refusal. So the sender parks the scope's work (the jobs stay pending, untouched),
// says so once, and tries again after a while, or at once when the token changes or the connection is saved.
import type {
  BridgeDb,
  DeliveryBlockScope,
  DeliveryBlockTable,
} from "../db/database.ts";

/** The workspace block's key while the bridge has one bot token (one workspace). */
export const WORKSPACE_BLOCK_KEY = "default";

export type DeliveryBlock = DeliveryBlockTable;

export { tokenFingerprint } from "../slack/token-fingerprint.ts";

export interface ActiveBlocks {
  workspace: DeliveryBlock | null;
  channels: Map<string, DeliveryBlock>;
}

/** `workspaceKey`: the workspace's block key, WORKSPACE_BLOCK_KEY or an installed workspace's team id. */
export async function readDeliveryBlocks(
  db: BridgeDb,
  workspaceKey: string = WORKSPACE_BLOCK_KEY,
): Promise<ActiveBlocks> {
  const rows = await db.selectFrom("delivery_blocks").selectAll().execute();
  return {
    workspace:
      rows.find((r) => r.scope === "workspace" && r.key === workspaceKey) ??
        null,
    channels: new Map(
      rows.filter((r) => r.scope === "channel").map((r) => [r.key, r]),
    ),
  };
}

/**
 * Parks a scope's work until `retryAt`. Returns true when it was not parked before, so that the caller says so
 * once, not once per job or per retry.
 */
export async function parkDelivery(
  db: BridgeDb,
  block: Omit<DeliveryBlock, "since"> & { now: Date },
): Promise<boolean> {
  const { now, ...fields } = block;
  const inserted = await db.insertInto("delivery_blocks")
    .values({ ...fields, since: now.toISOString() })
    .onConflict((oc) => oc.columns(["scope", "key"]).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  await db.updateTable("delivery_blocks")
    .set({
      error: fields.error,
      token_fingerprint: fields.token_fingerprint,
      retry_at: fields.retry_at,
    })
    .where("scope", "=", fields.scope).where("key", "=", fields.key)
    .execute();
  return false;
}

/** Lifts a block; true when there was one. */
export async function clearDeliveryBlock(
  db: BridgeDb,
  scope: DeliveryBlockScope,
  key: string,
): Promise<boolean> {
  const result = await db.deleteFrom("delivery_blocks")
    .where("scope", "=", scope).where("key", "=", key).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
