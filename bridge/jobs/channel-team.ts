import { type Expression, sql } from "kysely";

/**
 * The workspace (team id) of a channel, as a SQL expression for the row being written: the team of a connection
 * for the channel, else of the incident channel created there; NULL (the SLACK_BOT_TOKEN workspace) when neither
 * names one. Slack channel ids are unique across workspaces, so the channel decides. The exception is a Slack
 * Connect channel shared by two workspaces that both connected it: it still gets one card (its key is the
 * channel), posted by the first connection's workspace, which is right: both workspaces see the same message.
 */
export function channelTeam(channelId: string): Expression<string | null> {
  return sql<string | null>`coalesce(
    (select min(team_id) from connections where channel_id = ${channelId}),
    (select min(team_id) from incident_channels where channel_id = ${channelId}))`;
}
