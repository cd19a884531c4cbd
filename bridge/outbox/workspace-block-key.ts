// Which workspace a piece of per-workspace delivery state belongs to. Delivery blocks and buttons refusals are
// stored under a workspace key: WORKSPACE_BLOCK_KEY for the SLACK_BOT_TOKEN workspace (its rows may carry no team:
// they predate migration 0013, or auth.test has not named it yet), the team id for every other workspace. The
// outbox sender of each workspace (workspace-outbox.ts) uses the same rule, so doctor, the status page and the
// bridge API read back what the sender wrote.
import { type RawBuilder, sql } from "kysely";
import { WORKSPACE_BLOCK_KEY } from "./delivery-blocks.ts";

/** `botTeam`: SLACK_BOT_TOKEN's team (null: no bot token, or auth.test has not answered). */
export function workspaceBlockKey(
  teamId: string | null,
  botTeam: string | null,
): string {
  return teamId === null || teamId === botTeam ? WORKSPACE_BLOCK_KEY : teamId;
}

/** The outbox/cards rows of the workspace with block key `key`: its team, and no team for the bot's. */
export function teamsOfBlockKey(
  key: string,
  botTeam: string | null,
): { teamIds: string[]; includeUnassigned: boolean } {
  if (key !== WORKSPACE_BLOCK_KEY) {
    return { teamIds: [key], includeUnassigned: false };
  }
  return { teamIds: botTeam ? [botTeam] : [], includeUnassigned: true };
}

/** A WHERE condition on `column` (a team id column) for the rows of one workspace (teamsOfBlockKey). */
export function inWorkspace(
  column: string,
  scope: { teamIds: readonly string[]; includeUnassigned: boolean },
): RawBuilder<boolean> {
  const parts = [
    ...(scope.teamIds.length > 0
      ? [sql`${sql.ref(column)} in (${sql.join([...scope.teamIds])})`]
      : []),
    ...(scope.includeUnassigned ? [sql`${sql.ref(column)} is null`] : []),
  ];
  // Neither: no row (a bound `false` is no SQLite value).
  return parts.length > 0
    ? sql<boolean>`(${sql.join(parts, sql` or `)})`
    : sql<boolean>`1 = 0`;
}

/** How logs and doctor name a workspace key. */
export function workspaceLabel(key: string): string {
  return key === WORKSPACE_BLOCK_KEY
    ? "the SLACK_BOT_TOKEN workspace"
    : `workspace ${key}`;
}
