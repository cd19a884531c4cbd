// The on-call loop: PagerDuty has no on-call webhook, so the bridge reads GET /oncalls every ONCALL_POLL_S (at
// most a minute) and again just after the earliest known shift end, keeps each on-call user group equal to it
// (sync-oncall-group.ts) and records shift handoffs (check-handoffs.ts). One replica at a time does it: the
// `oncall_poller` lease (db/claim-lease.ts), renewed by every step of its holder, taken over when it runs out.
import type { Logger } from "pino";
import type { OnCallPagerDuty } from "../../shared/oncall/list-on-call.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { asOnCallClient } from "../slash/oncall-answer.ts";
import { claimLease, releaseLease } from "../db/claim-lease.ts";
import type { BridgeDb } from "../db/database.ts";
import type { SlackWorkspaces } from "../slack/slack-workspaces.ts";
import {
  createSlackMentions,
  type SlackMentions,
} from "../slash/slack-mentions.ts";
import { type OutageLog, startLoop } from "../worker/start-loop.ts";
import { checkHandoffs } from "./check-handoffs.ts";
import { listOncallGroups } from "./oncall-group-store.ts";
import { syncOncallGroup } from "./sync-oncall-group.ts";
import { redactCredentials } from "../../shared/pagerduty/redact-credentials.ts";

export const ONCALL_LEASE_KEY = "oncall_poller";
/** Shortest wait after a shift end before looking (PagerDuty's answer must already show the new shift). */
const AFTER_SHIFT_END_MS = 1_000;

export interface OncallLoopOptions {
  db: BridgeDb;
  /** The bridge's PagerDuty client (PAGERDUTY_API_TOKEN); null: no loop, on-call groups stay as they are. */
  pagerDuty: PagerDutyClient | null;
  workspaces: SlackWorkspaces;
  instanceId: string;
  /** ONCALL_POLL_S; absent: 60. */
  pollS?: number;
  logger: Logger;
  outage: OutageLog;
  /** A handoff was enqueued: wake the sender. */
  onEnqueued: () => void;
  now?: () => Date;
}

export function startOncallLoop(
  options: OncallLoopOptions,
): { wake(): void; stop(): Promise<void> } | null {
  if (!options.pagerDuty) return null;
  return runOncallLoop({
    ...options,
    pagerDuty: asOnCallClient(options.pagerDuty),
    pollMs: (options.pollS ?? 60) * 1000,
  });
}

function runOncallLoop(
  {
    db,
    pagerDuty,
    workspaces,
    instanceId,
    pollMs,
    logger,
    outage,
    onEnqueued,
    now = () => new Date(),
  }: Omit<OncallLoopOptions, "pagerDuty" | "pollS"> & {
    pagerDuty: OnCallPagerDuty;
    pollMs: number;
  },
) {
  // The lease outlives two missed steps, so a slow PagerDuty does not hand the work to another replica.
  const leaseMs = Math.max(3 * pollMs, 10_000);
  const mentions = new Map<string, SlackMentions>();
  const workspaceOf = async (teamId: string | null) => {
    const lookup = await workspaces.clientFor(teamId);
    if (!lookup.ok) return lookup;
    const key = lookup.workspace.teamId ?? "";
    let cached = mentions.get(key);
    if (!cached) {
      mentions.set(
        key,
        cached = createSlackMentions({ slack: lookup.workspace.slack }),
      );
    }
    return {
      ok: true as const,
      slack: lookup.workspace.slack,
      mentions: cached,
    };
  };
  const failed = (
    error: unknown,
    context: Record<string, string>,
    what: string,
  ) =>
    logger.warn(
      { ...context, err_message: redactCredentials((error as Error).message) },
      what,
    );

  const loop = startLoop(async () => {
    if (!await claimLease(db, ONCALL_LEASE_KEY, instanceId, now(), leaseMs)) {
      return pollMs;
    }
    const ends: string[] = [];
    for (const group of await listOncallGroups(db)) {
      const ws = await workspaceOf(group.team_id);
      if (!ws.ok) {
        await db.updateTable("oncall_groups").set({ problem: ws.message })
          .where("id", "=", group.id).execute();
        continue;
      }
      try {
        const { nextChangeAt } = await syncOncallGroup(
          {
            db,
            pagerDuty,
            slack: ws.slack,
            mentions: ws.mentions,
            logger,
            now,
          },
          group,
        );
        if (nextChangeAt) ends.push(nextChangeAt);
      } catch (error) {
        // PagerDuty down or refusing: the group keeps its members; the next step tries again.
        failed(
          error,
          { oncall_group: group.id },
          "on-call group sync failed; trying again",
        );
      }
    }
    try {
      const handoffs = await checkHandoffs({
        db,
        pagerDuty,
        mentionsFor: async (teamId) => {
          const ws = await workspaceOf(teamId);
          return ws.ok ? ws.mentions : null;
        },
        logger,
        now,
      });
      if (handoffs.posted > 0) onEnqueued();
      if (handoffs.nextChangeAt) ends.push(handoffs.nextChangeAt);
    } catch (error) {
      failed(error, {}, "shift handoff check failed; trying again");
    }
    const next = ends.sort()[0];
    const untilEnd = next
      ? Date.parse(next) - now().getTime() + AFTER_SHIFT_END_MS
      : Infinity;
    return Math.max(AFTER_SHIFT_END_MS, Math.min(pollMs, untilEnd));
  }, { idleMs: pollMs, name: "oncall", logger, outage });

  return {
    wake: () => loop.wake(),
    async stop() {
      await loop.stop();
      // Another replica (or this one restarted) takes over at once instead of after the lease.
      await releaseLease(db, ONCALL_LEASE_KEY, instanceId).catch(() => {});
    },
  };
}
