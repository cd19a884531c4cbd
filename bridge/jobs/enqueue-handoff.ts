import type { BridgeDb } from "../db/database.ts";

/** A shift handoff message, rendered when the change was recorded (oncall/check-handoffs.ts). */
export interface HandoffPayload {
  /** Identifies the change: what a second attempt looks for in the channel before posting again. */
  handoff_key: string;
  text: string;
  blocks: unknown[];
}

/** Appends one handoff message; call it in the transaction that records the change, so each is sent once. */
export async function enqueueHandoff(
  db: BridgeDb,
  input: {
    channelId: string;
    teamId: string | null;
    payload: HandoffPayload;
    now: Date;
  },
): Promise<void> {
  const now = input.now.toISOString();
  await db.insertInto("outbox").values({
    kind: "handoff",
    dedupe_key: input.payload.handoff_key,
    incident_id: null,
    channel_id: input.channelId,
    payload: JSON.stringify(input.payload),
    status: "pending",
    version: 1,
    attempts: 0,
    available_at: now,
    last_error: null,
    enqueued_at: now,
    created_at: now,
    team_id: input.teamId,
  }).execute();
}
