// The hosted app's record of which PagerDuty user a Slack user is. The OAuth token itself stays in Slack's
// external auth; this item only says who is who, and since when. Keyed by `slack_user_id`.
// The datastore definition (slack-app/datastores/) declares `linked_at` as `slack#/types/timestamp`.

/** Datastore name (`DefineDatastore({ name })` in slack-app/, `datastore` in apps.datastore.* calls). */
export const USER_LINKS_DATASTORE = "user_links";

/** Primary key attribute of USER_LINKS_DATASTORE. */
export const USER_LINK_PRIMARY_KEY = "slack_user_id";

export interface UserLink {
  slack_user_id: string;
  pagerduty_user_id: string;
  pagerduty_email: string;
  /** When the user completed the link: Unix seconds, as Slack's `timestamp` type stores it. */
  linked_at: number;
}

/**
 * A datastore item read back as a UserLink, or null. `apps.datastore.get` of a missing id answers
 * `{ok: true, item: {}}`, and items are whatever was last written: check rather than cast.
 */
export function asUserLink(item: unknown): UserLink | null {
  if (typeof item !== "object" || item === null) return null;
  const r = item as Record<string, unknown>;
  const { slack_user_id, pagerduty_user_id, pagerduty_email, linked_at } = r;
  if (
    typeof slack_user_id !== "string" || slack_user_id === "" ||
    typeof pagerduty_user_id !== "string" || pagerduty_user_id === "" ||
    typeof pagerduty_email !== "string" ||
    typeof linked_at !== "number" || !Number.isFinite(linked_at)
  ) {
    return null;
  }
  return { slack_user_id, pagerduty_user_id, pagerduty_email, linked_at };
}
