// Delivers a card job: claims the right to post, adopts a card posted before a crash, posts or edits it, posts
// it again when someone deleted it, and falls back to a card without buttons when Slack refuses them.
import type { CardRow, OutboxRow } from "../db/database.ts";
import type { SlackResult } from "../slack/slack-client.ts";
import { CARD_METADATA_EVENT_TYPE } from "./card-renderer.ts";
import { findPostedMessage } from "./find-posted-message.ts";
import { mayRefuseButtons, rememberButtonsRefusal } from "./buttons-refused.ts";
import { workspaceLabel } from "./workspace-block-key.ts";
import { alertContextSafely, enrichSafely } from "./enrich.ts";
import { type JobOutcome, tryRender } from "./job-outcome.ts";
import { iso, loadSnapshot, type SenderContext } from "./sender-context.ts";
import { isDmTarget } from "../jobs/is-dm-target.ts";
import { prepareDm } from "./prepare-dm.ts";
import { linkDmCards } from "./link-dm-cards.ts";

export async function deliverCard(
  ctx: SenderContext,
  job: OutboxRow,
  card: CardRow,
): Promise<JobOutcome> {
  const { db, slack, paced, renderer, logger, now, instanceId, leaseMs } = ctx;
  const incidentId = job.incident_id as string;
  const channelId = job.channel_id;
  // A DM card is keyed by its person; Slack calls go to the IM opened for them.
  const prepared = isDmTarget(channelId) ? await prepareDm(ctx, card) : null;
  if (prepared && !prepared.ok) return prepared.outcome;
  const dm = prepared?.dm ?? null;
  const slackChannel = dm?.imChannelId ?? channelId;
  if (card.ts) {
    // An edit that the budget would refuse: do not load and render it only to find out.
    const early = await paced.editWait(slackChannel);
    if (early > 0) return { kind: "wait", ms: early, method: "chat.update" };
  }
  const snapshot = await loadSnapshot(db, incidentId);
  if (!snapshot) return { kind: "blocked" };
  const [enriched, alertContext] = await Promise.all([
    enrichSafely(ctx.enrich, logger, snapshot),
    alertContextSafely(ctx.alertContexts, logger, incidentId),
  ]);
  const nowD = now();
  const render = (withoutButtons: boolean) =>
    tryRender(() =>
      dm && renderer.dmCard
        ? renderer.dmCard(enriched.snapshot, {
          recipientPagerDutyUserId: dm.recipientPagerDutyUserId,
          channelCardPermalink: dm.channelCardPermalink,
          now: nowD,
          mentions: enriched.mentions,
          withoutButtons,
        })
        : renderer.card(enriched.snapshot, {
          kind: card.kind,
          now: nowD,
          mentions: enriched.mentions,
          withoutButtons,
          alertContext,
        })
    );
  const { plainRetries } = ctx.pass;
  // Slack refused this card's buttons on an earlier try whose plain retry had to wait for the budget.
  const refusedBefore = plainRetries.get(job.dedupe_key);
  const rendered = render(
    ctx.pass.buttonsRefused || refusedBefore !== undefined,
  );
  if (!rendered.ok) return { kind: "unrenderable", cause: rendered.cause };
  const message = rendered.value;
  /** The plain try after a refusal: taken, the refusal was the buttons'; refused, it was not (or not only). */
  const settlePlain = async <T>(
    result: SlackResult<T>,
    refusal: { method: string; error: string },
  ) => {
    if (!result.ok && result.error.outcome === "rate_limited") {
      plainRetries.set(job.dedupe_key, refusal);
      return;
    }
    plainRetries.delete(job.dedupe_key);
    if (result.ok) {
      await rememberRefusedButtons(ctx, refusal.method, refusal.error);
    }
  };
  /**
   * Posts or edits the card; when Slack refuses it and it has buttons, sends it again without them, and
   * remembers the refusal only if that is taken (else the refusal was about something else).
   */
  const callCard = async <T>(
    method: "chat.postMessage" | "chat.update",
    args: Record<string, unknown>,
  ): Promise<SlackResult<T>> => {
    const first = await paced.call<T>(method, channelId, {
      ...args,
      ...message,
    });
    if (refusedBefore) {
      await settlePlain(first, refusedBefore);
      return first;
    }
    if (first.ok || !mayRefuseButtons(first.error, message)) return first;
    const plain = render(true);
    if (!plain.ok) return first;
    const second = await paced.call<T>(method, channelId, {
      ...args,
      ...plain.value,
    });
    await settlePlain(second, { method, error: first.error.error });
    return second;
  };
  /** An update of this card's row. */
  const where = (query: ReturnType<typeof db.updateTable<"cards">>) =>
    query.where("incident_id", "=", incidentId)
      .where("channel_id", "=", channelId);

  let ts = card.ts;
  if (!ts) {
    const wait = await paced.postWait(slackChannel);
    if (wait > 0) return { kind: "wait", ms: wait, method: "chat.postMessage" };
    // The right to post: exactly one claimant per card, across replicas; a dead claimant's claim expires.
    const claimed = await where(db.updateTable("cards"))
      .set((eb) => ({
        claimed_by: instanceId,
        claimed_at: nowD.toISOString(),
        post_attempts: eb("post_attempts", "+", 1),
      }))
      .where("ts", "is", null)
      .where((eb) =>
        eb.or([
          eb("claimed_by", "is", null),
          eb("claimed_by", "=", instanceId),
          eb("claimed_at", "<", iso(nowD.getTime() - leaseMs)),
        ])
      )
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return { kind: "blocked" };
    if (card.post_attempts > 0) {
      // A previous attempt may have reached Slack: adopt that card instead of posting a second one.
      const found = await findPostedMessage(slack, {
        channelId: slackChannel,
        oldestSeconds: card.claimed_at
          ? Date.parse(card.claimed_at) / 1000 - 60
          : undefined,
        matches: (metadata) =>
          metadata.event_type === CARD_METADATA_EVENT_TYPE &&
          metadata.event_payload?.incident_id === incidentId,
      });
      if (!found.ok) return { kind: "error", error: found.error };
      if (found.data.ts) {
        logger.info({
          incident_id: incidentId,
          channel_id: channelId,
          ts: found.data.ts,
        }, "adopted card posted before a crash");
        ts = found.data.ts;
        await where(db.updateTable("cards"))
          .set({ ts, claimed_by: null }).execute();
      }
    }
    if (!ts) {
      const posted = await callCard<{ ts: string }>("chat.postMessage", {
        channel: slackChannel,
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!posted.ok) {
        if (posted.error.outcome !== "retryable") {
          // Slack refused it: nothing was posted, so no search is needed next time.
          await where(db.updateTable("cards"))
            .set((eb) => ({ post_attempts: eb("post_attempts", "-", 1) }))
            .execute();
        }
        return { kind: "error", error: posted.error };
      }
      await ctx.afterCardPosted?.({
        incidentId,
        channelId,
        ts: posted.data.ts,
      });
      await where(db.updateTable("cards")).set({
        ts: posted.data.ts,
        claimed_by: null,
        rendered_version: card.version,
      }).execute();
      logger.info({
        incident_id: incidentId,
        channel_id: channelId,
        ts: posted.data.ts,
      }, "card posted");
      if (!dm) await linkDmCards(db, { incidentId, channelId, now: nowD });
      return { kind: "done", sent: 1 };
    }
  }

  if (!card.ts) {
    // An adopted card (the early check above ran for the others): no rendering is left to save, but a wait
    // keeps the job's schedule where a refusal would move it.
    const wait = await paced.editWait(slackChannel);
    if (wait > 0) return { kind: "wait", ms: wait, method: "chat.update" };
  }
  const updated = await callCard("chat.update", { channel: slackChannel, ts });
  if (!updated.ok && updated.error.error === "message_not_found") {
    // Someone deleted the card: the incident must still be in the channel, so post a new one (no search:
    // the old message is known to be gone).
    logger.warn(
      { incident_id: incidentId, channel_id: channelId, ts },
      "card was deleted in Slack; posting it again",
    );
    await where(db.updateTable("cards"))
      .set({ ts: null, claimed_by: null, post_attempts: 0 }).execute();
    return await deliverCard(ctx, job, { ...card, ts: null, post_attempts: 0 });
  }
  if (!updated.ok) return { kind: "error", error: updated.error };
  await where(db.updateTable("cards"))
    .set({ rendered_version: card.version }).execute();
  logger.info(
    { incident_id: incidentId, channel_id: channelId, ts },
    "card updated",
  );
  return { kind: "done", sent: 1 };
}

async function rememberRefusedButtons(
  { db, logger, now, pass }: SenderContext,
  method: string,
  error: string,
) {
  pass.buttonsRefused = true;
  const fresh = await rememberButtonsRefusal(
    db,
    { method, error },
    now(),
    pass.blockKey,
  );
  if (!fresh) return;
  logger.error(
    { method, error, workspace: pass.blockKey },
    `Slack refused the card buttons (${method}: ${error}) in ${
      workspaceLabel(pass.blockKey)
    }: its cards are posted without them from now on, with their "Open in PagerDuty" link (other workspaces keep theirs). Run \`doctor --probe-buttons CHANNEL\`, or the Slack app's "Set up pagerslack" again in that workspace, to try again; when Slack takes a button, cards get theirs back.`,
  );
}
