import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";

export interface OnCallUser {
  id: string;
  name: string;
  email: string | undefined;
}

export interface OnCallLevel {
  level: number;
  users: OnCallUser[];
}

interface OnCallEntry {
  escalation_level: number;
  user: { id: string; summary?: string; name?: string; email?: string };
}

/**
 * Who is on call now for one escalation policy, by level (ascending), each user once per level.
 * `earliest=true` keeps one entry per user and level; `include[]=users` brings emails for mentions.
 */
export async function listOnCall(
  pd: PagerDutyClient,
  escalationPolicyId: string,
): Promise<OnCallLevel[]> {
  const entries: OnCallEntry[] = [];
  for (let offset = 0;; offset += 100) {
    const page = await pd.get<{ oncalls: OnCallEntry[]; more?: boolean }>(
      "/oncalls",
      {
        "escalation_policy_ids": [escalationPolicyId],
        "include": ["users"],
        earliest: true,
        limit: 100,
        offset,
      },
    );
    entries.push(...page.oncalls);
    if (!page.more || page.oncalls.length === 0) break;
  }
  const levels = new Map<number, Map<string, OnCallUser>>();
  for (const entry of entries) {
    const users = levels.get(entry.escalation_level) ?? new Map();
    levels.set(entry.escalation_level, users);
    users.set(entry.user.id, {
      id: entry.user.id,
      name: entry.user.name ?? entry.user.summary ?? entry.user.id,
      email: entry.user.email,
    });
  }
  await fillMissingEmails(
    pd,
    [...levels.values()].flatMap((m) => [...m.values()]),
  );
  return [...levels.entries()].sort(([a], [b]) => a - b).map((
    [level, users],
  ) => ({ level, users: [...users.values()] }));
}

/** `include[]=users` is best effort (some answers carry references only): read the few users still lacking an email. */
async function fillMissingEmails(
  pd: PagerDutyClient,
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
