// doctor's channel check per workspace: every connected channel must have ITS workspace's bot in it, or its
// cards fail (`not_in_channel`) when an incident comes. Each workspace's channels are asked with that
// workspace's token; one bot token cannot see another workspace's channels at all.
import type { BridgeDb } from "../db/database.ts";
import { listConnections } from "../connections/connection-store.ts";
import { workspaceBlockKey } from "../outbox/workspace-block-key.ts";
import { botMembership } from "../slack/bot-membership.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import type { Database } from "../db/open-database.ts";
import type { DoctorCheck } from "./run-doctor.ts";

/** The client of a workspace (team null: SLACK_BOT_TOKEN's), or why there is none, or why it is not checked. */
export type ClientOf = (
  teamId: string | null,
) => Promise<
  | { slack: SlackClient; installed: boolean }
  | { problem: string }
  | { skip: string }
>;

/** Every connected channel must have the bot in it, or its cards fail (`not_in_channel`) when an incident comes. */
export async function checkChannels(
  open: () => Database,
  slack: SlackClient,
  /**
   * SLACK_BOT_TOKEN's team, when known: the channels are then checked per workspace, this token's only (another
   * workspace's channels are invisible to it; the status page checks them with their own token).
   */
  botTeam?: string | null,
): Promise<DoctorCheck[]> {
  const name = "connected channels";
  let channels: string[];
  let database: Database | undefined;
  try {
    database = open();
    if (!await database.isReady()) return []; // the database check says why
    if (botTeam !== undefined) {
      return await checkWorkspaceChannels(
        database.db,
        (team) =>
          Promise.resolve(
            team === null || team === botTeam ? { slack, installed: false } : {
              skip:
                `doctor talks to Slack with SLACK_BOT_TOKEN only; the status page (GET /) checks workspace ${team}'s channels with its own token`,
            },
          ),
        botTeam,
      );
    }
    channels = [
      ...new Set(
        (await listConnections(database.db)).map((c) => c.channel_id),
      ),
    ];
  } catch {
    return [];
  } finally {
    await database?.close().catch(() => {});
  }
  if (channels.length === 0) {
    return [{
      name,
      ok: true,
      detail: "none yet (connect one with the app's Connect a channel)",
    }];
  }
  const outside: string[] = [];
  const unknown: string[] = [];
  for (const channel of channels) {
    const membership = await botMembership(slack, channel);
    if (membership === "not_member") outside.push(channel);
    if (membership === "unknown") unknown.push(channel);
  }
  if (outside.length === 0 && unknown.length === 0) {
    return [{
      name,
      ok: true,
      detail: `the bot is in all ${channels.length}`,
    }];
  }
  return [
    ...(outside.length > 0
      ? [{
        name,
        ok: false,
        detail: `the bot is not in ${
          outside.join(", ")
        }: invite it (/invite @PagerSlack in each), or cards there cannot be posted`,
      }]
      : []),
    ...(unknown.length > 0
      ? [{
        name,
        ok: false,
        detail: `could not check ${unknown.join(", ")} (Slack did not say)`,
      }]
      : []),
  ];
}

/** Every connected channel must have its workspace's bot in it, or its cards fail (`not_in_channel`). */
export async function checkWorkspaceChannels(
  db: BridgeDb,
  clientOf: ClientOf,
  botTeam: string | null,
): Promise<DoctorCheck[]> {
  const name = "connected channels";
  // By workspace: SLACK_BOT_TOKEN's rows may carry its team or none (from before migration 0013).
  const byWorkspace = new Map<
    string,
    { team: string | null; channels: Set<string> }
  >();
  const connections = await listConnections(db);
  for (const c of connections) {
    const team = c.team_id ?? null;
    const key = workspaceBlockKey(team, botTeam);
    const entry = byWorkspace.get(key) ?? { team, channels: new Set() };
    entry.channels.add(c.channel_id);
    byWorkspace.set(key, entry);
  }
  if (connections.length === 0) {
    return [{
      name,
      ok: true,
      detail: "none yet (connect one with the app's Connect a channel)",
    }];
  }
  const checks: DoctorCheck[] = [];
  for (const [workspace, { team, channels }] of byWorkspace) {
    const client = await clientOf(team);
    if ("skip" in client) {
      checks.push({
        name,
        ok: true,
        workspace,
        detail: `${channels.size} not checked here: ${client.skip}`,
      });
      continue;
    }
    if ("problem" in client) {
      checks.push({
        name,
        ok: false,
        workspace,
        detail: `could not check ${
          [...channels].join(", ")
        }: ${client.problem}`,
      });
      continue;
    }
    const outside: string[] = [];
    const unknown: string[] = [];
    for (const channel of channels) {
      const membership = await botMembership(client.slack, channel);
      if (membership === "not_member") outside.push(channel);
      if (membership === "unknown") unknown.push(channel);
    }
    if (outside.length > 0) {
      checks.push({
        name,
        ok: false,
        workspace,
        detail: `the bot is not in ${
          outside.join(", ")
        }: invite it (/invite @PagerSlack in each), or cards there cannot be posted`,
      });
    }
    if (unknown.length > 0) {
      checks.push({
        name,
        ok: false,
        workspace,
        detail: `could not check ${unknown.join(", ")} (Slack did not say)`,
      });
    }
    if (outside.length === 0 && unknown.length === 0) {
      checks.push({
        name,
        ok: true,
        workspace,
        detail: `the bot is in all ${channels.size}`,
      });
    }
  }
  return checks;
}
