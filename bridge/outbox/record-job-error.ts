// What a failed job leaves behind: a rate limit delays it, a refused token or channel parks its work, a
// permanent refusal fails it, anything else is retried with backoff; an unrenderable job is set aside.
import type { OutboxRow } from "../db/database.ts";
import type { SlackApiError } from "../slack/slack-errors.ts";
import { backoffDelay } from "../jobs/backoff-delay.ts";
import { parkDelivery, WORKSPACE_BLOCK_KEY } from "./delivery-blocks.ts";
import { iso, type SenderContext } from "./sender-context.ts";
import { isDmTarget } from "../jobs/is-dm-target.ts";

/**
 * What a failed job did to its channel's pass: carry on with other incidents, hold back the jobs that need the
 * rate-limited method (the error's), or stop the channel.
 */
export type ErrorEffect = "continue" | "method_waits" | "stop_channel";

export async function recordJobError(
  ctx: SenderContext,
  job: OutboxRow,
  error: SlackApiError,
  nowMs: number,
): Promise<ErrorEffect> {
  const { db, logger, metrics, retry } = ctx;
  const log = {
    incident_id: job.incident_id,
    channel_id: job.channel_id,
    job: job.kind,
    method: error.method,
    error: error.error,
  };
  switch (error.outcome) {
    case "rate_limited":
      await db.updateTable("outbox")
        .set({ available_at: iso(nowMs + (error.retryAfterMs ?? 1000)) })
        .where("id", "=", job.id).execute();
      return "method_waits";
    case "workspace_blocked":
    case "channel_blocked":
      await park(ctx, job, error, nowMs);
      return "stop_channel";
    case "permanent":
      metrics.permanentErrors.inc({ error: error.error });
      logger.error(
        log,
        `Slack refused ${job.kind} for channel ${job.channel_id}: ${error.error}; not retrying`,
      );
      await db.updateTable("outbox")
        .set({
          status: "failed",
          attempts: job.attempts + 1,
          last_error: error.error,
        })
        .where("id", "=", job.id).where("version", "=", job.version)
        .execute();
      return "continue";
    case "retryable": {
      // Slack (or the way to it) is failing: never the end of a card or update. Back off to the cap and keep
      // trying; the retention window's pruning gives up on what is still pending after it.
      const attempts = job.attempts + 1;
      const delay = backoffDelay(attempts, retry);
      logger.warn(
        { ...log, attempts, retry_in_ms: delay },
        "Slack call failed, will retry",
      );
      await db.updateTable("outbox")
        .set({
          attempts,
          available_at: iso(nowMs + delay),
          last_error: error.error,
        })
        .where("id", "=", job.id).execute();
      return "continue";
    }
  }
}

/** Parks the work of the token or channel Slack refused; says so once per block, not per job. */
async function park(
  { db, logger, metrics, tokenFingerprint, blockRetryMs, pass }: SenderContext,
  job: OutboxRow,
  error: SlackApiError,
  nowMs: number,
) {
  const workspace = error.outcome === "workspace_blocked";
  const fresh = await parkDelivery(db, {
    scope: workspace ? "workspace" : "channel",
    key: workspace ? pass.blockKey : job.channel_id,
    error: error.error,
    token_fingerprint: tokenFingerprint,
    retry_at: iso(nowMs + blockRetryMs),
    now: new Date(nowMs),
  });
  // The job itself is fine: it waits unchanged (no attempt counted), and shows why in `last_error`.
  await db.updateTable("outbox").set({ last_error: error.error })
    .where("id", "=", job.id).execute();
  if (!fresh) return;
  metrics.deliveryBlocks.inc({
    scope: workspace ? "workspace" : "channel",
    error: error.error,
  });
  const retrySeconds = Math.round(blockRetryMs / 1000);
  if (workspace && pass.blockKey !== WORKSPACE_BLOCK_KEY) {
    logger.error(
      { team_id: pass.blockKey, method: error.method, error: error.error },
      `Slack refused the bot token of workspace ${pass.blockKey} (${error.error}): that workspace's Slack deliveries are parked (other workspaces' go on). Install the bridge's Slack app in it again ("Add to Slack"); parked cards and updates are then delivered. Tried again every ${retrySeconds} s meanwhile.`,
    );
  } else if (workspace) {
    logger.error(
      { method: error.method, error: error.error },
      `Slack refused the bot token (${error.error}): every Slack delivery is parked and webhooks are still accepted. Set SLACK_BOT_TOKEN to a working bot token of the bridge's Slack app (with every scope of bridge/slack-app-manifest.json) and restart; parked cards and updates are then delivered. Tried again every ${retrySeconds} s meanwhile.`,
    );
  } else if (isDmTarget(job.channel_id)) {
    logger.error(
      {
        slack_user_id: job.channel_id,
        method: error.method,
        error: error.error,
      },
      `Slack refused the incident DM to ${job.channel_id} (${error.error}): their DM cards are parked (channel cards go on); tried again every ${retrySeconds} s.`,
    );
  } else {
    logger.error(
      { channel_id: job.channel_id, method: error.method, error: error.error },
      `Slack refused posting in channel ${job.channel_id} (${error.error}): its deliveries are parked. Invite the bridge's bot to the channel (or unarchive it) and save its connection again in the Connect workflow; tried again every ${retrySeconds} s meanwhile.`,
    );
  }
}

/** The renderer threw on this job: it fails alone, and the pass goes on. */
export async function setAsideUnrenderable(
  { db, logger, metrics }: SenderContext,
  job: OutboxRow,
  cause: unknown,
) {
  const message = cause instanceof Error ? cause.message : String(cause);
  metrics.permanentErrors.inc({ error: "unrenderable" });
  logger.error(
    {
      incident_id: job.incident_id,
      channel_id: job.channel_id,
      job: job.kind,
      err: cause,
    },
    `could not render ${job.kind} for incident ${job.incident_id}: set aside, other work goes on`,
  );
  await db.updateTable("outbox")
    .set({
      status: "failed",
      attempts: job.attempts + 1,
      last_error: `unrenderable: ${message}`.slice(0, 500),
    })
    .where("id", "=", job.id).where("version", "=", job.version).execute();
}
