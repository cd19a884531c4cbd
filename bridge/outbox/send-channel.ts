// One pass over one channel, under its lease in the `channels` table so that one replica at a time sends a
// channel's messages, in order: the lag notice, then the channel's pending jobs one at a time.
import type { OutboxRow } from "../db/database.ts";
import { deliverCard } from "./deliver-card.ts";
import { deliverDigest } from "./deliver-digest.ts";
import { deliverHandoff } from "./deliver-handoff.ts";
import { deliverUpdate } from "./deliver-update.ts";
import { CHANNEL_METHODS, type JobOutcome } from "./job-outcome.ts";
import { postLagNotice } from "./post-lag-notice.ts";
import { recordJobError, setAsideUnrenderable } from "./record-job-error.ts";
import { iso, type SenderContext } from "./sender-context.ts";
import { gatherStorm, touchDigest } from "./storm-digest.ts";
import { isDmTarget } from "../jobs/is-dm-target.ts";

export interface ChannelResult {
  sent: number;
  /** Milliseconds until this channel has work due again; null when nothing it saw is waiting. */
  waitMs: number | null;
}

export async function sendChannel(
  ctx: SenderContext,
  channelId: string,
): Promise<ChannelResult> {
  const { db, now, pass } = ctx;
  const startMs = now().getTime();
  if (!await takeLease(ctx, channelId, startMs)) {
    return { sent: 0, waitMs: null };
  }
  let sent = 0;
  let waitMs: number | null = null;
  const waitAtMost = (ms: number) => waitMs = Math.min(waitMs ?? ms, ms);
  let stopped = false;
  // A person's DMs (their cards keyed by their user id) get neither lag notices nor storm digests: each DM card
  // is theirs alone.
  const dm = isDmTarget(channelId);
  try {
    // While Slack refuses this channel or the token, a notice would only be refused too.
    if (!dm && !pass.parked.workspace && !pass.parked.channels.has(channelId)) {
      const noticeWait = await postLagNotice(ctx, channelId, startMs);
      if (noticeWait !== null) waitAtMost(noticeWait);
    }
    // A storm's new cards go into one digest message before any of them is sent one by one.
    if (!dm) await gatherStorm(ctx, channelId);
    // A storm digest first: one post or edit of it shows many incidents, and its pages must not queue behind
    // the cards of the few incidents that left it (nor fall outside the pass's first jobs).
    const digestJobs = await db.selectFrom("outbox").selectAll()
      .where("channel_id", "=", channelId).where("status", "=", "pending")
      .where("kind", "=", "digest").orderBy("id").execute();
    const otherJobs = await db.selectFrom("outbox").selectAll()
      .where("channel_id", "=", channelId).where("status", "=", "pending")
      .where("kind", "!=", "digest")
      .orderBy("id").limit(100).execute();
    const jobs = [...digestJobs, ...otherJobs];
    // Order matters within an incident (card before its thread replies); one incident waiting never holds up
    // the others in the channel.
    const blocked = new Set<string>();
    // A method waiting for its budget (or after Slack's 429) holds back only the jobs that need it: an edit
    // waiting for chat.update's budget keeps no new incident's card out of the channel.
    const waiting = new Set<string>();
    const allWaiting = () => CHANNEL_METHODS.every((m) => waiting.has(m));
    for (const job of jobs) {
      const incident = job.incident_id ?? job.dedupe_key;
      if (blocked.has(incident)) continue;
      const nowMs = now().getTime();
      if (Date.parse(job.available_at) > nowMs) {
        blocked.add(incident);
        waitAtMost(Date.parse(job.available_at) - nowMs);
        continue;
      }
      const outcome = await deliverJob(ctx, job, waiting);
      if (outcome.kind === "done") {
        sent += outcome.sent;
        if (!(await finish(ctx, job, now().getTime()))) blocked.add(incident);
      } else if (outcome.kind === "wait") {
        waitAtMost(outcome.ms);
        blocked.add(incident);
        waiting.add(outcome.method);
        if (allWaiting()) break;
      } else if (outcome.kind === "blocked") {
        blocked.add(incident);
      } else if (outcome.kind === "unrenderable") {
        await setAsideUnrenderable(ctx, job, outcome.cause);
      } else {
        const { error } = outcome;
        const effect = await recordJobError(ctx, job, error, now().getTime());
        if (error.outcome !== "permanent") blocked.add(incident);
        if (error.outcome === "rate_limited") {
          waitAtMost(error.retryAfterMs ?? 1000);
        }
        if (effect === "stop_channel") {
          stopped = true;
          break;
        }
        if (effect === "method_waits") {
          waiting.add(error.method);
          if (allWaiting()) break;
        }
      }
    }
    // Caught up during this pass: say so now rather than on the next one.
    if (!stopped && !dm) {
      const noticeWait = await postLagNotice(ctx, channelId, now().getTime());
      if (noticeWait !== null) waitAtMost(noticeWait);
    }
  } finally {
    await db.updateTable("channels")
      .set({ locked_by: null, locked_until: null })
      .where("channel_id", "=", channelId)
      .where("locked_by", "=", ctx.instanceId)
      .execute();
  }
  return { sent, waitMs };
}

/** The channel's lease for this replica: free, expired (its holder may have died), or already ours. */
async function takeLease(
  { db, instanceId, leaseMs }: SenderContext,
  channelId: string,
  startMs: number,
): Promise<boolean> {
  await db.insertInto("channels").values({
    channel_id: channelId,
    locked_by: null,
    locked_until: null,
    behind: 0,
    behind_changed_at: null,
  }).onConflict((oc) => oc.doNothing()).execute();
  const lease = await db.updateTable("channels")
    .set({ locked_by: instanceId, locked_until: iso(startMs + leaseMs) })
    .where("channel_id", "=", channelId)
    .where((eb) =>
      eb.or([
        eb("locked_until", "is", null),
        eb("locked_until", "<", iso(startMs)),
        eb("locked_by", "=", instanceId),
      ])
    ).executeTakeFirst();
  return Number(lease.numUpdatedRows) > 0;
}

/** Delivers one job, unless the method it needs is already waiting in this pass (then it waits too). */
async function deliverJob(
  ctx: SenderContext,
  job: OutboxRow,
  waiting: ReadonlySet<string>,
): Promise<JobOutcome> {
  if (job.kind === "digest") {
    // It checks the budget it needs itself (a post first, edits after).
    return await deliverDigest(ctx, job);
  }
  if (job.kind === "handoff") {
    return waiting.has("chat.postMessage")
      ? { kind: "blocked" }
      : await deliverHandoff(ctx, job);
  }
  if (job.kind !== "card") {
    return waiting.has("chat.postMessage")
      ? { kind: "blocked" }
      : await deliverUpdate(ctx, job);
  }
  const card = await ctx.db.selectFrom("cards").selectAll()
    .where("incident_id", "=", job.incident_id ?? "")
    .where("channel_id", "=", job.channel_id)
    .executeTakeFirst();
  if (!card || waiting.has(card.ts ? "chat.update" : "chat.postMessage")) {
    return { kind: "blocked" };
  }
  const outcome = await deliverCard(ctx, job, card);
  if (outcome.kind === "done" && card.digest_id !== null) {
    // An incident with a card of its own keeps its digest line: the first post links the line to the card, and
    // every later change (acknowledged, resolved) must reach the line and the digest's counts too.
    await touchDigest(ctx.db, card.digest_id, iso(ctx.now().getTime()));
  }
  return outcome;
}

/** Marks the job done, unless a change that arrived while it was sent bumped its version (kept for that). */
async function finish(
  { db, metrics }: SenderContext,
  job: OutboxRow,
  nowMs: number,
) {
  metrics.webhookToCardLag.observe(
    (nowMs - Date.parse(job.enqueued_at)) / 1000,
  );
  const done = await db.updateTable("outbox")
    .set({ status: "done", last_error: null })
    .where("id", "=", job.id).where("version", "=", job.version)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) > 0;
}
