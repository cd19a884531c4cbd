// The Slack workspaces the bridge posts in, each with its own bot token, paced client and token fingerprint.
// Tokens come from the installations ("Add to Slack", bridge/install/installation-store.ts) and, for a
// single-workspace setup, from SLACK_BOT_TOKEN (its team learnt from auth.test). Every Slack call for a
// workspace goes through `clientFor(teamId)`, so a workspace that uninstalled the app (or was never installed)
// is a result the caller handles: its work parks, every other workspace's goes on.
import type { BridgeMetrics } from "../ops/bridge-metrics.ts";
import { tokenFingerprint } from "./token-fingerprint.ts";

/**
 * What this module needs of the installation store (bridge/install/installation-store.ts): the bot token of a
 * workspace and the installed teams. Declared here so slack/ does not depend on install/, which builds on it.
 */
export interface InstalledTokens {
  find(teamId: string): Promise<{ teamId: string; botToken: string } | null>;
  list(): Promise<readonly { teamId: string }[]>;
}
import {
  createPacedSlackClient,
  type PacedSlackClient,
} from "./paced-slack-client.ts";
import type { PacingGate } from "./pacing-gate.ts";
import { pacingWorkspace } from "./pacing-workspace.ts";
import { createSlackClient, type SlackClient } from "./slack-client.ts";
import { SlackApiError } from "./slack-errors.ts";

export interface WorkspaceClient {
  /** null: the SLACK_BOT_TOKEN workspace before auth.test named its team. */
  teamId: string | null;
  slack: PacedSlackClient;
  /** `tokenFingerprint` of the workspace's bot token: a refused token is retried at once when it changes. */
  fingerprint: string;
  source: "bot_token" | "installation";
}

export type WorkspaceLookup =
  | { ok: true; workspace: WorkspaceClient }
  | {
    ok: false;
    /**
     * `not_installed`: no token for that team (never installed, or uninstalled since);
     * `team_required`: no team named and more than one workspace (or none) is known;
     * `team_pending`: no installation for that team, but SLACK_BOT_TOKEN's team is not known yet (auth.test has
     * not answered): it may be that one, so its work waits rather than parks.
     */
    reason: "not_installed" | "team_required" | "team_pending";
    teamId: string | null;
    message: string;
  };

export interface SlackWorkspaces {
  /**
   * The client of workspace `teamId`; null or omitted: the single workspace (an error once several are known).
   * `maxWaitMs`: how long its calls may sleep for a pacing slot (the bridge API waits; the outbox does not).
   */
  clientFor(
    teamId: string | null | undefined,
    options?: { maxWaitMs?: number },
  ): Promise<WorkspaceLookup>;
  /** Every workspace with a token: the SLACK_BOT_TOKEN one (once its team is known) and the installed ones. */
  teams(): Promise<string[]>;
  /** The team of SLACK_BOT_TOKEN (once auth.test answered), else the only installation's; null otherwise. */
  defaultTeam(): Promise<string | null>;
  /** SLACK_BOT_TOKEN's client whatever its team (auth.test asks it which); null without a bot token. */
  botTokenClient(): WorkspaceClient | null;
  /** The team SLACK_BOT_TOKEN belongs to, from auth.test (start-bridge.ts). */
  setBotTeam(teamId: string): void;
  /** Drops a workspace's cached client (the app was uninstalled or its tokens revoked): its calls stop at once. */
  forget(teamId: string): void;
}

export interface SlackWorkspacesOptions {
  /** SLACK_BOT_TOKEN, or null when every workspace comes from an installation. */
  botToken: string | null;
  /** The installations; null when the bridge has no install credentials (SLACK_CLIENT_ID unset). */
  installations: InstalledTokens | null;
  slackApiUrl: string;
  gate: PacingGate;
  metrics?: BridgeMetrics;
  /** How long an installation's client is kept before its token is read again (a reinstall on another replica). */
  cacheMs?: number;
  now?: () => number;
  /** Test seam: the unpaced client of one token. */
  createClient?: (token: string) => SlackClient;
}

interface Cached {
  teamId: string;
  client: SlackClient;
  fingerprint: string;
  readAt: number;
  paced: Map<number, PacedSlackClient>;
}

export function createSlackWorkspaces(
  options: SlackWorkspacesOptions,
): SlackWorkspaces {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 60_000;
  const createClient = options.createClient ??
    ((token: string) =>
      createSlackClient({
        token,
        slackApiUrl: options.slackApiUrl,
        ...(options.metrics ? { metrics: options.metrics } : {}),
      }));
  const pacedOf = (
    entry: { client: SlackClient; paced: Map<number, PacedSlackClient> },
    workspace: () => string,
    maxWaitMs: number,
  ) => {
    let paced = entry.paced.get(maxWaitMs);
    if (!paced) {
      paced = createPacedSlackClient({
        slack: entry.client,
        gate: options.gate,
        workspace,
        maxWaitMs,
        ...(options.metrics ? { metrics: options.metrics } : {}),
      });
      entry.paced.set(maxWaitMs, paced);
    }
    return paced;
  };

  const bot = options.botToken
    ? {
      client: createClient(options.botToken),
      fingerprint: tokenFingerprint(options.botToken),
      teamId: null as string | null,
      paced: new Map<number, PacedSlackClient>(),
    }
    : null;
  const installed = new Map<string, Cached>();

  const botClient = (maxWaitMs: number): WorkspaceLookup => {
    if (!bot) throw new Error("no SLACK_BOT_TOKEN");
    return {
      ok: true,
      workspace: {
        teamId: bot.teamId,
        slack: pacedOf(
          bot,
          () => pacingWorkspace(bot.teamId, bot.fingerprint),
          maxWaitMs,
        ),
        fingerprint: bot.fingerprint,
        source: "bot_token",
      },
    };
  };

  const installedClient = async (
    teamId: string,
    maxWaitMs: number,
  ): Promise<WorkspaceLookup> => {
    let entry = installed.get(teamId);
    if (!entry || now() - entry.readAt >= cacheMs) {
      const installation = await options.installations?.find(teamId) ?? null;
      if (!installation) {
        installed.delete(teamId);
        return {
          ok: false,
          reason: "not_installed",
          teamId,
          message:
            `the bridge's Slack app is not installed in workspace ${teamId} (or was uninstalled): install it with "Add to Slack"`,
        };
      }
      const fingerprint = tokenFingerprint(installation.botToken);
      if (entry?.fingerprint === fingerprint) entry.readAt = now();
      else {
        entry = {
          teamId,
          client: createClient(installation.botToken),
          fingerprint,
          readAt: now(),
          paced: new Map(),
        };
        installed.set(teamId, entry);
      }
    }
    const current = entry;
    return {
      ok: true,
      workspace: {
        teamId,
        slack: pacedOf(current, () => teamId, maxWaitMs),
        fingerprint: current.fingerprint,
        source: "installation",
      },
    };
  };

  const installedTeams = async () =>
    options.installations
      ? (await options.installations.list()).map((i) => i.teamId)
      : [];

  const workspaces: SlackWorkspaces = {
    async clientFor(teamId, { maxWaitMs = 0 } = {}) {
      if (!teamId) {
        if (bot) {
          // A bot token and installations together: the bot token's workspace is the default only while it is
          // the only one.
          const others = (await installedTeams()).filter((t) =>
            t !== bot.teamId
          );
          if (others.length === 0) return botClient(maxWaitMs);
        } else {
          const teams = await installedTeams();
          if (teams.length === 1) {
            return await installedClient(teams[0] as string, maxWaitMs);
          }
        }
        return {
          ok: false,
          reason: "team_required",
          teamId: null,
          message:
            "team_id is required: the bridge posts in several Slack workspaces (or none is installed yet)",
        };
      }
      if (bot && (bot.teamId === teamId)) return botClient(maxWaitMs);
      const found = await installedClient(teamId, maxWaitMs);
      if (!found.ok && bot && bot.teamId === null) {
        return {
          ok: false,
          reason: "team_pending",
          teamId,
          message:
            "waiting for Slack's auth.test to name SLACK_BOT_TOKEN's workspace",
        };
      }
      return found;
    },
    async teams() {
      const teams = new Set(await installedTeams());
      if (bot?.teamId) teams.add(bot.teamId);
      return [...teams].sort();
    },
    async defaultTeam() {
      if (bot) return bot.teamId;
      const teams = await installedTeams();
      return teams.length === 1 ? teams[0] as string : null;
    },
    botTokenClient() {
      if (!bot) return null;
      const lookup = botClient(0);
      return lookup.ok ? lookup.workspace : null;
    },
    setBotTeam(teamId) {
      if (bot) bot.teamId = teamId;
    },
    forget(teamId) {
      installed.delete(teamId);
    },
  };
  return workspaces;
}

/**
 * A client that calls the single workspace (`clientFor(null)`) on each call: what the parts that know no team yet
 * (the bridge API, the slash command, incident channels) use. With several workspaces and no team, or an
 * uninstalled one, its calls fail as Slack refusing the token would (`workspace_blocked`), with the reason.
 */
export function defaultWorkspaceClient(
  workspaces: SlackWorkspaces,
  maxWaitMs = 0,
): PacedSlackClient {
  return {
    async call<T>(
      method: string,
      args: Record<string, unknown>,
      options?: { maxWaitMs?: number },
    ) {
      const lookup = await workspaces.clientFor(null, { maxWaitMs });
      if (!lookup.ok) {
        return {
          ok: false as const,
          error: new SlackApiError({
            method,
            error: lookup.reason,
            outcome: "workspace_blocked",
          }),
        };
      }
      return await lookup.workspace.slack.call<T>(method, args, options);
    },
    async waitFor(method, args) {
      const lookup = await workspaces.clientFor(null, { maxWaitMs });
      return lookup.ok ? await lookup.workspace.slack.waitFor(method, args) : 0;
    },
  };
}
