import { escapeMrkdwn } from "../cards/escape-mrkdwn.ts";
import { slackDate } from "../cards/slack-date.ts";
import { slackMention } from "../cards/slack-mention.ts";
import type { OnCallLevel } from "./list-on-call.ts";

/**
 * "Level 1: @ana (until Fri 18:00), Bob…": the shift's end as a Slack date token (each reader's time zone).
 * `subject` is mrkdwn (see onCallSubject), `mentions` maps PagerDuty user ids to Slack user ids. Shared by the
 * hosted Who is on call workflow and the bridge's `/pd oncall`.
 */
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
        const who = slackMention(mentions.get(u.id)) ?? escapeMrkdwn(u.name);
        return u.end ? `${who} (until ${slackDate(u.end)})` : who;
      }).join(", ")
    }`
  );
  return [`:pager: On call for ${subject}:`, ...lines].join("\n");
}

/** What the on-call answer is about, as mrkdwn: PagerDuty's names are escaped. */
export function onCallSubject(
  subject:
    | { kind: "service"; name: string; policyName: string }
    | { kind: "escalation_policy"; name: string },
): string {
  return subject.kind === "service"
    ? `*${escapeMrkdwn(subject.name)}* (escalation policy ${
      escapeMrkdwn(subject.policyName)
    })`
    : `escalation policy *${escapeMrkdwn(subject.name)}*`;
}
