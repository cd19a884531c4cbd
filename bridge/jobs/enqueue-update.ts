import type { BridgeDb } from "../db/database.ts";
import { channelTeam } from "./channel-team.ts";

export interface UpdatePayload {
  /** The inbox event whose update message this is. */
  event_id: string;
  /** Reply in the card's thread (true) or post to the channel with a link to the card (false). */
  thread: boolean;
}

/** Appends one update message (note, status update, responder or state event) for one channel. */
export async function enqueueUpdate(
  db: BridgeDb,
  input: {
    incidentId: string;
    channelId: string;
    eventId: string;
    thread: boolean;
    enqueuedAt: Date;
    now: Date;
  },
): Promise<void> {
  const now = input.now.toISOString();
  const payload: UpdatePayload = {
    event_id: input.eventId,
    thread: input.thread,
  };
  await db.insertInto("outbox").values({
    kind: "update",
    dedupe_key: `update:${input.eventId}:${input.channelId}`,
    incident_id: input.incidentId,
    channel_id: input.channelId,
    payload: JSON.stringify(payload),
    status: "pending",
    version: 1,
    attempts: 0,
    available_at: now,
    last_error: null,
    enqueued_at: input.enqueuedAt.toISOString(),
    created_at: now,
    team_id: channelTeam(input.channelId),
  }).onConflict((oc) => oc.doNothing()).execute();
}
