// Delivers an update job: a message in the channel or the card's thread, once the card is there. Update
// messages carry metadata, and a second attempt at one looks for the first before posting.
import type { OutboxRow } from "../db/database.ts";
import { SlackApiError } from "../slack/slack-errors.ts";
import type { WebhookEnvelope } from "../../shared/pagerduty/webhook-event.ts";
import { cardJobKey } from "../jobs/enqueue-card.ts";
import type { UpdatePayload } from "../jobs/enqueue-update.ts";
import type { SlackMessage } from "./card-renderer.ts";
import { findEarlierJobPost, postJobMessage } from "./post-job-message.ts";
import { enrichSafely } from "./enrich.ts";
import { type JobOutcome, tryRender } from "./job-outcome.ts";
import { loadSnapshot, type SenderContext } from "./sender-context.ts";

/** `metadata.event_type` of update messages: how a second attempt finds the first one. */
export const UPDATE_METADATA_EVENT_TYPE = "pagerduty_incident_update";

export async function deliverUpdate(
  ctx: SenderContext,
  job: OutboxRow,
): Promise<JobOutcome> {
  const { db, paced, renderer, logger, now } = ctx;
  const incidentId = job.incident_id as string;
  const channelId = job.channel_id;
  const payload = JSON.parse(job.payload) as UpdatePayload;
  const card = await db.selectFrom("cards").selectAll()
    .where("incident_id", "=", incidentId).where("channel_id", "=", channelId)
    .executeTakeFirst();
  if (card && !card.ts && card.digest_id !== null && card.own_card === 0) {
    // A storm digest lists the incident: its line shows the change (status, who acknowledged), and the events
    // that deserve a message of their own give the incident its own card first (own-card-events.ts).
    return { kind: "done", sent: 0 };
  }
  if (!card?.ts) {
    const cardJob = await db.selectFrom("outbox").select("status")
      .where("dedupe_key", "=", cardJobKey(incidentId, channelId))
      .executeTakeFirst();
    if (cardJob?.status === "pending") return { kind: "blocked" };
    // The card could not be posted (its error was recorded): the update has nothing to attach to.
    return {
      kind: "error",
      error: new SlackApiError({
        method: "chat.postMessage",
        error: "card_missing",
        outcome: "permanent",
      }),
    };
  }
  const inbox = await db.selectFrom("webhook_inbox").select("body")
    .where("event_id", "=", payload.event_id).executeTakeFirst();
  const snapshot = await loadSnapshot(db, incidentId);
  if (!inbox || !snapshot) return { kind: "blocked" };
  const log = {
    incident_id: incidentId,
    channel_id: channelId,
    event_id: payload.event_id,
    thread: payload.thread,
  };
  const earlier = await findEarlierJobPost(ctx, job, {
    channelId,
    ...(payload.thread ? { threadTs: card.ts } : {}),
    matches: (metadata) =>
      metadata.event_type === UPDATE_METADATA_EVENT_TYPE &&
      metadata.event_payload?.event_id === payload.event_id,
    log,
    what: "update",
  });
  if (earlier) return earlier;
  const nowD = now();
  const wait = await paced.postWait(channelId);
  if (wait > 0) return { kind: "wait", ms: wait, method: "chat.postMessage" };
  let cardPermalink: string | null = null;
  if (!payload.thread) {
    const link = await paced.call<{ permalink: string }>(
      "chat.getPermalink",
      channelId,
      { channel: channelId, message_ts: card.ts },
    );
    // Without a permalink the message still goes out, just without the link.
    if (link.ok) cardPermalink = link.data.permalink;
  }
  const { event } = JSON.parse(inbox.body) as WebhookEnvelope;
  const enriched = await enrichSafely(ctx.enrich, logger, snapshot);
  const rendered = tryRender((): SlackMessage | null =>
    renderer.update(
      event,
      enriched.snapshot,
      { cardPermalink, now: nowD, mentions: enriched.mentions },
    )
  );
  if (!rendered.ok) return { kind: "unrenderable", cause: rendered.cause };
  const message = rendered.value;
  if (!message) return { kind: "done", sent: 0 };
  const posted = await postJobMessage(
    ctx,
    job,
    channelId,
    {
      channel: channelId,
      ...message,
      // Ours, whatever the renderer gave: never the card's type (an update must not be adopted as a card).
      metadata: {
        event_type: UPDATE_METADATA_EVENT_TYPE,
        event_payload: {
          incident_id: incidentId,
          event_id: payload.event_id,
          event_type: event.event_type,
        },
      },
      ...(payload.thread ? { thread_ts: card.ts, reply_broadcast: false } : {}),
      unfurl_links: false,
      unfurl_media: false,
    },
  );
  if (!posted.ok) return { kind: "error", error: posted.error };
  await ctx.afterUpdatePosted?.({ ...log, ts: posted.data.ts });
  logger.info(log, "update posted");
  return { kind: "done", sent: 1 };
}
