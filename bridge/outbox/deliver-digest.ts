// Delivers a digest job (storm-digest.ts): posts the storm's digest once and edits it in place. The post follows
// the card's rules (deliver-card.ts): one claimant across replicas, post attempts counted before the call, and a
// digest that may have reached Slack (a crash or a lost answer) is looked for by its metadata and adopted rather
// than posted twice.
import type { DigestRow, OutboxRow } from "../db/database.ts";
import type { SlackResult } from "../slack/slack-client.ts";
import {
  DIGEST_METADATA_EVENT_TYPE,
  type DigestLine,
  renderDigest,
} from "../../shared/cards/render-digest.ts";
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";
import { mayRefuseButtons } from "./buttons-refused.ts";
import type { SlackMessage } from "./card-renderer.ts";
import { findPostedMessage } from "./find-posted-message.ts";
import { type JobOutcome, tryRender } from "./job-outcome.ts";
import { iso, type SenderContext } from "./sender-context.ts";
import type { DigestPayload } from "./storm-digest.ts";

/** Own cards' permalinks, by channel and ts: a permalink never changes, and edits are frequent in a storm. */
const permalinks = new Map<string, string>();
/** Most own-card permalinks looked up for one render (each is a chat.getPermalink call). */
const MAX_PERMALINK_LOOKUPS = 10;

export async function deliverDigest(
  ctx: SenderContext,
  job: OutboxRow,
): Promise<JobOutcome> {
  const { db, slack, paced, logger, now, instanceId, leaseMs } = ctx;
  const { digest_id: digestId } = JSON.parse(job.payload) as DigestPayload;
  const digest = await db.selectFrom("digests").selectAll()
    .where("id", "=", digestId).executeTakeFirst();
  if (!digest) return { kind: "done", sent: 0 };
  const channelId = digest.channel_id;
  if (digest.ts) {
    const early = await paced.editWait(channelId);
    if (early > 0) return { kind: "wait", ms: early, method: "chat.update" };
  } else {
    const wait = await paced.postWait(channelId);
    if (wait > 0) return { kind: "wait", ms: wait, method: "chat.postMessage" };
  }
  const nowD = now();
  const lines = await digestLines(ctx, digest);
  const members = await db.selectFrom("cards").select("kind")
    .where("digest_id", "=", digestId).where("kind", "=", "responder")
    .executeTakeFirst();
  const render = (withoutButtons: boolean) =>
    tryRender((): SlackMessage =>
      (ctx.renderer.digest ?? defaultDigest)(lines, {
        digestId,
        kind: members ? "responder" : "stakeholder",
        asOf: nowD,
        closed: digest.closed_at !== null,
        withoutButtons,
      })
    );
  const rendered = render(ctx.pass.buttonsRefused);
  if (!rendered.ok) return { kind: "unrenderable", cause: rendered.cause };
  const message = rendered.value;
  const call = async <T>(
    method: "chat.postMessage" | "chat.update",
    args: Record<string, unknown>,
  ): Promise<SlackResult<T>> => {
    const first = await paced.call<T>(method, channelId, {
      ...args,
      ...message,
    });
    if (first.ok || !mayRefuseButtons(first.error, message)) return first;
    // Remembering the refusal is the cards' business (deliver-card.ts); the digest just goes out without it.
    const plain = render(true);
    if (!plain.ok) return first;
    return await paced.call<T>(method, channelId, { ...args, ...plain.value });
  };
  const thisDigest = () => db.updateTable("digests").where("id", "=", digestId);
  const log = { channel_id: channelId, digest_id: digestId };

  let ts = digest.ts;
  if (!ts) {
    const claimed = await thisDigest()
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
    if (digest.post_attempts > 0) {
      const found = await findPostedMessage(slack, {
        channelId,
        oldestSeconds: Date.parse(digest.claimed_at ?? digest.started_at) /
            1000 - 60,
        matches: (metadata) =>
          metadata.event_type === DIGEST_METADATA_EVENT_TYPE &&
          metadata.event_payload?.digest_id === digestId,
      });
      if (!found.ok) return { kind: "error", error: found.error };
      if (found.data.ts) {
        logger.info(
          { ...log, ts: found.data.ts },
          "adopted digest posted before a crash",
        );
        ts = found.data.ts;
        await thisDigest().set({ ts, claimed_by: null }).execute();
      }
    }
    if (!ts) {
      const posted = await call<{ ts: string }>("chat.postMessage", {
        channel: channelId,
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!posted.ok) {
        if (posted.error.outcome !== "retryable") {
          await thisDigest()
            .set((eb) => ({ post_attempts: eb("post_attempts", "-", 1) }))
            .execute();
        }
        return { kind: "error", error: posted.error };
      }
      await ctx.afterDigestPosted?.({
        digestId,
        channelId,
        ts: posted.data.ts,
      });
      await thisDigest().set({
        ts: posted.data.ts,
        claimed_by: null,
        rendered_version: digest.version,
      }).execute();
      logger.info(
        { ...log, ts: posted.data.ts, incidents: lines.length },
        "digest posted",
      );
      return { kind: "done", sent: 1 };
    }
    const wait = await paced.editWait(channelId);
    if (wait > 0) return { kind: "wait", ms: wait, method: "chat.update" };
  }
  const updated = await call("chat.update", { channel: channelId, ts });
  if (!updated.ok && updated.error.error === "message_not_found") {
    // Someone deleted the digest: its incidents must still be in the channel, so post it again.
    logger.warn(
      { ...log, ts },
      "digest was deleted in Slack; posting it again",
    );
    await thisDigest().set({ ts: null, claimed_by: null, post_attempts: 0 })
      .execute();
    return await deliverDigest(ctx, job);
  }
  if (!updated.ok) return { kind: "error", error: updated.error };
  await thisDigest().set({ rendered_version: digest.version }).execute();
  logger.info({ ...log, ts, incidents: lines.length }, "digest updated");
  return { kind: "done", sent: 1 };
}

/** The digest's incidents as their snapshots say now, with a link to each one's own card once it has one. */
async function digestLines(
  { db, paced }: SenderContext,
  digest: DigestRow,
): Promise<DigestLine[]> {
  const cards = await db.selectFrom("cards")
    .innerJoin(
      "incident_states",
      "incident_states.incident_id",
      "cards.incident_id",
    )
    .select(["cards.incident_id", "cards.ts", "incident_states.state"])
    .where("cards.digest_id", "=", digest.id)
    .where("cards.channel_id", "=", digest.channel_id)
    .orderBy("cards.incident_id")
    .execute();
  const lines: DigestLine[] = [];
  let lookups = 0;
  for (const card of cards) {
    const snapshot = (JSON.parse(card.state) as IncidentState | null)
      ?.snapshot;
    if (!snapshot) continue;
    let cardPermalink: string | null = null;
    if (card.ts) {
      const key = `${digest.channel_id}:${card.ts}`;
      cardPermalink = permalinks.get(key) ?? null;
      if (!cardPermalink && lookups < MAX_PERMALINK_LOOKUPS) {
        lookups += 1;
        const link = await paced.call<{ permalink: string }>(
          "chat.getPermalink",
          digest.channel_id,
          { channel: digest.channel_id, message_ts: card.ts },
        );
        // Without a permalink the line still says the incident has a card of its own, just without the link.
        if (link.ok) {
          cardPermalink = link.data.permalink;
          permalinks.set(key, cardPermalink);
        }
      }
    }
    lines.push({ snapshot, cardPermalink });
  }
  return lines;
}

/** A renderer without a digest of its own (tests' fakes): the shared one, without buttons. */
function defaultDigest(
  lines: readonly DigestLine[],
  options: {
    digestId: number;
    kind: "responder" | "stakeholder";
    asOf: Date;
    closed: boolean;
  },
): SlackMessage {
  return renderDigest(lines, { ...options, actionsTriggerUrl: null });
}
