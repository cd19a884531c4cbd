// Delivers a digest job (storm-digest.ts): posts the storm's digest once and edits it in place; a digest too long
// for one message spans pages, each a message of its own, posted in order. Posts follow the card's rules
// (deliver-card.ts): one claimant across replicas, post attempts counted before the call, and a page that may have
// reached Slack (a crash or a lost answer) is looked for by its metadata and adopted rather than posted twice.
import { createHash } from "node:crypto";
import type { OutboxRow } from "../db/database.ts";
import type { SlackResult } from "../slack/slack-client.ts";
import {
  DIGEST_METADATA_EVENT_TYPE,
  type DigestLine,
  renderDigest,
} from "../../shared/cards/render-digest.ts";
import { mayRefuseButtons } from "./buttons-refused.ts";
import type { SlackMessage } from "./card-renderer.ts";
import { digestLines } from "./digest-lines.ts";
import { findPostedMessage } from "./find-posted-message.ts";
import { type JobOutcome, tryRender } from "./job-outcome.ts";
import { iso, type SenderContext } from "./sender-context.ts";
import type { DigestPayload } from "./storm-digest.ts";

/**
 * What each page last showed, by digest and page (this process): a page whose content did not change is not
 * edited again (after a restart every page is edited once).
 */
const shownPages = new Map<string, string>();
/** Incidents some page of a digest has shown (this process), by `digest:incident`. */
const shownIncidents = new Set<string>();
/**
 * Past this many entries the memories above start over (a long-lived process sees many storms): forgetting only
 * costs one edit of a page that did not change.
 */
const MAX_REMEMBERED = 50_000;

/** The incidents a rendered page shows, from its metadata. */
function idsOf(message: SlackMessage): string[] {
  const payload = message.metadata?.event_payload as
    | { incidents?: [string, string, string][] }
    | undefined;
  return (payload?.incidents ?? []).map(([id]) => id);
}

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
  const later = JSON.parse(digest.page_ts ?? "[]") as string[];
  const postedTs = digest.ts ? [digest.ts, ...later] : [];
  const nowD = now();
  const lines = await digestLines(ctx, digest.id, channelId);
  const responder = await db.selectFrom("cards").select("kind")
    .where("digest_id", "=", digestId).where("kind", "=", "responder")
    .executeTakeFirst();
  const render = (withoutButtons: boolean) =>
    tryRender((): SlackMessage[] =>
      (ctx.renderer.digest ?? defaultDigest)(lines, {
        digestId,
        kind: responder ? "responder" : "stakeholder",
        asOf: nowD,
        closed: digest.closed_at !== null,
        minPages: postedTs.length,
        withoutButtons,
      })
    );
  const rendered = render(ctx.pass.buttonsRefused);
  if (!rendered.ok) return { kind: "unrenderable", cause: rendered.cause };
  const pages = rendered.value;
  /** Posts or edits one page; a page Slack refuses for its button goes out without it. */
  const call = async <T>(
    method: "chat.postMessage" | "chat.update",
    page: number,
    args: Record<string, unknown>,
  ): Promise<SlackResult<T>> => {
    const message = pages[page]!;
    const first = await paced.call<T>(method, channelId, {
      ...args,
      ...message,
    });
    if (first.ok || !mayRefuseButtons(first.error, message)) return first;
    // Remembering the refusal is the cards' business (deliver-card.ts); the digest just goes out without it.
    const plain = render(true);
    if (!plain.ok || !plain.value[page]) return first;
    return await paced.call<T>(method, channelId, {
      ...args,
      ...plain.value[page],
    });
  };
  const thisDigest = () => db.updateTable("digests").where("id", "=", digestId);
  const log = { channel_id: channelId, digest_id: digestId };
  let sent = 0;

  // New pages first, in order: each shows incidents nobody has seen yet. A page waiting for the channel's post
  // budget does not hold back the edits.
  let postWaitMs = 0;
  const posted = [...postedTs];
  /** One more page is in Slack: remember it (and that no post is in flight). */
  const recordPages = async (ts: string) => {
    posted.push(ts);
    await thisDigest().set({
      ts: posted[0]!,
      page_ts: posted.length > 1 ? JSON.stringify(posted.slice(1)) : null,
      claimed_by: null,
      post_attempts: 0,
    }).execute();
  };
  for (let page = posted.length; page < pages.length; page++) {
    const wait = await paced.postWait(channelId);
    if (wait > 0) {
      postWaitMs = wait;
      break;
    }
    const current = await db.selectFrom("digests")
      .select(["post_attempts", "claimed_at"])
      .where("id", "=", digestId).executeTakeFirstOrThrow();
    // The right to post: one claimant per digest, across replicas; a dead claimant's claim expires.
    const claimed = await thisDigest()
      .set((eb) => ({
        claimed_by: instanceId,
        claimed_at: nowD.toISOString(),
        post_attempts: eb("post_attempts", "+", 1),
      }))
      .where((eb) =>
        eb.or([
          eb("claimed_by", "is", null),
          eb("claimed_by", "=", instanceId),
          eb("claimed_at", "<", iso(nowD.getTime() - leaseMs)),
        ])
      )
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return { kind: "blocked" };
    let ts: string | null = null;
    if (current.post_attempts > 0) {
      // A previous attempt at this page may have reached Slack: adopt it instead of posting a second one.
      const found = await findPostedMessage(slack, {
        channelId,
        oldestSeconds: Date.parse(current.claimed_at ?? digest.started_at) /
            1000 - 60,
        matches: (metadata) =>
          metadata.event_type === DIGEST_METADATA_EVENT_TYPE &&
          metadata.event_payload?.digest_id === digestId &&
          (metadata.event_payload?.page ?? 0) === page,
      });
      if (!found.ok) return { kind: "error", error: found.error };
      ts = found.data.ts;
      if (ts) {
        logger.info(
          { ...log, ts, page },
          "adopted digest page posted before a crash",
        );
        // It shows what was read before the crash: bring it up to date (a wait keeps the job for the edit).
        const editWait = await paced.editWait(channelId);
        if (editWait > 0) {
          await recordPages(ts);
          return { kind: "wait", ms: editWait, method: "chat.update" };
        }
        const updated = await call("chat.update", page, {
          channel: channelId,
          ts,
        });
        if (!updated.ok) {
          await recordPages(ts);
          return { kind: "error", error: updated.error };
        }
        sent += 1;
      }
    }
    if (!ts) {
      const result = await call<{ ts: string }>("chat.postMessage", page, {
        channel: channelId,
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!result.ok) {
        if (result.error.outcome !== "retryable") {
          // Slack refused it: nothing was posted, so no search is needed next time.
          await thisDigest()
            .set((eb) => ({ post_attempts: eb("post_attempts", "-", 1) }))
            .execute();
        }
        return { kind: "error", error: result.error };
      }
      ts = result.data.ts;
      await ctx.afterDigestPosted?.({ digestId, channelId, ts });
      sent += 1;
      logger.info(
        { ...log, ts, page, incidents: lines.length },
        "digest posted",
      );
    }
    await recordPages(ts);
    shownPages.set(`${digestId}:${page}`, hashOf(pages[page]!));
    for (const id of idsOf(pages[page]!)) {
      shownIncidents.add(`${digestId}:${id}`);
    }
  }
  // Then the edits: they show the changes to incidents already on a page (chat.update has a budget of its own).
  // Pages that list an incident nobody has seen yet go first: a new line matters more than a changed one.
  if (shownIncidents.size > MAX_REMEMBERED) shownIncidents.clear();
  if (shownPages.size > MAX_REMEMBERED) shownPages.clear();
  const edits = [...postedTs.entries()].map(([page, ts]) => ({
    page,
    ts,
    key: `${digestId}:${page}`,
    content: hashOf(pages[page]!),
    fresh: idsOf(pages[page]!).some((id) =>
      !shownIncidents.has(`${digestId}:${id}`)
    ),
  })).filter((e) => shownPages.get(e.key) !== e.content)
    .sort((a, b) => Number(b.fresh) - Number(a.fresh));
  for (const { page, ts, key, content } of edits) {
    const wait = await paced.editWait(channelId);
    if (wait > 0) return { kind: "wait", ms: wait, method: "chat.update" };
    const updated = await call("chat.update", page, { channel: channelId, ts });
    if (!updated.ok && updated.error.error === "message_not_found") {
      // Someone deleted a page: the storm's incidents must still be in the channel, so post the digest again.
      logger.warn(
        { ...log, ts, page },
        "digest was deleted in Slack; posting it again",
      );
      await thisDigest().set({
        ts: null,
        page_ts: null,
        claimed_by: null,
        post_attempts: 0,
      }).execute();
      for (const p of postedTs.keys()) shownPages.delete(`${digestId}:${p}`);
      return await deliverDigest(ctx, job);
    }
    if (!updated.ok) return { kind: "error", error: updated.error };
    shownPages.set(key, content);
    for (const id of idsOf(pages[page]!)) {
      shownIncidents.add(`${digestId}:${id}`);
    }
    sent += 1;
  }

  if (postWaitMs > 0) {
    return { kind: "wait", ms: postWaitMs, method: "chat.postMessage" };
  }
  await thisDigest().set({ rendered_version: digest.version }).execute();
  return { kind: "done", sent };
}

/** What a page shows, its "as of" left out: a page is edited when an incident on it changed, not to move a time. */
function hashOf(message: SlackMessage): string {
  return createHash("sha256")
    .update(JSON.stringify(message).replace(/<!date\^[^>]*>/g, ""))
    .digest("hex");
}

/** A renderer without a digest of its own (tests' fakes): the shared one, without buttons. */
function defaultDigest(
  lines: readonly DigestLine[],
  options: {
    digestId: number;
    kind: "responder" | "stakeholder";
    asOf: Date;
    closed: boolean;
    minPages: number;
  },
): SlackMessage[] {
  return renderDigest(lines, { ...options, actionsTriggerUrl: null });
}
