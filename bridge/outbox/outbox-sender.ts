// Drains the outbox into Slack within its limits. Each run takes the blocks in force (a refused token or
// channel parks the work it concerns), picks the channels with work due, and gives each one pass under its lease
// (send-channel.ts), one job at a time: cards (deliver-card.ts) and updates (deliver-update.ts), paced by
// paced-slack-call.ts; a failed job is delayed, parked, retried or failed by record-job-error.ts.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { type ExpressionBuilder, sql } from "kysely";
import type { BridgeDatabase, BridgeDb } from "../db/database.ts";
import type { BridgeMetrics } from "../ops/bridge-metrics.ts";
import type { PacedSlackClient } from "../slack/paced-slack-client.ts";
import type { CardRenderer } from "./card-renderer.ts";
import { readButtonsRefusal } from "./buttons-refused.ts";
import {
  clearDeliveryBlock,
  readDeliveryBlocks,
  WORKSPACE_BLOCK_KEY,
} from "./delivery-blocks.ts";
import type { Enrich } from "./enrich.ts";
import { createPacedSlackCall } from "./paced-slack-call.ts";
import { sendChannel } from "./send-channel.ts";
import { DEFAULT_STORM_QUIET_MS, stormEnds } from "./storm-digest.ts";
import {
  iso,
  liftBlocks,
  type PassState,
  type SenderContext,
} from "./sender-context.ts";

export interface OutboxSenderOptions {
  db: BridgeDb;
  /** Every call under the shared pacing gate (one per process; its clock is the sender's `now` in tests). */
  slack: PacedSlackClient;
  renderer: CardRenderer;
  logger: Logger;
  metrics: BridgeMetrics;
  /** `tokenFingerprint` of the bot token `slack` calls with: a refused token is retried at once when it changes. */
  tokenFingerprint: string;
  instanceId?: string;
  /**
   * The one workspace whose jobs this sender delivers (several workspaces: workspace-outbox.ts runs a sender per
   * workspace). `teamIds`: the jobs' team ids it takes; `includeUnassigned`: it also takes jobs without a team
   * (the SLACK_BOT_TOKEN workspace's, from before migration 0013); `blockKey`: the key of its workspace block.
   * Absent: every job, under WORKSPACE_BLOCK_KEY (one workspace).
   */
  team?: () => {
    teamIds: string[];
    includeUnassigned: boolean;
    blockKey: string;
  };
  now?: () => Date;
  /** Backoff of transient failures (5xx, timeouts, network); they are retried until Slack answers. */
  retry?: { baseMs: number; maxMs: number };
  /** How often work parked by a refused token or channel is tried again without a change to trigger it. */
  blockRetryMs?: number;
  /** When a channel's oldest pending job is older than this, the channel is told (once). */
  lagNoticeMs?: number;
  /** How long a channel lease or a card claim protects a replica that may have died. */
  leaseMs?: number;
  enrich?: Enrich;
  /** The first alert's context for cards (one per process, shared by every workspace's sender). */
  alertContexts?: SenderContext["alertContexts"];
  /** Test seam: runs between Slack's answer to a card post and the database write (crash tests). */
  afterCardPosted?: (
    card: { incidentId: string; channelId: string; ts: string },
  ) => Promise<void> | void;
  /** Test seam: runs between Slack's answer to an update message and the job's completion. */
  afterUpdatePosted?: (
    update: { incident_id: string; event_id: string; ts: string },
  ) => Promise<void> | void;
  /** Test seam: runs between Slack's answer to a digest post and the database write (crash tests). */
  afterDigestPosted?: (
    digest: { digestId: number; channelId: string; ts: string },
  ) => Promise<void> | void;
  /**
   * Storm digests (storm-digest.ts): more than `threshold` new cards due in a channel go into one digest. Absent:
   * every incident gets its own card. `quietMs` defaults to DEFAULT_STORM_QUIET_MS.
   */
  storm?: { threshold: number; quietMs?: number };
}

export interface RunResult {
  sent: number;
  /** Milliseconds until more work could be due; null when nothing is pending. */
  nextInMs: number | null;
}

export interface OutboxSender {
  runOnce(): Promise<RunResult>;
  instanceId: string;
}

export function createOutboxSender(
  {
    db,
    slack,
    renderer,
    logger,
    metrics,
    instanceId = randomUUID(),
    now = () => new Date(),
    tokenFingerprint,
    retry = { baseMs: 1000, maxMs: 5 * 60_000 },
    blockRetryMs = 5 * 60_000,
    lagNoticeMs = 60_000,
    leaseMs = 30_000,
    enrich,
    alertContexts,
    afterCardPosted,
    afterUpdatePosted,
    afterDigestPosted,
    storm,
    team,
  }: OutboxSenderOptions,
): OutboxSender {
  const scope = () =>
    team?.() ??
      { teamIds: [], includeUnassigned: true, blockKey: WORKSPACE_BLOCK_KEY };
  const pass: PassState = {
    parked: { workspace: false, channels: new Set<string>() },
    buttonsRefused: false,
    blockKey: WORKSPACE_BLOCK_KEY,
    teams: null,
    plainRetries: new Map(),
  };
  const ctx: SenderContext = {
    db,
    slack,
    paced: createPacedSlackCall({
      slack,
      metrics,
      logger,
      onAccepted: (channelId) => liftBlocks({ db, logger, pass }, channelId),
    }),
    renderer,
    logger,
    metrics,
    tokenFingerprint,
    instanceId,
    now,
    retry,
    blockRetryMs,
    lagNoticeMs,
    leaseMs,
    enrich,
    alertContexts,
    afterCardPosted,
    afterUpdatePosted,
    afterDigestPosted,
    storm: storm
      ? {
        threshold: storm.threshold,
        quietMs: storm.quietMs ?? DEFAULT_STORM_QUIET_MS,
      }
      : undefined,
    pass,
  };

  return {
    instanceId,
    async runOnce() {
      const nowMs = now().getTime();
      const nowIso = iso(nowMs);
      const { teamIds, includeUnassigned, blockKey } = scope();
      pass.blockKey = blockKey;
      pass.teams = team ? { teamIds, includeUnassigned } : null;
      const blocks = await readDeliveryBlocks(db, blockKey);
      pass.buttonsRefused = await readButtonsRefusal(db, blockKey) !== null;
      let workspace = blocks.workspace;
      if (workspace && workspace.token_fingerprint !== tokenFingerprint) {
        // Someone configured another token since Slack refused the last one: try it now.
        await clearDeliveryBlock(db, "workspace", blockKey);
        logger.info(
          { refused: workspace.error },
          "a different Slack bot token is configured: delivering parked work",
        );
        workspace = null;
      }
      const retryDue = (block: { retry_at: string }) =>
        Date.parse(block.retry_at) <= nowMs;
      pass.parked.workspace = workspace !== null;
      pass.parked.channels = new Set(blocks.channels.keys());
      const blockWaits = [
        ...blocks.channels.values(),
        ...(workspace ? [workspace] : []),
      ]
        .map((b) => Math.max(0, Date.parse(b.retry_at) - nowMs));

      const teamIn = (
        eb: ExpressionBuilder<BridgeDatabase, "outbox">,
      ) =>
        eb.or([
          ...(teamIds.length > 0 ? [eb("outbox.team_id", "in", teamIds)] : []),
          ...(includeUnassigned ? [eb("outbox.team_id", "is", null)] : []),
          // Neither: no job (a bound `false` is no SQLite value).
          sql<boolean>`1 = 0`,
        ]);
      let channels: string[] = [];
      // A storm that simply stops is over after its quiet period: its channel gets a pass then, with or without
      // a job due, so the digest says so (storm-digest.ts closes it in that pass).
      const ends = await stormEnds(
        db,
        ctx.storm,
        nowMs,
        team === undefined ? null : async (keys) =>
          new Set(
            (await db.selectFrom("outbox").select("dedupe_key")
              .where("dedupe_key", "in", keys).where(teamIn).execute())
              .map((r) => r.dedupe_key),
          ),
      );
      if (!workspace || retryDue(workspace)) {
        const due = await db.selectFrom("outbox").select("channel_id")
          .distinct()
          .where("status", "=", "pending").where("available_at", "<=", nowIso)
          .$if(team !== undefined, (q) => q.where(teamIn))
          .execute();
        // A channel's team is its jobs' (the lease rows carry none of their own).
        const behind = await db.selectFrom("channels").select("channel_id")
          .where("behind", "=", 1)
          .$if(team !== undefined, (q) =>
            q.where(
              "channel_id",
              "in",
              db.selectFrom("outbox").select("outbox.channel_id").where(teamIn),
            ))
          .execute();
        channels = [
          ...new Set([...due, ...behind, ...ends.due].map((r) => r.channel_id)),
        ]
          .filter((id) => {
            const block = blocks.channels.get(id);
            return !block || retryDue(block);
          });
        // While the token is refused, one channel tries it: every other call would only be refused too.
        if (workspace) channels = channels.slice(0, 1);
      }
      const results = await Promise.all(
        channels.map((id) => sendChannel(ctx, id)),
      );
      const depth = await db.selectFrom("outbox")
        .select((
          eb,
        ) => [
          eb.fn.countAll<number>().as("n"),
          eb.fn.min("available_at").as("next"),
        ])
        .where("status", "=", "pending")
        .$if(team !== undefined, (q) => q.where(teamIn))
        .executeTakeFirst();
      const pending = Number(depth?.n ?? 0);
      metrics.outboxDepth.set(pending);
      const sent = results.reduce((n, r) => n + r.sent, 0);
      const channelWaits = [
        ...results.flatMap((r) => r.waitMs === null ? [] : [r.waitMs]),
        ...(ends.nextInMs === null ? [] : [ends.nextInMs]),
      ];
      // Nothing pending, but a lag notice waits for its slot: come back for it then.
      if (pending === 0) {
        return {
          sent,
          nextInMs: channelWaits.length > 0 ? Math.min(...channelWaits) : null,
        };
      }
      const waits = [...channelWaits, ...blockWaits.filter((ms) => ms > 0)];
      const nextDue = depth?.next
        ? Math.max(0, Date.parse(depth.next) - now().getTime())
        : 0;
      return {
        sent,
        nextInMs: Math.min(
          nextDue > 0 ? nextDue : Infinity,
          ...waits,
          sent > 0 ? 0 : leaseMs,
        ),
      };
    },
  };
}
