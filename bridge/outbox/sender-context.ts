// What every part of one sender shares: its dependencies and settings, the paced Slack calls, and the state of
// the current pass (the blocks in force when it began, whether Slack refuses the cards' buttons).
import type { Logger } from "pino";
import type { BridgeDb } from "../db/database.ts";
import type { BridgeMetrics } from "../ops/bridge-metrics.ts";
import type { PacedSlackClient } from "../slack/paced-slack-client.ts";
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";
import type { CardRenderer } from "./card-renderer.ts";
import { clearDeliveryBlock } from "./delivery-blocks.ts";
import type { AlertContextSource, Enrich } from "./enrich.ts";
import type { OutboxSenderOptions } from "./outbox-sender.ts";
import type { PacedSlackCall } from "./paced-slack-call.ts";
import type { StormSettings } from "./storm-digest.ts";

export interface PassState {
  /** Blocks in force when this pass began: a Slack call that works lifts them. */
  parked: { workspace: boolean; channels: Set<string> };
  /** Slack refused the cards' buttons in this workspace (buttons-refused.ts), as of this pass. */
  buttonsRefused: boolean;
  /** The key of this sender's workspace block (WORKSPACE_BLOCK_KEY, or the team id of an installed workspace). */
  blockKey: string;
  /**
   * The team ids whose jobs this sender takes, as of this pass (OutboxSenderOptions.team), and whether it also
   * takes those without a team (the SLACK_BOT_TOKEN workspace's); null: it was given no workspace, it takes all.
   */
  teams: { teamIds: readonly string[]; includeUnassigned: boolean } | null;
  /**
   * Kept across passes (this sender's memory): card jobs (by dedupe key) whose buttons Slack refused while the
   * budget refused their plain retry, with Slack's refusal. Their next try goes without buttons: trying the
   * buttons again would spend the slot the plain card needs, every time (deliver-card.ts).
   */
  plainRetries: Map<string, { method: string; error: string }>;
}

export interface SenderContext {
  db: BridgeDb;
  /** Under the shared pacing gate: the search for a message an earlier attempt may have posted uses it. */
  slack: PacedSlackClient;
  paced: PacedSlackCall;
  renderer: CardRenderer;
  logger: Logger;
  metrics: BridgeMetrics;
  tokenFingerprint: string;
  instanceId: string;
  now: () => Date;
  retry: { baseMs: number; maxMs: number };
  blockRetryMs: number;
  lagNoticeMs: number;
  leaseMs: number;
  enrich?: Enrich;
  /** The monitoring tool's context for cards; absent without PAGERDUTY_API_TOKEN. */
  alertContexts?: AlertContextSource;
  afterCardPosted?: OutboxSenderOptions["afterCardPosted"];
  afterUpdatePosted?: OutboxSenderOptions["afterUpdatePosted"];
  afterDigestPosted?: OutboxSenderOptions["afterDigestPosted"];
  /** Storm digests (storm-digest.ts); absent: every incident gets a card. */
  storm?: StormSettings;
  pass: PassState;
}

/**
 * Whether a row of `teamId` (a card, a connection) is in the workspace this sender posts in. The SLACK_BOT_TOKEN
 * workspace's rows carry its team id or none (written before auth.test named it), and both are this one
 * workspace. Without a workspace of its own, only the same team id counts as the same workspace as `sameAs`.
 */
export function inSenderWorkspace(
  pass: PassState,
  teamId: string | null,
  sameAs: string | null,
): boolean {
  const { teams } = pass;
  if (!teams) return teamId === sameAs;
  return teamId === null
    ? teams.includeUnassigned
    : teams.teamIds.includes(teamId);
}

export const iso = (ms: number) => new Date(ms).toISOString();

export async function loadSnapshot(db: BridgeDb, incidentId: string) {
  const row = await db.selectFrom("incident_states").select("state")
    .where("incident_id", "=", incidentId).executeTakeFirst();
  const state = row ? JSON.parse(row.state) as IncidentState | null : null;
  return state?.snapshot ?? null;
}

/** Slack accepted a call for `channelId`: the token, and that channel, work again. */
export async function liftBlocks(
  { db, logger, pass }: Pick<SenderContext, "db" | "logger" | "pass">,
  channelId: string,
) {
  if (pass.parked.workspace) {
    pass.parked.workspace = false;
    if (await clearDeliveryBlock(db, "workspace", pass.blockKey)) {
      logger.info("Slack accepts the bot token again: delivering parked work");
    }
  }
  if (pass.parked.channels.delete(channelId)) {
    if (await clearDeliveryBlock(db, "channel", channelId)) {
      logger.info(
        { channel_id: channelId },
        "Slack accepts posts in the channel again: delivering parked work",
      );
    }
  }
}
