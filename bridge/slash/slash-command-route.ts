// `POST /slack/commands`: the `/pd` slash command of the bridge's own Slack app. Slack signs each request
// (verify-slack-signature.ts); anything unsigned, stale or forged gets 401 and nothing is done. Slack waits
// 3 s for the answer: an answer ready within ANSWER_INLINE_MS goes back in the response, a slower one (PagerDuty
// lookups) is acknowledged with an empty 200 and posted to the command's response_url when ready.
// https://api.slack.com/interactivity/slash-commands#responding_to_commands
// Without SLACK_SIGNING_SECRET nothing can be verified: 503 with what to set (Slack shows the person that the
// command failed; start-up logs that the secret is missing).
import { Hono } from "hono";
import type { Logger } from "pino";
import { limitBody } from "../http/http-limits.ts";
import { createWarningAggregator } from "../ops/aggregate-warnings.ts";
import { answerCommand, type AnswerCommandOptions } from "./answer-command.ts";
import type { RespondLater } from "./respond-later.ts";
import {
  ephemeralBody,
  readSlashCommand,
  type SlashAnswer,
  type SlashCommand,
} from "./slash-command.ts";
import { verifySlackSignature } from "../slack/verify-slack-signature.ts";
import type { SlackWorkspaces } from "../slack/slack-workspaces.ts";

export const SLASH_COMMAND_PATH = "/slack/commands";
/** Inside Slack's 3 s, leaving time for the answer to travel. */
export const ANSWER_INLINE_MS = 2000;
/** Slack's own limit on slash command bodies is far below this; a larger one is not Slack. */
const MAX_BODY_BYTES = 64 * 1024;

export const NOT_CONFIGURED =
  "The /pd command is not set up on this bridge: set SLACK_SIGNING_SECRET to the Slack app's signing secret and restart.";

export interface SlashCommandRouteOptions extends AnswerCommandOptions {
  signingSecret: string | null;
  respondLater: RespondLater;
  /** The workspace of the bot token (learnt from auth.test); null until known. */
  teamId: () => string | null;
  /**
   * Several workspaces: a command is answered with the token of its request's `team_id`, and refused only from a
   * workspace the bridge has no token for. Absent: only the bot token's workspace (`teamId`) is served.
   */
  workspaces?: SlackWorkspaces;
  now?: () => number;
  answerInlineMs?: number;
}

export function slashCommandRoute(options: SlashCommandRouteOptions) {
  const { logger, now = Date.now } = options;
  const refused = createWarningAggregator({
    logger,
    message: "slash command refused",
  });
  const app = new Hono();
  app.use(SLASH_COMMAND_PATH, limitBody(MAX_BODY_BYTES));
  app.post(SLASH_COMMAND_PATH, async (c) => {
    if (!options.signingSecret) return c.json({ error: NOT_CONFIGURED }, 503);
    const raw = await c.req.text();
    const check = verifySlackSignature(
      raw,
      {
        signature: c.req.header("x-slack-signature"),
        timestamp: c.req.header("x-slack-request-timestamp"),
      },
      options.signingSecret,
      now(),
    );
    if (!check.ok) {
      refused.warn({ status: 401, reason: check.reason });
      return c.json({ error: "invalid signature" }, 401);
    }
    const read = readSlashCommand(new URLSearchParams(raw));
    if (!read.ok) {
      return c.json({ error: `not a slash command: no ${read.missing}` }, 400);
    }
    const command = read.command;
    if (options.workspaces) {
      const lookup = await options.workspaces.clientFor(command.teamId);
      if (lookup.ok) {
        const answer = await answerWithin({
          ...options,
          slack: lookup.workspace.slack,
        }, command);
        if (answer) return c.json(ephemeralBody(answer));
        return c.body(null, 200);
      }
    }
    const team = options.teamId();
    if (team && command.teamId !== team) {
      logger.warn(
        { team_id: command.teamId, bot_team_id: team },
        "slash command from a workspace the bot token does not belong to",
      );
      return c.json(ephemeralBody({
        text:
          `:no_entry: This pagerslack bridge serves another Slack workspace (${team}), so it cannot act here. Ask whoever installed pagerslack which bridge serves this workspace.`,
      }));
    }
    const answer = await answerWithin(options, command);
    if (answer) return c.json(ephemeralBody(answer));
    // Slack shows nothing for an empty 200; the answer follows at response_url.
    return c.body(null, 200);
  });
  return app;
}

/** The answer if ready within the inline window; otherwise null, and it goes to response_url when ready. */
async function answerWithin(
  options: SlashCommandRouteOptions,
  command: SlashCommand,
): Promise<SlashAnswer | null> {
  const logger: Logger = options.logger;
  const pending = answerCommand(options, command).catch((error) => {
    logger.error({ err: error, text: command.text }, "/pd failed");
    return {
      text:
        ":warning: Something went wrong on the pagerslack bridge; try again in a minute.",
    } satisfies SlashAnswer;
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(
      () => resolve(null),
      options.answerInlineMs ?? ANSWER_INLINE_MS,
    );
  });
  const first = await Promise.race([pending, late]);
  clearTimeout(timer);
  if (first) return first;
  void pending.then(async (answer) => {
    const sent = await options.respondLater(command.responseUrl, answer);
    if (!sent.ok) {
      logger.warn({ problem: sent.problem }, "/pd answer not delivered");
    }
  });
  return null;
}
