// Who is on call now for an escalation policy, by level: the hosted app asks as the linked user, the bridge's
// `/pd oncall` with its read-only key; both pass a client that can GET PagerDuty's REST API.

/** The one verb listOnCall needs; query arrays are sent as `name[]=…` (PagerDuty's form). */
export interface OnCallPagerDuty {
  get<T>(
    path: string,
    query?: Record<string, string | number | boolean | string[] | undefined>,
  ): Promise<T>;
}

export interface OnCallUser {
  id: string;
  name: string;
  email: string | undefined;
  /** When this on-call shift ends (ISO); null: PagerDuty has no end (always on call at this level). */
  end: string | null;
}

export interface OnCallLevel {
  level: number;
  users: OnCallUser[];
}

interface OnCallEntry {
  escalation_level: number;
  end?: string | null;
  user: { id: string; summary?: string; name?: string; email?: string };
}

/** What to ask GET /oncalls for (its `escalation_policy_ids[]`, `schedule_ids[]`, `escalation_levels[]`). */
export interface OnCallQuery {
  escalationPolicyIds?: string[];
  scheduleIds?: string[];
  escalationLevels?: number[];
}

/** Every on-call entry now for the query (all pages), users with their email where PagerDuty has one. */
export async function listOnCallEntries(
  pd: OnCallPagerDuty,
  query: OnCallQuery,
): Promise<{ level: number; user: OnCallUser }[]> {
  const entries: OnCallEntry[] = [];
  for (let offset = 0;; offset += 100) {
    const page = await pd.get<{ oncalls: OnCallEntry[]; more?: boolean }>(
      "/oncalls",
      {
        "escalation_policy_ids": query.escalationPolicyIds,
        "schedule_ids": query.scheduleIds,
        "escalation_levels": query.escalationLevels?.map(String),
        "include": ["users"],
        earliest: true,
        limit: 100,
        offset,
      },
    );
    entries.push(...page.oncalls);
    if (!page.more || page.oncalls.length === 0) break;
  }
  const found = entries.map((entry) => ({
    level: entry.escalation_level,
    user: {
      id: entry.user.id,
      name: entry.user.name ?? entry.user.summary ?? entry.user.id,
      email: entry.user.email,
      end: entry.end ?? null,
    },
  }));
  await fillMissingEmails(pd, found.map((f) => f.user));
  return found;
}

/**
 * Who is on call now for one escalation policy, by level (ascending), each user once per level.
 * `earliest=true` keeps one entry per user and level; `include[]=users` brings emails for mentions.
 */
export async function listOnCall(
  pd: OnCallPagerDuty,
  escalationPolicyId: string,
): Promise<OnCallLevel[]> {
  const entries = await listOnCallEntries(pd, {
    escalationPolicyIds: [escalationPolicyId],
  });
  const levels = new Map<number, Map<string, OnCallUser>>();
  for (const { level, user } of entries) {
    const users = levels.get(level) ?? new Map();
    levels.set(level, users);
    users.set(user.id, user);
  }
  return [...levels.entries()].sort(([a], [b]) => a - b).map((
    [level, users],
  ) => ({ level, users: [...users.values()] }));
}

/** `include[]=users` is best effort (some answers carry references only): read the few users still lacking an email. */
async function fillMissingEmails(
  pd: OnCallPagerDuty,
  users: OnCallUser[],
): Promise<void> {
  const missing = [...new Set(users.filter((u) => !u.email).map((u) => u.id))];
  const emails = new Map<string, string>();
  await Promise.all(missing.map(async (id) => {
    const found = await pd.get<{ user: { email?: string } }>(
      `/users/${encodeURIComponent(id)}`,
    ).catch(() => undefined);
    if (found?.user.email) emails.set(id, found.user.email);
  }));
  for (const user of users) user.email ??= emails.get(user.id);
}
