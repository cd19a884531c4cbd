// The tables of reaching people (issue 18): on-call user groups, shift handoffs and incident-DM choices. Apart
// from database.ts only to keep each file to one screenful of tables.

/** A Slack user group kept equal to who is on call (bridge/oncall/, migration 0018). */
export interface OncallGroupTable {
  id: string;
  /** The Slack workspace; null: the SLACK_BOT_TOKEN workspace. */
  team_id: string | null;
  usergroup_id: string;
  source_type: "schedule" | "escalation_policy";
  source_id: string;
  /** The policy's level (1-based); null for a schedule. */
  escalation_level: number | null;
  /** JSON array of Slack user ids the bridge set last, sorted; null: never set. */
  last_set: string | null;
  /** JSON array of the members found instead of `last_set` (a hand edit); null: no drift. */
  drift: string | null;
  drift_since: string | null;
  problem: string | null;
  synced_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Who was on call at level 1 of a handoff connection's policy when last looked (bridge/oncall/). */
export interface HandoffStateTable {
  connection_id: string;
  escalation_policy_id: string;
  /** JSON array of PagerDuty user ids, sorted. */
  user_ids: string;
  updated_at: string;
}

/** Incident DMs: one person's choice and how to reach them (migration 0017, bridge/dms/). */
export interface NotificationPreferenceTable {
  /** '': the SLACK_BOT_TOKEN workspace before its team is known. */
  team_id: string;
  slack_user_id: string;
  /** Their linked PagerDuty account: incidents assigned to it are DMed to them. */
  pagerduty_user_id: string | null;
  incident_dms: "off" | "high_urgency" | "all";
  /** The IM Slack opened for their DMs (conversations.open). */
  im_channel_id: string | null;
  /** Slack's refusal to DM them (user_disabled, cannot_dm_bot, …): nothing is sent until they save again. */
  dm_refused: string | null;
  updated_at: string;
}
