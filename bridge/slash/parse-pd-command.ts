// The text after `/pd`, as PagerDuty's own Slack integration reads it: a sub-command word, then its argument.
// Slack sends the text as typed, except that with `should_escape: true` (our manifest) mentions arrive as
// `<@U123|name>` and channels as `<#C123|name>`.
// https://api.slack.com/interactivity/slash-commands#creating_commands ("Escape channels, users, and links")

export type PdCommand =
  | { kind: "help" }
  | { kind: "unknown"; word: string }
  | { kind: "oncall"; query: string }
  | { kind: "trigger"; title: string }
  | { kind: "link" }
  | { kind: "unlink" }
  | { kind: "connect" }
  | { kind: "notifications" }
  /** `invitee` is the mentioned Slack user; null when the text names nobody Slack escaped. */
  | { kind: "invite"; invitee: string | null }
  /** `number` is PagerDuty's incident number; null: the incident of the channel it is typed in. */
  | {
    kind: "incident";
    action: IncidentVerb;
    number: number | null;
    note: string;
  };

export const INCIDENT_VERBS = ["ack", "resolve", "note"] as const;
export type IncidentVerb = (typeof INCIDENT_VERBS)[number];

/** Words PagerDuty's integration also accepts for the same sub-command. */
const ALIASES: Readonly<Record<string, string>> = {
  acknowledge: "ack",
  "on-call": "oncall",
  who: "oncall",
  // PagerDuty's integration has no such command; people say both.
  notification: "notifications",
  dms: "notifications",
};

const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

export function parsePdCommand(text: string): PdCommand {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  const first = (space === -1 ? trimmed : trimmed.slice(0, space))
    .toLowerCase();
  const rest = space === -1 ? "" : trimmed.slice(space).trim();
  const word = ALIASES[first] ?? first;
  switch (word) {
    case "":
    case "help":
      return { kind: "help" };
    case "oncall":
      return { kind: "oncall", query: rest };
    case "trigger":
      return { kind: "trigger", title: rest };
    case "link":
    case "unlink":
    case "connect":
    case "notifications":
      return { kind: word };
    case "invite": {
      const mention = MENTION.exec(rest.split(/\s+/)[0] ?? "");
      return { kind: "invite", invitee: mention?.[1] ?? null };
    }
    case "ack":
    case "resolve":
    case "note": {
      // `#1234` and `1234` both name incident 1234; without a number, the rest is the note.
      const match = /^#?(\d{1,12})(?:\s+([\s\S]*))?$/.exec(rest);
      return match
        ? {
          kind: "incident",
          action: word,
          number: Number(match[1]),
          note: (match[2] ?? "").trim(),
        }
        : { kind: "incident", action: word, number: null, note: rest };
    }
    default:
      return { kind: "unknown", word: first };
  }
}
