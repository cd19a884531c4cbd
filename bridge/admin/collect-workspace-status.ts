// The status page's view of each Slack workspace: who installed it and when, the state of its token, the
// workflow triggers its hosted app registered, its connections, its deliveries (queued per channel, the latest
// ones) and what keeps its cards back. Rows are grouped by workspace block key (outbox/workspace-block-key.ts),
// the rule the outbox senders use, so each workspace shows its own problems and nobody else's. Nothing here
// carries a token: installations are opened only to tell whether their token still opens, and stored errors pass
// through redactCredentials.
import type { BridgeDb } from "../db/database.ts";
import type { InstallationStore } from "../install/installation-store.ts";
import { listConnections } from "../connections/connection-store.ts";
import type { DeliveryBlock } from "../outbox/delivery-blocks.ts";
import { WORKSPACE_BLOCK_KEY } from "../outbox/delivery-blocks.ts";
import {
  inWorkspace,
  teamsOfBlockKey,
  workspaceBlockKey,
} from "../outbox/workspace-block-key.ts";
import {
  readWorkspaceDeliveryState,
  type WorkspaceDeliveryState,
} from "../outbox/workspace-delivery-state.ts";
import { redactCredentials } from "../../shared/pagerduty/redact-credentials.ts";
import type { Connection } from "../../shared/bridge-api/bridge-api-schemas.ts";

/** How many of a workspace's latest finished deliveries the page lists. */
const RECENT_DELIVERIES = 10;

export interface StatusChannelQueue {
  channelId: string;
  pending: number;
  failed: number;
  /** Slack refused this channel (or the workspace's bot token): its jobs wait for a person. */
  parkedBy: string | null;
}

export interface StatusDelivery {
  kind: string;
  channelId: string;
  incidentId: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  enqueuedAt: string;
}

export interface StatusProblem {
  what: string;
  since: string;
}

export interface StatusWorkspace {
  /** Its workspace block key: what its delivery blocks, buttons refusal and doctor findings are stored under. */
  key: string;
  /** Null: the SLACK_BOT_TOKEN workspace before auth.test named it. */
  teamId: string | null;
  teamName: string;
  /** `installed`: "Add to Slack"; `bot_token`: SLACK_BOT_TOKEN's; `uninstalled`: work remains, no token. */
  source: "installed" | "bot_token" | "uninstalled";
  enterpriseId: string | null;
  installedAt: string | null;
  installedBy: string | null;
  /** What the bridge knows of its token, never the token. */
  token: { ok: boolean; text: string };
  triggers: { name: string; updatedAt: string }[];
  connections: Connection[];
  queues: StatusChannelQueue[];
  recent: StatusDelivery[];
  problems: StatusProblem[];
}

export async function collectWorkspaceStatus(
  { db, installations, botWorkspace, hasBotToken }: {
    db: BridgeDb;
    installations: InstallationStore | null;
    botWorkspace: { teamId: string; teamName: string } | null;
    hasBotToken: boolean;
  },
): Promise<StatusWorkspace[]> {
  const botTeam = botWorkspace?.teamId ?? null;
  const keyOf = (teamId: string | null) => workspaceBlockKey(teamId, botTeam);
  const installed = installations ? await installations.list() : [];
  const [states, connections, triggers, counts] = await Promise.all([
    readWorkspaceDeliveryState(db, botTeam),
    listConnections(db),
    db.selectFrom("workflow_triggers").select([
      "team_id",
      "name",
      "updated_at",
    ]).orderBy("name").execute(),
    db.selectFrom("outbox")
      .select((eb) => [
        "channel_id",
        "team_id",
        "status",
        eb.fn.countAll<number>().as("n"),
      ])
      .where("status", "in", ["pending", "failed"])
      .groupBy(["channel_id", "team_id", "status"]).execute(),
  ]);

  const workspaces = new Map<string, StatusWorkspace>();
  const add = (w: Omit<StatusWorkspace, "token">) => {
    if (!workspaces.has(w.key)) {
      workspaces.set(w.key, { ...w, token: { ok: true, text: "" } });
    }
  };
  // A function: each workspace needs arrays of its own.
  const empty = () => ({
    triggers: [],
    connections: [],
    queues: [],
    recent: [],
    problems: [],
  });
  if (hasBotToken) {
    add({
      key: WORKSPACE_BLOCK_KEY,
      teamId: botTeam,
      teamName: botWorkspace?.teamName ?? "the SLACK_BOT_TOKEN workspace",
      source: "bot_token",
      enterpriseId: null,
      installedAt: null,
      installedBy: null,
      ...empty(),
    });
  }
  for (const i of installed) {
    add({
      key: keyOf(i.teamId),
      teamId: i.teamId,
      teamName: i.teamName,
      source: "installed",
      enterpriseId: i.enterpriseId,
      installedAt: i.installedAt,
      installedBy: i.installedBy,
      ...empty(),
    });
  }
  // A workspace that still has work or connections here but no token (uninstalled mid-incident).
  const known = (teamId: string | null) => {
    const key = keyOf(teamId);
    add({
      key,
      teamId: key === WORKSPACE_BLOCK_KEY ? botTeam : teamId,
      teamName: key === WORKSPACE_BLOCK_KEY
        ? "the SLACK_BOT_TOKEN workspace"
        : teamId ?? "",
      source: key === WORKSPACE_BLOCK_KEY && hasBotToken
        ? "bot_token"
        : "uninstalled",
      enterpriseId: null,
      installedAt: null,
      installedBy: null,
      ...empty(),
    });
    return workspaces.get(key)!;
  };

  for (const c of connections) known(c.team_id ?? null).connections.push(c);
  for (const t of triggers) {
    known(t.team_id === "" ? null : t.team_id).triggers.push({
      name: t.name,
      updatedAt: t.updated_at,
    });
  }
  const queues = new Map<string, StatusChannelQueue>();
  for (const row of counts) {
    const w = known(row.team_id);
    let queue = queues.get(row.channel_id);
    if (!queue) {
      queue = {
        channelId: row.channel_id,
        pending: 0,
        failed: 0,
        parkedBy: null,
      };
      queues.set(row.channel_id, queue);
      w.queues.push(queue);
    }
    if (row.status === "pending") queue.pending += Number(row.n);
    else queue.failed += Number(row.n);
  }
  for (const w of workspaces.values()) {
    const recent = await db.selectFrom("outbox")
      .select([
        "kind",
        "channel_id",
        "incident_id",
        "status",
        "attempts",
        "last_error",
        "enqueued_at",
      ])
      .where("status", "in", ["done", "failed"])
      .where(inWorkspace("team_id", teamsOfBlockKey(w.key, botTeam)))
      .orderBy("id", "desc").limit(RECENT_DELIVERIES).execute();
    w.recent = recent.map((r) => ({
      kind: r.kind,
      channelId: r.channel_id,
      incidentId: r.incident_id,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error === null ? null : redactCredentials(r.last_error),
      enqueuedAt: r.enqueued_at,
    }));
  }
  for (const state of states.values()) {
    const w = workspaces.get(state.key) ??
      known(state.key === WORKSPACE_BLOCK_KEY ? null : state.key);
    w.problems.push(...problemsOf(state));
    const parkedChannels = new Map(
      state.channelBlocks.map((c) => [c.block.key, c.block.error]),
    );
    for (const queue of w.queues) {
      if (queue.pending === 0) continue;
      queue.parkedBy = parkedChannels.get(queue.channelId) ??
        (state.block ? redactCredentials(state.block.error) : null);
    }
  }
  for (const w of workspaces.values()) {
    w.queues.sort((a, b) => a.channelId.localeCompare(b.channelId));
    w.token = await tokenState(
      w,
      states.get(w.key)?.block ?? null,
      installations,
    );
  }
  return [...workspaces.values()];
}

function problemsOf(state: WorkspaceDeliveryState): StatusProblem[] {
  const problems: StatusProblem[] = [];
  if (state.block) {
    problems.push({
      what: state.block.error === "not_installed"
        ? `no bot token (uninstalled, or its tokens revoked): ${state.pendingJobs} cards and updates wait`
        : `Slack refused the bot token (${
          redactCredentials(state.block.error)
        }): ${state.pendingJobs} cards and updates wait`,
      since: state.block.since,
    });
  }
  for (const { block, parkedJobs } of state.channelBlocks) {
    problems.push({
      what: `Slack refuses posting in ${block.key} (${
        redactCredentials(block.error)
      }): ${parkedJobs} cards and updates wait`,
      since: block.since,
    });
  }
  if (state.buttonsRefusal) {
    const { method, error } = state.buttonsRefusal.value;
    problems.push({
      what:
        `Slack refused the card buttons (${method}: ${error}): cards go out without them`,
      since: state.buttonsRefusal.updatedAt,
    });
  }
  return problems;
}

async function tokenState(
  w: StatusWorkspace,
  block: DeliveryBlock | null,
  installations: InstallationStore | null,
): Promise<{ ok: boolean; text: string }> {
  if (w.source === "uninstalled") {
    return { ok: false, text: "no token: not installed (or uninstalled)" };
  }
  if (w.source === "installed" && w.teamId && installations) {
    try {
      await installations.find(w.teamId);
    } catch {
      return {
        ok: false,
        text:
          "sealed under another PAGERSLACK_ENCRYPTION_KEY: it does not open (restore the key or install again)",
      };
    }
  }
  const where = w.source === "bot_token"
    ? "SLACK_BOT_TOKEN"
    : "sealed in the database";
  return block
    ? {
      ok: false,
      text: `${where}; Slack refused it (${
        redactCredentials(block.error)
      }) since ${block.since}`,
    }
    : { ok: true, text: `${where}; Slack has not refused it` };
}
