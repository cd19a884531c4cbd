// What Slack allows per method and workspace, from its documented tiers (docs.slack.dev/apis/web-api/rate-limits:
// tier 1 "1+ per minute", tier 2 "20+", tier 3 "50+", tier 4 "100+", "special" per method). Each entry names
// the tier on the method's reference page (docs.slack.dev/reference/methods/<method>). We budget the tier's
// floor: Slack's "+" is not a promise.
import { SLACK_METHODS_USED } from "./slack-methods-used.ts";

export type SlackMethodUsed = keyof typeof SLACK_METHODS_USED;

export interface SlackMethodBudget {
  /** Calls per minute per workspace. */
  perMinute: number;
  /** Calls allowed back to back before pacing starts (Slack tolerates short bursts on every tier). */
  burst: number;
  /** Where the number comes from. */
  source: string;
}

const TIER_2 = { perMinute: 20, burst: 5, source: "tier 2" };
const TIER_3 = { perMinute: 50, burst: 10, source: "tier 3" };
const TIER_4 = { perMinute: 100, burst: 20, source: "tier 4" };

export const SLACK_METHOD_BUDGETS: Readonly<
  Record<SlackMethodUsed, SlackMethodBudget>
> = {
  // Special: about 1 per second per channel (CHANNEL_POST_BUDGET) and a workspace-wide limit Slack does not
  // number beyond "several hundred messages per minute".
  "chat.postMessage": {
    perMinute: 300,
    burst: 30,
    source: "special: several hundred per minute per workspace",
  },
  "chat.update": TIER_3,
  "chat.delete": TIER_3,
  // Special: "allows hundreds of requests per minute"; we keep tier 4's floor.
  "chat.getPermalink": {
    ...TIER_4,
    source: "special: hundreds per minute",
  },
  // Tier 3 for internal and Marketplace apps. Since 2025-05-29 new commercially distributed non-Marketplace
  // apps get 1 per minute (15 messages per call): such an installation must lower these with
  // SLACK_METHOD_BUDGETS.
  "conversations.history": TIER_3,
  "conversations.replies": TIER_3,
  "conversations.create": TIER_2,
  "conversations.invite": TIER_3,
  "conversations.join": TIER_3,
  // Tier 3 (docs.slack.dev/reference/methods/conversations.open); one call per person, then remembered.
  "conversations.open": TIER_3,
  "users.lookupByEmail": TIER_3,
  // docs.slack.dev/reference/methods/usergroups.users.list, .update, usergroups.list: tier 2.
  "usergroups.users.list": TIER_2,
  "usergroups.list": TIER_2,
  "usergroups.users.update": TIER_2,
  // Special, generous: tier 4's floor.
  "auth.test": { ...TIER_4, source: "special: generous" },
};

/**
 * chat.postMessage per channel: "1 per second, short bursts >1 allowed" (Slack's rate-limits page). We spend a
 * burst of 2, not all Slack tolerates: posting exactly at the limit leaves no margin for request jitter (with
 * a burst of 3 the storm bench provoked 429s from the simulator's bucket of 3), and a refused post followed at
 * once by its fallback (the card without buttons) still fits.
 */
export const CHANNEL_POST_BUDGET: SlackMethodBudget = {
  perMinute: 60,
  burst: 2,
  source:
    "1 per second per channel, short bursts; one burst slot left as margin",
};

/** A method the table does not know (a new call site not added yet): tier 2, the most common tier. */
export const UNKNOWN_METHOD_BUDGET: SlackMethodBudget = {
  ...TIER_2,
  source: "unknown method: tier 2",
};

/**
 * The per-minute budgets configuration shows and SLACK_METHOD_BUDGETS overrides (the pacing gate applies them
 * over SLACK_METHOD_BUDGETS; chat.postMessage is also paced per channel there).
 */
export const DEFAULT_METHOD_BUDGETS: Readonly<Record<string, number>> = {
  "chat.update": SLACK_METHOD_BUDGETS["chat.update"].perMinute,
  "conversations.history":
    SLACK_METHOD_BUDGETS["conversations.history"].perMinute,
  "conversations.replies":
    SLACK_METHOD_BUDGETS["conversations.replies"].perMinute,
  "chat.getPermalink": SLACK_METHOD_BUDGETS["chat.getPermalink"].perMinute,
  "users.lookupByEmail": SLACK_METHOD_BUDGETS["users.lookupByEmail"].perMinute,
};
