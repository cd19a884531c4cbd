import { sql } from "kysely";
import type { BridgeDb } from "../db/database.ts";
import { channelTeam } from "./channel-team.ts";

export interface EnqueueCardInput {
  incidentId: string;
  channelId: string;
  kind: "responder" | "stakeholder";
  threadUpdates: boolean;
  /** The incident wants a card of its own even if a storm digest lists it (bridge/outbox/storm-digest.ts). */
  ownCard?: boolean;
  /** PagerDuty escalated it by itself (true), it is back at level 1 (false); absent: unchanged (own-card-events.ts). */
  autoEscalated?: boolean;
  /**
   * The card's workspace when the channel does not tell (a DM card, keyed by a Slack user id); absent: the team of
   * the channel's connection or incident channel.
   */
  teamId?: string | null;
  /** When the change reached the bridge (lag is measured from here). */
  enqueuedAt: Date;
  now: Date;
}

export const cardJobKey = (incidentId: string, channelId: string) =>
  `card:${incidentId}:${channelId}`;

/**
 * Asks for the card of (incident, channel) to show the latest state. One outbox row per card: a change
 * arriving while a render is pending bumps its version instead of adding a job, so edits coalesce and the
 * sender always renders the newest snapshot. A responder connection in the channel wins over a stakeholder one.
 */
export async function enqueueCard(
  db: BridgeDb,
  input: EnqueueCardInput,
): Promise<void> {
  const now = input.now.toISOString();
  await db.insertInto("cards").values({
    incident_id: input.incidentId,
    channel_id: input.channelId,
    kind: input.kind,
    thread_updates: input.threadUpdates ? 1 : 0,
    ts: null,
    claimed_by: null,
    claimed_at: null,
    post_attempts: 0,
    version: 1,
    rendered_version: 0,
    updated_at: now,
    own_card: input.ownCard ? 1 : 0,
    auto_escalated: input.autoEscalated ? 1 : 0,
    team_id: input.teamId !== undefined
      ? input.teamId
      : channelTeam(input.channelId),
  }).onConflict((oc) =>
    oc.columns(["incident_id", "channel_id"]).doUpdateSet({
      kind:
        sql`case when cards.kind = 'responder' or excluded.kind = 'responder' then 'responder' else 'stakeholder' end`,
      thread_updates:
        sql`case when cards.thread_updates > excluded.thread_updates then cards.thread_updates else excluded.thread_updates end`,
      version: sql`cards.version + 1`,
      updated_at: now,
      own_card:
        sql`case when cards.own_card > excluded.own_card then cards.own_card else excluded.own_card end`,
      ...(input.autoEscalated === undefined
        ? {}
        : { auto_escalated: input.autoEscalated ? 1 : 0 }),
    })
  ).execute();

  await db.insertInto("outbox").values({
    kind: "card",
    dedupe_key: cardJobKey(input.incidentId, input.channelId),
    incident_id: input.incidentId,
    channel_id: input.channelId,
    payload: "{}",
    status: "pending",
    version: 1,
    attempts: 0,
    available_at: now,
    last_error: null,
    enqueued_at: input.enqueuedAt.toISOString(),
    created_at: now,
    // The card's workspace: its sender posts it with that workspace's token.
    team_id: db.selectFrom("cards").select("team_id")
      .where("incident_id", "=", input.incidentId)
      .where("channel_id", "=", input.channelId),
  }).onConflict((oc) =>
    oc.column("dedupe_key").doUpdateSet({
      status: "pending",
      version: sql`outbox.version + 1`,
      attempts: 0,
      last_error: null,
      // A pending job keeps its backoff and its lag reference (the oldest change it carries).
      available_at:
        sql`case when outbox.status = 'pending' then outbox.available_at else excluded.available_at end`,
      enqueued_at:
        sql`case when outbox.status = 'pending' then outbox.enqueued_at else excluded.enqueued_at end`,
    })
  ).execute();
}
