// One outbox sender per Slack workspace: each delivers its own workspace's jobs with that workspace's token,
// pacing, delivery block and card buttons (its hosted app's incident-action trigger). A workspace without a
// token (uninstalled mid-incident, or never installed) parks its own jobs, which stay pending and untouched, and
// says so once; the other workspaces' jobs go on.
import type { Logger } from "pino";
import type { BridgeDb } from "../db/database.ts";
import type { PacedSlackClient } from "../slack/paced-slack-client.ts";
import type { SlackWorkspaces } from "../slack/slack-workspaces.ts";
import type { Enrich } from "./enrich.ts";
import { workflowTriggerUrls } from "../triggers/workflow-trigger-store.ts";
import type { CardRenderer } from "./card-renderer.ts";
import { openStormTeams } from "./storm-digest.ts";
import {
  clearDeliveryBlock,
  parkDelivery,
  WORKSPACE_BLOCK_KEY,
} from "./delivery-blocks.ts";
import {
  createOutboxSender,
  type OutboxSender,
  type OutboxSenderOptions,
  type RunResult,
} from "./outbox-sender.ts";

export interface WorkspaceOutboxOptions extends
  Omit<
    OutboxSenderOptions,
    "slack" | "renderer" | "tokenFingerprint" | "team" | "enrich"
  > {
  workspaces: SlackWorkspaces;
  /** The renderer of one workspace's cards, given its incident-action trigger URL (null: no buttons). */
  renderer: (actionsTriggerUrl: string | null) => CardRenderer;
  /** SLACK_ACTIONS_TRIGGER_URL: the SLACK_BOT_TOKEN workspace's buttons when its hosted app registered none. */
  actionsTriggerUrl: string | null;
  /**
   * One workspace's enricher: Slack user lookups are per workspace (a PagerDuty user is a different Slack user
   * in each), so each workspace gets its own, and its own caches.
   */
  enrich?: (slack: PacedSlackClient, teamId: string | null) => Enrich;
}

/** How long an uninstalled workspace's parked work waits before the bridge looks for its token again. */
const NOT_INSTALLED_RETRY_MS = 5 * 60_000;

export function createWorkspaceOutbox(
  options: WorkspaceOutboxOptions,
): OutboxSender {
  const { db, workspaces, logger, actionsTriggerUrl } = options;
  const now = options.now ?? (() => new Date());
  const senders = new Map<string, OutboxSender>();
  const enrichers = new Map<string, Enrich>();
  let instanceId = options.instanceId;
  /** SLACK_BOT_TOKEN's team as of this pass (null until auth.test answered). */
  let currentBotTeam: string | null = null;

  const senderFor = async (
    team: string | null,
    botTeam: string | null,
  ): Promise<OutboxSender | null> => {
    const lookup = await workspaces.clientFor(team ?? botTeam);
    if (!lookup.ok) {
      if (lookup.reason !== "team_pending") {
        await parkMissingWorkspace(db, logger, team, lookup.message, now());
      }
      return null;
    }
    // Installed again (or its team now known): its work is no longer parked for want of a token.
    if (team && lookup.workspace.source === "bot_token") {
      await clearDeliveryBlock(db, "workspace", team);
    }
    const { workspace } = lookup;
    const isBot = workspace.source === "bot_token";
    // SLACK_ACTIONS_TRIGGER_URL stays what the single workspace's cards use; an installed workspace's cards use
    // the incident-action trigger its own hosted app registered.
    const triggerUrl = isBot && actionsTriggerUrl
      ? actionsTriggerUrl
      : (await workflowTriggerUrls(db, null, workspace.teamId))
        .incident_action ?? null;
    const key = `${team ?? ""}|${workspace.fingerprint}|${triggerUrl ?? ""}`;
    let sender = senders.get(key);
    if (!sender) {
      for (const [old] of senders) {
        if (old.startsWith(`${team ?? ""}|`)) senders.delete(old);
      }
      let enrich = enrichers.get(team ?? "");
      if (!enrich && options.enrich) {
        enrich = options.enrich(workspace.slack, workspace.teamId);
        enrichers.set(team ?? "", enrich);
      }
      const { enrich: _factory, ...senderOptions } = options;
      sender = createOutboxSender({
        ...senderOptions,
        ...(enrich ? { enrich } : {}),
        ...(instanceId ? { instanceId } : {}),
        slack: workspace.slack,
        renderer: options.renderer(triggerUrl),
        tokenFingerprint: workspace.fingerprint,
        team: () => ({
          teamIds: team ? [team] : currentBotTeam ? [currentBotTeam] : [],
          includeUnassigned: isBot,
          blockKey: isBot ? WORKSPACE_BLOCK_KEY : workspace.teamId ?? "",
        }),
      });
      instanceId ??= sender.instanceId;
      senders.set(key, sender);
    }
    return sender;
  };

  const outbox: OutboxSender = {
    get instanceId() {
      return instanceId ?? "";
    },
    async runOnce(): Promise<RunResult> {
      const botTeam = await workspaces.defaultTeam();
      currentBotTeam = botTeam;
      const rows = await db.selectFrom("outbox").select("team_id").distinct()
        .where("status", "=", "pending").execute();
      // The SLACK_BOT_TOKEN workspace's jobs (team NULL or its team) go to one sender.
      // And those with a storm still open: its end is due without a pending job (storm-digest.ts, stormEnds).
      const storming = options.storm ? await openStormTeams(db) : [];
      const teams = new Set<string | null>(
        [...rows.map((r) => r.team_id), ...storming].map((team) =>
          team === botTeam ? null : team
        ),
      );
      let sent = 0;
      let next: number | null = null;
      for (const team of teams) {
        const sender = await senderFor(team, botTeam);
        if (!sender) {
          // A parked workspace is looked at again later; one waiting for auth.test soon.
          const wait = botTeam === null ? 1000 : NOT_INSTALLED_RETRY_MS;
          next = Math.min(next ?? wait, wait);
          continue;
        }
        const result = await sender.runOnce();
        sent += result.sent;
        if (result.nextInMs !== null) {
          next = Math.min(next ?? result.nextInMs, result.nextInMs);
        }
      }
      return { sent, nextInMs: next };
    },
  };
  return outbox;
}

/** Parks the jobs of a workspace the bridge has no token for; says so once (per block), not per pass. */
async function parkMissingWorkspace(
  db: BridgeDb,
  logger: Logger,
  team: string | null,
  message: string,
  at: Date,
) {
  const key = team ?? WORKSPACE_BLOCK_KEY;
  const fresh = await parkDelivery(db, {
    scope: "workspace",
    key,
    error: "not_installed",
    token_fingerprint: "",
    retry_at: new Date(at.getTime() + NOT_INSTALLED_RETRY_MS).toISOString(),
    now: at,
  });
  if (!fresh) return;
  const parked = await db.selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "pending")
    .where("team_id", team === null ? "is" : "=", team)
    .executeTakeFirst();
  logger.error(
    { team_id: team, parked_jobs: Number(parked?.n ?? 0) },
    `Slack deliveries for workspace ${
      team ?? "(default)"
    } are parked: ${message}. Its cards and updates stay queued (other workspaces are not affected) and go out once it is installed again.`,
  );
}
