// Delivers a digest job (storm-digest.ts): posts the storm's digest once and edits it in place; a digest too long
// for one message spans pages, each a message of its own. Posts follow the card's rules (deliver-card.ts): one
// claimant across replicas, post attempts counted before the call, and a page that may have reached Slack (a
// crash or a lost answer) is looked for by its metadata and adopted rather than posted twice.
//
// What each page is and shows is durable (`digest_pages`, migration 0022): its ts, and a hash of the content
// Slack last accepted for it, written only after Slack's answer. So any replica, or the process after a restart,
// edits exactly the pages whose content changed; a crash between Slack's answer and the write costs one extra
// edit of that page, never a missed one. A page someone deleted in Slack is the only one posted again.
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

/** The incidents a rendered page shows, from its metadata. */
function idsOf(message: SlackMessage): string[] {
  const payload = message.metadata?.event_payload as
    | { incidents?: [string, string, string][] }
    | undefined;
  return (payload?.incidents ?? []).map(([id]) => id);
}

interface PageState {
  ts: string | null;
  shownHash: string | null;
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
  const stored = await db.selectFrom("digest_pages").selectAll()
    .where("digest_id", "=", digestId).orderBy("page").execute();
  const state: PageState[] = [];
  const everShown = new Set<string>();
  for (const row of stored) {
    state[row.page] = { ts: row.ts, shownHash: row.shown_hash };
    for (const id of JSON.parse(row.shown_ids ?? "[]") as string[]) {
      everShown.add(id);
    }
  }
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
        // A page once posted never disappears (an emptied one says so), deleted ones included.
        minPages: state.length,
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
  /** What Slack now holds for a page: its ts and, when Slack took this content, what it shows. */
  const recordPage = async (
    page: number,
    ts: string | null,
    shown: boolean,
  ) => {
    const row = {
      ts,
      shown_hash: shown ? hashOf(pages[page]!) : null,
      shown_ids: shown ? JSON.stringify(idsOf(pages[page]!)) : null,
    };
    await db.insertInto("digest_pages")
      .values({ digest_id: digestId, page, ...row })
      .onConflict((oc) => oc.columns(["digest_id", "page"]).doUpdateSet(row))
      .execute();
    state[page] = { ts, shownHash: row.shown_hash };
    if (shown) { for (const id of idsOf(pages[page]!)) everShown.add(id); }
  };
  const log = { channel_id: channelId, digest_id: digestId };
  let sent = 0;

  // Posts first, in page order: new pages, and a page someone deleted (posted again at the channel's end, where
  // Slack puts every new message; its "continued (page N)" says which part it is). A page waiting for the
  // channel's post budget does not hold back the edits.
  let postWaitMs = 0;
  for (let page = 0; page < pages.length; page++) {
    if (state[page]?.ts) continue;
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
    const released = () =>
      thisDigest().set({ claimed_by: null, post_attempts: 0 }).execute();
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
      if (found.data.ts) {
        logger.info(
          { ...log, ts: found.data.ts, page },
          "adopted digest page posted before a crash",
        );
        // It shows what was read before the crash: not known as shown, so the edits below bring it up to date.
        await recordPage(page, found.data.ts, false);
        await released();
        continue;
      }
    }
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
    const { ts } = result.data;
    await ctx.afterDigestPosted?.({ digestId, channelId, ts });
    sent += 1;
    logger.info(
      { ...log, ts, page, incidents: lines.length },
      "digest posted",
    );
    await recordPage(page, ts, true);
    await released();
  }
  // Then the edits: pages whose content changed since Slack last took it (chat.update has a budget of its own).
  // Pages that list an incident no page has shown yet go first: a new line matters more than a changed one.
  const edits = pages.flatMap((message, page) => {
    const ts = state[page]?.ts;
    const content = hashOf(message);
    return ts && state[page]!.shownHash !== content
      ? [{ page, ts, fresh: idsOf(message).some((id) => !everShown.has(id)) }]
      : [];
  }).sort((a, b) => Number(b.fresh) - Number(a.fresh));
  for (const { page, ts } of edits) {
    const wait = await paced.editWait(channelId);
    if (wait > 0) return { kind: "wait", ms: wait, method: "chat.update" };
    const updated = await call("chat.update", page, { channel: channelId, ts });
    if (!updated.ok && updated.error.error === "message_not_found") {
      // Someone deleted this page: its incidents must still be in the channel, so this page (only) is posted again.
      logger.warn(
        { ...log, ts, page },
        "digest page was deleted in Slack; posting it again",
      );
      await recordPage(page, null, false);
      const again = await deliverDigest(ctx, job);
      return again.kind === "done"
        ? { kind: "done", sent: sent + again.sent }
        : again;
    }
    if (!updated.ok) return { kind: "error", error: updated.error };
    await recordPage(page, ts, true);
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
