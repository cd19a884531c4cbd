// Each person's incident-DM choice (notification_preferences, migration 0017), as the bridge API writes it and
// the worker and sender read it.
import type {
  IncidentDmMode,
  NotificationPreferences,
} from "../../shared/bridge-api/bridge-api-schemas.ts";
import type { BridgeDb } from "../db/database.ts";

/** The key of the SLACK_BOT_TOKEN workspace's rows before its team is known (as in workflow_triggers). */
export const UNASSIGNED_TEAM = "";

/** Someone to DM about an incident assigned to their PagerDuty account. */
export interface DmRecipient {
  /** null: the SLACK_BOT_TOKEN workspace before its team is known. */
  teamId: string | null;
  slackUserId: string;
  pagerDutyUserId: string;
  mode: Exclude<IncidentDmMode, "off">;
}

export async function readNotificationPreferences(
  db: BridgeDb,
  teamId: string | null,
  slackUserId: string,
): Promise<NotificationPreferences> {
  const row = await db.selectFrom("notification_preferences").selectAll()
    .where("team_id", "=", teamId ?? UNASSIGNED_TEAM)
    .where("slack_user_id", "=", slackUserId).executeTakeFirst();
  return {
    ...(teamId ? { team_id: teamId } : {}),
    slack_user_id: slackUserId,
    pagerduty_user_id: row?.pagerduty_user_id ?? null,
    // Off until the person opts in.
    incident_dms: row?.incident_dms ?? "off",
    dm_refused: row?.dm_refused ?? null,
  };
}

/** Saves the choice; saving again clears an earlier Slack refusal and the IM (tried afresh on the next DM). */
export async function saveNotificationPreferences(
  db: BridgeDb,
  input: {
    teamId: string | null;
    slackUserId: string;
    pagerDutyUserId: string | null;
    mode: IncidentDmMode;
    now: Date;
  },
): Promise<void> {
  const values = {
    pagerduty_user_id: input.pagerDutyUserId,
    incident_dms: input.mode,
    im_channel_id: null,
    dm_refused: null,
    updated_at: input.now.toISOString(),
  };
  await db.insertInto("notification_preferences").values({
    team_id: input.teamId ?? UNASSIGNED_TEAM,
    slack_user_id: input.slackUserId,
    ...values,
  }).onConflict((oc) =>
    oc.columns(["team_id", "slack_user_id"]).doUpdateSet(values)
  ).execute();
}

/**
 * Who has DMs on (and has not been refused by Slack): for these PagerDuty users, or everyone (the worker reads them
 * once per batch: people who opted in are few, events many).
 */
export async function dmRecipientsFor(
  db: BridgeDb,
  pagerDutyUserIds?: readonly string[],
): Promise<DmRecipient[]> {
  if (pagerDutyUserIds?.length === 0) return [];
  const rows = await db.selectFrom("notification_preferences")
    .select(["team_id", "slack_user_id", "pagerduty_user_id", "incident_dms"])
    .$if(
      pagerDutyUserIds !== undefined,
      (q) => q.where("pagerduty_user_id", "in", [...(pagerDutyUserIds ?? [])]),
    )
    .where("pagerduty_user_id", "is not", null)
    .where("incident_dms", "!=", "off")
    .where("dm_refused", "is", null)
    .orderBy("team_id").orderBy("slack_user_id").execute();
  return rows.map((row) => ({
    teamId: row.team_id || null,
    slackUserId: row.slack_user_id,
    pagerDutyUserId: row.pagerduty_user_id as string,
    mode: row.incident_dms as DmRecipient["mode"],
  }));
}

/** How the sender reaches one DM card's person. */
export async function readDmTarget(
  db: BridgeDb,
  teamId: string | null,
  slackUserId: string,
) {
  return await db.selectFrom("notification_preferences")
    .select(["pagerduty_user_id", "im_channel_id", "dm_refused"])
    .where(
      "team_id",
      "in",
      teamId ? [teamId, UNASSIGNED_TEAM] : [
        UNASSIGNED_TEAM,
      ],
    )
    .where("slack_user_id", "=", slackUserId)
    .orderBy("team_id", "desc").executeTakeFirst() ?? null;
}

/** Records what Slack said about DMing the person: the IM it opened, or its refusal. */
export async function recordDmTarget(
  db: BridgeDb,
  teamId: string | null,
  slackUserId: string,
  outcome: { imChannelId: string } | { refused: string },
): Promise<void> {
  await db.updateTable("notification_preferences")
    .set(
      "imChannelId" in outcome
        ? { im_channel_id: outcome.imChannelId }
        : { dm_refused: outcome.refused },
    )
    .where(
      "team_id",
      "in",
      teamId ? [teamId, UNASSIGNED_TEAM] : [
        UNASSIGNED_TEAM,
      ],
    )
    .where("slack_user_id", "=", slackUserId).execute();
}
