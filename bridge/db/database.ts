// Table types of the bridge database. Times are ISO 8601 strings (millisecond precision, UTC) so they sort the
// same way as text on SQLite and PostgreSQL; booleans are 0/1 integers for the same reason.
import type { Generated, Kysely, Selectable } from "kysely";
import type {
  HandoffStateTable,
  NotificationPreferenceTable,
  OncallGroupTable,
} from "./people-tables.ts";

/**
 * `deferred`: an update (note, status update, responder) that arrived before any event carrying the incident
 * itself; it is applied with the incident's next event. `failed`: set aside, applying it failed (see
 * process-inbox.ts); kept for people to look at (`doctor` lists them).
 */
export type InboxStatus =
  | "pending"
  | "deferred"
  | "done"
  | "ignored"
  | "failed";

export interface WebhookInboxTable {
  event_id: string;
  webhook_id: string | null;
  event_type: string;
  incident_id: string | null;
  occurred_at: string;
  body: string;
  status: InboxStatus;
  received_at: string;
  /** When it was applied, ignored or set aside. */
  processed_at: string | null;
  /** Failed attempts to apply it. */
  attempts: Generated<number>;
  last_error: Generated<string | null>;
  /** After a failed attempt: not taken again before this time. */
  retry_at: Generated<string | null>;
}

/** Migration 0016: the first alert's context per incident (bridge/enrichment/create-alert-contexts.ts). */
export interface AlertContextTable {
  incident_id: string;
  status: "pending" | "found" | "none" | "failed";
  /** JSON of an AlertContext when found. */
  context: string | null;
  attempts: Generated<number>;
  claimed_by: string | null;
  claimed_at: string | null;
  retry_at: string | null;
  render_waiting: Generated<number>;
  updated_at: string;
}

export interface IncidentStateTable {
  incident_id: string;
  /** JSON of the reducer's state (an IncidentSnapshot). */
  state: string;
  /** The snapshot's status, so open incidents are found without reading every state; null before any. */
  status: Generated<string | null>;
  updated_at: string;
}

export interface ConnectionTable {
  id: string;
  /** The Slack workspace (team id); null: the SLACK_BOT_TOKEN workspace (migration 0013). */
  team_id: string | null;
  channel_id: string;
  source_type: "service" | "team";
  source_id: string;
  notification_type: "responder" | "stakeholder";
  /** JSON array of full event types. */
  events: string;
  urgency: "high" | "low" | null;
  /** JSON array of priority ids, or null for any. */
  priorities: string | null;
  thread_updates: number;
  /** 1: post shift handoffs of the service's escalation policy (migration 0018). */
  handoffs: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface IncidentChannelTable {
  incident_id: string;
  /** The Slack workspace (team id); null: the SLACK_BOT_TOKEN workspace (migration 0013). */
  team_id: Generated<string | null>;
  channel_id: string;
  created_at: string;
}

export interface CardTable {
  incident_id: string;
  /** The Slack workspace (team id); null: the SLACK_BOT_TOKEN workspace (migration 0013). */
  team_id: Generated<string | null>;
  channel_id: string;
  kind: "responder" | "stakeholder";
  thread_updates: number;
  /** Slack ts of the card once posted (or adopted after a crash). */
  ts: string | null;
  /** Who holds the right to post the card, and since when (a lease, so a dead claimant is replaced). */
  claimed_by: string | null;
  claimed_at: string | null;
  /** Post attempts that may have reached Slack: when > 0 and ts is null, look for the card before posting. */
  post_attempts: number;
  /** Incremented on every change the card must show; `rendered_version` is what Slack shows. */
  version: number;
  rendered_version: number;
  updated_at: string;
  /** The storm digest that lists this incident instead of a card (bridge/outbox/storm-digest.ts), if any. */
  digest_id: Generated<number | null>;
  /** 1 once the incident wants its own card although it is in a digest (someone acted on it, it escalated). */
  own_card: Generated<number>;
  /** 1 while PagerDuty escalated the incident by itself in a digest: its line says so (migration 0022). */
  auto_escalated: Generated<number>;
}

/** One message of a storm digest (migration 0022): its ts, and what Slack was last told it shows. */
export interface DigestPageTable {
  digest_id: number;
  /** 0 for the first message. */
  page: number;
  /** Null while the page is to be posted (also after someone deleted it in Slack). */
  ts: string | null;
  /** Hash of the page as last accepted by Slack, its "as of" left out; null: unknown, edit it. */
  shown_hash: string | null;
  /** JSON array of the incident ids the page showed then. */
  shown_ids: string | null;
}

/** A storm digest: one message listing a storm's incidents in a channel, edited in place like a card. */
export interface DigestTable {
  id: Generated<number>;
  channel_id: string;
  claimed_by: string | null;
  claimed_at: string | null;
  post_attempts: number;
  version: number;
  rendered_version: number;
  started_at: string;
  /** When the newest incident joined: the storm is over after STORM_QUIET_MS without one. */
  last_joined_at: string;
  closed_at: string | null;
}

export type OutboxKind = "card" | "update" | "notice" | "digest" | "handoff";
export type OutboxStatus = "pending" | "done" | "failed";

export interface OutboxTable {
  id: Generated<number>;
  /** The Slack workspace (team id); null: the SLACK_BOT_TOKEN workspace (migration 0013). */
  team_id: Generated<string | null>;
  kind: OutboxKind;
  /** Unique for card jobs (`card:<incident>:<channel>`) so edits coalesce; unique per event for updates. */
  dedupe_key: string;
  incident_id: string | null;
  channel_id: string;
  payload: string;
  status: OutboxStatus;
  /** Bumped by every coalesced change; the sender finishes a job only if it sent the version it read. */
  version: number;
  attempts: number;
  /** Update messages: chat.postMessage calls started (a crash may hide whether one reached Slack). */
  post_attempts: Generated<number>;
  available_at: string;
  last_error: string | null;
  /** When the change that created (or last bumped) this job reached the bridge: the lag reference. */
  enqueued_at: string;
  created_at: string;
}

/** Per-channel delivery state shared by every replica. */
export interface ChannelTable {
  /** The Slack workspace (team id); null: the SLACK_BOT_TOKEN workspace (migration 0013). */
  team_id: Generated<string | null>;
  channel_id: string;
  /** The replica working on this channel's outbox (a lease), so its jobs go out in order. */
  locked_by: string | null;
  locked_until: string | null;
  /** 1 while the channel has been told its cards are behind. */
  behind: number;
  behind_changed_at: string | null;
}

export type DeliveryBlockScope = "workspace" | "channel";

/**
 * Slack work on hold because Slack refused the bot token (`workspace`, key WORKSPACE_BLOCK_KEY) or a channel
 * (`channel`, key: the channel id) in a way only a person can fix.
 */
export interface DeliveryBlockTable {
  scope: DeliveryBlockScope;
  key: string;
  /** Slack's error code. */
  error: string;
  /** Which bot token was refused (a hash): a different token configured since is worth trying at once. */
  token_fingerprint: string;
  since: string;
  /** When the sender tries this scope's work again by itself. */
  retry_at: string;
}

/** One fact about the installation, shared by every replica (bridge/outbox/card-buttons.ts). Value: JSON. */
export interface BridgeSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

/**
 * One Slack rate budget (bridge/slack/pacing-gate.ts), shared by every replica. `tat_ms`: the budget's
 * theoretical arrival time (GCRA), epoch milliseconds as a double so both dialects read it back as a number.
 */
export interface SlackPacingTable {
  key: string;
  tat_ms: number;
}

/** A hosted workflow's link trigger URL, registered by the hosted app (PUT /api/v1/workflow-triggers). */
export interface WorkflowTriggerTable {
  /** The workspace whose hosted app registered it; '': the SLACK_BOT_TOKEN workspace (migration 0013). */
  team_id: Generated<string>;
  name: string;
  url: string;
  updated_at: string;
}

/** A workspace that installed the bridge's Slack app ("Add to Slack"); see bridge/install/installation-store.ts. */
export interface SlackInstallationTable {
  team_id: string;
  team_name: string;
  /** Enterprise Grid organisation, when the workspace belongs to one. */
  enterprise_id: string | null;
  app_id: string | null;
  bot_user_id: string;
  /** The bot token, sealed (bridge/secrets/secret-box.ts); never the token itself. */
  bot_token_sealed: string;
  /** Comma-separated scopes Slack granted. */
  scopes: string;
  /** Slack user id of the person who installed it. */
  installed_by: string | null;
  installed_at: string;
  updated_at: string;
}

export interface BridgeDatabase {
  webhook_inbox: WebhookInboxTable;
  incident_states: IncidentStateTable;
  connections: ConnectionTable;
  incident_channels: IncidentChannelTable;
  cards: CardTable;
  outbox: OutboxTable;
  channels: ChannelTable;
  delivery_blocks: DeliveryBlockTable;
  bridge_settings: BridgeSettingTable;
  slack_pacing: SlackPacingTable;
  workflow_triggers: WorkflowTriggerTable;
  slack_installations: SlackInstallationTable;
  digests: DigestTable;
  alert_contexts: AlertContextTable;
  oncall_groups: OncallGroupTable;
  handoff_states: HandoffStateTable;
  digest_pages: DigestPageTable;
  notification_preferences: NotificationPreferenceTable;
}

export type {
  HandoffStateTable,
  NotificationPreferenceTable,
  OncallGroupTable,
};
export type BridgeDb = Kysely<BridgeDatabase>;
export type OutboxRow = Selectable<OutboxTable>;
export type CardRow = Selectable<CardTable>;
export type DigestRow = Selectable<DigestTable>;
export type Dialect = "sqlite" | "postgres";
