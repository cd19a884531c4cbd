import { escapeMrkdwn } from "../../shared/cards/escape-mrkdwn.ts";
import { slackMention } from "../../shared/cards/slack-mention.ts";
import type { OnCallLevel } from "./list-on-call.ts";

/**
 * "Level 1: @ana, Bob (no Slack user)…"; `subject` is mrkdwn (see onCallSubject), `mentions` maps PagerDuty
 * user ids to Slack user ids.
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
        return slackMention(mentions.get(u.id)) ?? escapeMrkdwn(u.name);
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
