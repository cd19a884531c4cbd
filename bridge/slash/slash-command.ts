// A slash command invocation as Slack POSTs it (application/x-www-form-urlencoded), and the message an app
// answers it with. Fields: https://api.slack.com/interactivity/slash-commands#app_command_handling
import type { Block } from "../../shared/cards/block-kit.ts";

export interface SlashCommand {
  command: string;
  text: string;
  teamId: string;
  channelId: string;
  channelName: string;
  userId: string;
  userName: string;
  /** Takes up to 5 answers within 30 minutes of the command. */
  responseUrl: string;
  triggerId: string;
  apiAppId: string;
}

/** An ephemeral answer: only the person who typed the command sees it. */
export interface SlashAnswer {
  text: string;
  blocks?: Block[];
}

/** The fields pagerslack needs, or which one is missing (a request that is not a slash command). */
export function readSlashCommand(
  form: URLSearchParams,
): { ok: true; command: SlashCommand } | { ok: false; missing: string } {
  const field = (name: string) => form.get(name) ?? "";
  for (const name of ["command", "team_id", "channel_id", "user_id"]) {
    if (!field(name)) return { ok: false, missing: name };
  }
  const responseUrl = field("response_url");
  if (!/^https?:\/\//.test(responseUrl)) {
    return { ok: false, missing: "response_url" };
  }
  return {
    ok: true,
    command: {
      command: field("command"),
      text: field("text"),
      teamId: field("team_id"),
      channelId: field("channel_id"),
      channelName: field("channel_name"),
      userId: field("user_id"),
      userName: field("user_name"),
      responseUrl,
      triggerId: field("trigger_id"),
      apiAppId: field("api_app_id"),
    },
  };
}

/** The body Slack expects, inline or at response_url. */
export function ephemeralBody(answer: SlashAnswer): Record<string, unknown> {
  return {
    response_type: "ephemeral",
    text: answer.text,
    ...(answer.blocks ? { blocks: answer.blocks } : {}),
  };
}
