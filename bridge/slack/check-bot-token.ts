// At start-up, says at once whether Slack takes the bot token: an installer learns of a wrong token from the
// first lines of the log, not from the first incident. It never blocks start-up: webhooks are accepted and kept
// whatever Slack says (the outbox parks deliveries while the token is refused).
import type { Logger } from "pino";
import type { SlackClient } from "./slack-client.ts";

export type BotTokenCheck =
  /** `teamId`: the workspace the pacing budgets are kept for. */
  | { ok: true; user: string; team: string; teamId: string }
  | { ok: false; error: string; outcome: string };

export async function checkBotToken(
  slack: SlackClient,
  logger: Logger,
): Promise<BotTokenCheck> {
  const answer = await slack.call<
    { user?: string; team?: string; team_id?: string }
  >(
    "auth.test",
    {},
  );
  if (answer.ok) {
    const check = {
      ok: true as const,
      user: answer.data.user ?? "?",
      team: answer.data.team ?? "?",
      teamId: answer.data.team_id ?? "",
    };
    logger.info(
      { bot: check.user, team: check.team },
      `Slack bot token works: @${check.user} in ${check.team}`,
    );
    return check;
  }
  const { error, outcome } = answer.error;
  if (outcome === "workspace_blocked") {
    logger.error(
      { error },
      `Slack refuses SLACK_BOT_TOKEN (${error}): cards cannot be posted until it is replaced by the bot token of the bridge's Slack app (reinstall it if needed) and the bridge restarted; webhooks are still accepted and kept`,
    );
  } else {
    logger.warn(
      { error },
      `could not check SLACK_BOT_TOKEN with Slack (${error}); deliveries will be retried`,
    );
  }
  return { ok: false, error, outcome };
}
