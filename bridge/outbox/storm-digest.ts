// Storm detection, per channel, at the start of each channel pass (send-channel.ts): when more new cards are due
// in the channel than `threshold` (STORM_DIGEST_THRESHOLD; Slack posts about one message per second per channel,
// so 10 pending cards are 10 s of posting), the channel switches to a storm digest: the pending new cards join
// ONE digest message (deliver-digest.ts) instead of being posted one by one, and so does every new incident
// until the storm is over. The storm is over after `quietMs` without a new incident joining: new incidents get
// cards again (and a new storm opens a new digest). That end is due by itself: the sender gives the channel a pass
// when it comes (stormEnds), so the digest says so even if nothing else happens there. No second outbox job
// stands for it: one digest job per digest, so no other job can finish, claim or version-check in its place. A card in a digest stays unposted; its changes edit the digest
// instead, until the incident wants its own card (cards.own_card, set by the events in
// bridge/jobs/own-card-events.ts): then the card is posted as usual and the digest line links to it.
//
// Crash safety: one gathering is one transaction under the channel lease (the digest, its members, the card jobs
// it finishes and the digest job that shows them commit together, or not at all), and each card job is finished
// only at the version it read (a change that arrived meanwhile keeps it pending for the next pass). A card whose
// post may have reached Slack (post_attempts > 0) never joins: it goes through deliver-card.ts, which adopts it.

import { channelTeam } from "../jobs/channel-team.ts";
import { sql } from "kysely";
import type { BridgeDb } from "../db/database.ts";
import { iso, type SenderContext } from "./sender-context.ts";

export interface StormSettings {
  /** More new cards than this pending in a channel start a digest. */
  threshold: number;
  /** The storm is over after this long without a new incident joining its digest. */
  quietMs: number;
}

/** Default STORM quiet period: a minute without a new incident ends the storm. */
export const DEFAULT_STORM_QUIET_MS = 60_000;

export const digestJobKey = (digestId: number) => `digest:${digestId}`;

export interface DigestPayload {
  digest_id: number;
}

/** What one gathering did: the digest(s) it asked to render, and the card jobs it finished. */
export interface GatherResult {
  joined: number;
  absorbed: number;
}

export async function gatherStorm(
  ctx: Pick<SenderContext, "db" | "now" | "logger"> & {
    storm?: StormSettings;
  },
  channelId: string,
): Promise<GatherResult> {
  const { storm, logger } = ctx;
  const result = { joined: 0, absorbed: 0 };
  if (!storm) return result;
  return await ctx.db.transaction().execute(async (db) => {
    // A write first: SQLite then takes the write lock at the start instead of upgrading a read transaction
    // later, which fails at once (SQLITE_BUSY, busy_timeout does not wait) when another connection wrote meanwhile.
    await db.updateTable("digests").set({ channel_id: channelId })
      .where("id", "=", -1).execute();
    const nowMs = ctx.now().getTime();
    const nowIso = iso(nowMs);
    // Card jobs due in the channel for cards that are not in Slack and do not want their own card.
    const rows = await db.selectFrom("outbox")
      .innerJoin(
        "cards",
        (join) =>
          join.onRef("cards.incident_id", "=", "outbox.incident_id")
            .onRef("cards.channel_id", "=", "outbox.channel_id"),
      )
      .select([
        "outbox.id as job_id",
        "outbox.version as job_version",
        "outbox.incident_id as incident_id",
        "cards.digest_id as digest_id",
        "cards.post_attempts as post_attempts",
        "outbox.enqueued_at as enqueued_at",
      ])
      .where("outbox.channel_id", "=", channelId)
      .where("outbox.kind", "=", "card")
      .where("outbox.status", "=", "pending")
      .where("outbox.available_at", "<=", nowIso)
      .where("cards.ts", "is", null)
      .where("cards.own_card", "=", 0)
      .orderBy("outbox.id")
      .execute();
    const fresh = rows.filter((r) =>
      r.digest_id === null && r.post_attempts === 0
    );
    let open = await db.selectFrom("digests").selectAll()
      .where("channel_id", "=", channelId).where("closed_at", "is", null)
      .orderBy("id", "desc").executeTakeFirst();
    // Quiet since the last incident joined, up to now or to the first new incident waiting (a channel that could
    // not be sent to for a while must not stretch the storm).
    const nextNewMs = fresh.length > 0
      ? Math.min(...fresh.map((r) => Date.parse(r.enqueued_at)))
      : nowMs;
    if (
      open && nextNewMs - Date.parse(open.last_joined_at) >= storm.quietMs
    ) {
      await db.updateTable("digests").set({ closed_at: nowIso })
        .where("id", "=", open.id).execute();
      logger.info(
        { channel_id: channelId, digest_id: open.id },
        "incident storm over: new incidents get cards again",
      );
      await touchDigest(db, open.id, nowIso);
      open = undefined;
    }
    if (!open && fresh.length > storm.threshold) {
      const created = await db.insertInto("digests").values({
        channel_id: channelId,
        claimed_by: null,
        claimed_at: null,
        post_attempts: 0,
        version: 1,
        rendered_version: 0,
        started_at: nowIso,
        last_joined_at: nowIso,
        closed_at: null,
      }).returning("id").executeTakeFirstOrThrow();
      open = await db.selectFrom("digests").selectAll()
        .where("id", "=", created.id).executeTakeFirstOrThrow();
      logger.warn(
        { channel_id: channelId, digest_id: open.id, pending: fresh.length },
        "incident storm: new incidents go into one digest message",
      );
    }
    const touched = new Set<number>();
    if (open) {
      const ids = fresh.map((r) => r.incident_id as string);
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const joined = await db.updateTable("cards")
          .set({ digest_id: open.id })
          .where("channel_id", "=", channelId)
          .where("incident_id", "in", chunk)
          .where("ts", "is", null).where("digest_id", "is", null)
          .where("own_card", "=", 0).where("post_attempts", "=", 0)
          .executeTakeFirst();
        result.joined += Number(joined.numUpdatedRows);
      }
      if (ids.length > 0) {
        await db.updateTable("digests").set({ last_joined_at: nowIso })
          .where("id", "=", open.id).execute();
        touched.add(open.id);
      }
    }
    // Every due card job of a card now in a digest is the digest's to show: done here, at the version read.
    const members = await db.selectFrom("outbox")
      .innerJoin(
        "cards",
        (join) =>
          join.onRef("cards.incident_id", "=", "outbox.incident_id")
            .onRef("cards.channel_id", "=", "outbox.channel_id"),
      )
      .select([
        "outbox.id as job_id",
        "outbox.version as job_version",
        "cards.digest_id as digest_id",
      ])
      .where("outbox.channel_id", "=", channelId)
      .where("outbox.kind", "=", "card")
      .where("outbox.status", "=", "pending")
      .where("outbox.available_at", "<=", nowIso)
      .where("cards.ts", "is", null)
      .where("cards.own_card", "=", 0)
      .where("cards.digest_id", "is not", null)
      .execute();
    for (const member of members) {
      const done = await db.updateTable("outbox")
        .set({ status: "done", last_error: null })
        .where("id", "=", member.job_id)
        .where("version", "=", member.job_version)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) > 0) result.absorbed += 1;
      touched.add(member.digest_id as number);
    }
    for (const digestId of touched) await touchDigest(db, digestId, nowIso);
    return result;
  });
}

/**
 * Open digests whose storm has been quiet for `quietMs`: their channels are due a pass (gatherStorm closes them
 * there), and how long until the next one is. A storm that simply stops has no job due in its channel, so without
 * this the digest would say the storm goes on until the next event. A digest belongs to the workspace of its job.
 */
export async function stormEnds(
  db: BridgeDb,
  storm: StormSettings | undefined,
  nowMs: number,
  /** Which of these digest jobs' keys are this sender's (one workspace's); null: all of them. */
  ownKeys: ((keys: string[]) => Promise<Set<string>>) | null,
): Promise<{ due: { channel_id: string }[]; nextInMs: number | null }> {
  if (!storm) return { due: [], nextInMs: null };
  let open = await db.selectFrom("digests")
    .select(["id", "channel_id", "last_joined_at"])
    .where("closed_at", "is", null)
    .execute();
  if (open.length > 0 && ownKeys) {
    const mine = await ownKeys(open.map((d) => digestJobKey(d.id)));
    open = open.filter((d) => mine.has(digestJobKey(d.id)));
  }
  const due: { channel_id: string }[] = [];
  let nextInMs: number | null = null;
  for (const digest of open) {
    const endsInMs = Date.parse(digest.last_joined_at) + storm.quietMs - nowMs;
    if (endsInMs <= 0) due.push(digest);
    else nextInMs = Math.min(nextInMs ?? endsInMs, endsInMs);
  }
  return { due, nextInMs };
}

/** The workspaces (their digest jobs' team ids) of the storms still open: their senders run for the ends. */
export async function openStormTeams(db: BridgeDb): Promise<(string | null)[]> {
  const open = await db.selectFrom("digests").select("id")
    .where("closed_at", "is", null).execute();
  if (open.length === 0) return [];
  const jobs = await db.selectFrom("outbox").select("team_id").distinct()
    .where("dedupe_key", "in", open.map((d) => digestJobKey(d.id)))
    .execute();
  return jobs.map((j) => j.team_id);
}

/**
 * Asks for the digest to show the latest state: one outbox row per digest (`digest:<id>`), bumped like a card's,
 * so changes that arrive while an edit waits for chat.update's budget coalesce into one edit.
 */
export async function touchDigest(
  db: BridgeDb,
  digestId: number,
  nowIso: string,
): Promise<void> {
  const digest = await db.updateTable("digests")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("id", "=", digestId)
    .returning(["channel_id"])
    .executeTakeFirst();
  if (!digest) return;
  const payload: DigestPayload = { digest_id: digestId };
  await db.insertInto("outbox").values({
    kind: "digest",
    dedupe_key: digestJobKey(digestId),
    incident_id: null,
    channel_id: digest.channel_id,
    // The channel's workspace sends it, with its token, like the channel's cards.
    team_id: channelTeam(digest.channel_id),
    payload: JSON.stringify(payload),
    status: "pending",
    version: 1,
    attempts: 0,
    available_at: nowIso,
    last_error: null,
    enqueued_at: nowIso,
    created_at: nowIso,
  }).onConflict((oc) =>
    oc.column("dedupe_key").doUpdateSet({
      status: "pending",
      version: sql`outbox.version + 1`,
      attempts: 0,
      last_error: null,
      available_at:
        sql`case when outbox.status = 'pending' then outbox.available_at else excluded.available_at end`,
      enqueued_at:
        sql`case when outbox.status = 'pending' then outbox.enqueued_at else excluded.enqueued_at end`,
    })
  ).execute();
}
