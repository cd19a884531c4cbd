import type { OnCallLevel } from "./list-on-call.ts";

/** "Level 1: @ana, Bob (no Slack user)…"; `mentions` maps PagerDuty user ids to Slack user ids. */
export function formatOnCall(
  subject: string,
  levels: OnCallLevel[],
  mentions: ReadonlyMap<string, string>,
): string {
  if (levels.length === 0) {
    return `:zzz: Nobody is on call for ${subject} right now.`;
  }
  const lines = levels.map(({ level, users }) =>
    `*Level ${level}:* ${
      users.map((u) => {
        const slackId = mentions.get(u.id);
        return slackId ? `<@${slackId}>` : u.name;
      }).join(", ")
    }`
  );
  return [`:pager: On call for ${subject}:`, ...lines].join("\n");
}
