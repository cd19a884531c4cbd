// Slack user ids by email for `/pd oncall`'s mentions, remembered for a while. users.lookupByEmail is Tier 3
// (https://docs.slack.dev/reference/methods/users.lookupByEmail: about 50 a minute), and the paced client spaces
// the calls to stay under it, so asking again for every `/pd oncall` made answers wait on the budget (seconds,
// past Slack's 3 s) and took slots from the cards' own lookups. The same few people are on call all day.
import type { SlackClient } from "../slack/slack-client.ts";

export interface SlackMentions {
  /** The Slack user with this email, or null (none, or Slack did not answer: the name is shown instead). */
  slackIdOf(email: string): Promise<string | null>;
  /**
   * The same lookup telling "no such Slack user" (`slackId: null`) from "Slack did not answer" (`ok: false`):
   * what keeps an on-call user group from losing a member over a rate limit (bridge/oncall/).
   */
  lookUp(
    email: string,
  ): Promise<
    { ok: true; slackId: string | null } | { ok: false; error: string }
  >;
}

/** How long an answer is kept: on-call people change by shift, Slack accounts much more rarely. */
export const MENTION_TTL_MS = 30 * 60_000;

interface Entry {
  expiresAt: number;
  value: ReturnType<SlackMentions["lookUp"]>;
}

export function createSlackMentions(
  { slack, ttlMs = MENTION_TTL_MS, now = Date.now }: {
    slack: SlackClient;
    ttlMs?: number;
    now?: () => number;
  },
): SlackMentions {
  const entries = new Map<string, Entry>();
  const lookUp: SlackMentions["lookUp"] = (email) => {
    const key = email.trim().toLowerCase();
    const cached = entries.get(key);
    if (cached && cached.expiresAt > now()) return cached.value;
    const entry: Entry = {
      expiresAt: now() + ttlMs,
      value: slack.call<{ user: { id: string } }>("users.lookupByEmail", {
        email,
      }).then((found) => {
        if (found.ok) return { ok: true, slackId: found.data.user.id };
        if (found.error.error === "users_not_found") {
          return { ok: true, slackId: null };
        }
        // A rate limit or an outage says nothing about the person: ask again next time.
        entries.delete(key);
        return { ok: false, error: found.error.error };
      }),
    };
    entries.set(key, entry);
    return entry.value;
  };
  return {
    lookUp,
    async slackIdOf(email) {
      const found = await lookUp(email);
      return found.ok ? found.slackId : null;
    },
  };
}
