// Which workspace SLACK_BOT_TOKEN belongs to (auth.test), or else the default installed one. Once known, rows
// stored before several workspaces (migration 0013) are assigned to the bot token's workspace.
import type { Logger } from "pino";
import type { BridgeDb } from "./db/database.ts";
import { assignLegacyTeam } from "./db/assign-legacy-team.ts";
import { checkBotToken } from "./slack/check-bot-token.ts";
import type { SlackWorkspaces } from "./slack/slack-workspaces.ts";

export async function learnBotTeam(
  { workspaces, db, logger }: {
    workspaces: SlackWorkspaces;
    db: BridgeDb;
    logger: Logger;
  },
): Promise<{ teamId: string; teamName: string | null } | null> {
  const botTokenClient = workspaces.botTokenClient();
  if (!botTokenClient) {
    const team = await workspaces.defaultTeam();
    return team ? { teamId: team, teamName: null } : null;
  }
  const check = await checkBotToken(botTokenClient.slack, logger);
  if (!check.ok || !check.teamId) return null;
  workspaces.setBotTeam(check.teamId);
  const assigned = await assignLegacyTeam(db, check.teamId);
  const total = Object.values(assigned).reduce((n, c) => n + c, 0);
  if (total > 0) {
    logger.info(
      { team_id: check.teamId, ...assigned },
      "assigned the rows stored before several workspaces to SLACK_BOT_TOKEN's workspace",
    );
  }
  return { teamId: check.teamId, teamName: check.team };
}
