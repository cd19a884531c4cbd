// On-call entries as GET /oncalls reports them: one per (escalation policy, level, target user, shift).
// A user targeted directly is always on call (no schedule, start/end null); a schedule target contributes the
// shifts that overlap the requested window.

import { scheduleShifts } from "./schedule-shifts.ts";
import type { SimSchedule, SimulatorState } from "./simulator-state.ts";

export interface OncallEntry {
  escalationPolicyId: string;
  escalationLevel: number;
  userId: string;
  scheduleId: string | null;
  start: string | null;
  end: string | null;
}

export interface OncallQuery {
  escalationPolicyIds?: string[];
  scheduleIds?: string[];
  userIds?: string[];
  /** `escalation_levels[]`: only these levels (1-based). */
  escalationLevels?: number[];
  since: Date;
  until: Date;
  earliest?: boolean;
}

function scheduleUsersAt(schedule: SimSchedule, at: Date): string[] {
  return scheduleShifts(schedule, at, at).map((s) => s.userId);
}

export function computeOncalls(
  state: SimulatorState,
  query: OncallQuery,
): OncallEntry[] {
  const entries: OncallEntry[] = [];
  for (const policy of state.escalationPolicies.values()) {
    if (
      query.escalationPolicyIds?.length &&
      !query.escalationPolicyIds.includes(policy.id)
    ) continue;
    policy.levels.forEach((level, index) => {
      if (
        query.escalationLevels?.length &&
        !query.escalationLevels.includes(index + 1)
      ) return;
      for (const target of level.targets) {
        if (target.type === "user") {
          if (query.scheduleIds?.length) continue;
          entries.push({
            escalationPolicyId: policy.id,
            escalationLevel: index + 1,
            userId: target.id,
            scheduleId: null,
            start: null,
            end: null,
          });
          continue;
        }
        if (
          query.scheduleIds?.length && !query.scheduleIds.includes(target.id)
        ) {
          continue;
        }
        const schedule = state.schedules.get(target.id);
        const shifts = schedule
          ? scheduleShifts(schedule, query.since, query.until)
          : [];
        for (const shift of shifts) {
          entries.push({
            escalationPolicyId: policy.id,
            escalationLevel: index + 1,
            userId: shift.userId,
            scheduleId: target.id,
            start: shift.start,
            end: shift.end,
          });
        }
      }
    });
  }
  const filtered = query.userIds?.length
    ? entries.filter((e) => query.userIds!.includes(e.userId))
    : entries;
  if (!query.earliest) return filtered;
  // `earliest=true`: only the earliest on-call per user, escalation policy and level.
  const earliest = new Map<string, OncallEntry>();
  for (const entry of filtered) {
    const key =
      `${entry.userId}|${entry.escalationPolicyId}|${entry.escalationLevel}`;
    const seen = earliest.get(key);
    if (!seen || (entry.start ?? "") < (seen.start ?? "")) {
      earliest.set(key, entry);
    }
  }
  return [...earliest.values()];
}

/** Users a level of a policy pages now: direct users plus whoever is on call on its schedules. */
export function levelUserIds(
  state: SimulatorState,
  policyId: string,
  level: number,
  at: Date,
): string[] {
  const rule = state.escalationPolicies.get(policyId)?.levels[level - 1];
  if (!rule) return [];
  const ids = rule.targets.flatMap((target) => {
    if (target.type === "user") return [target.id];
    const schedule = state.schedules.get(target.id);
    return schedule ? scheduleUsersAt(schedule, at) : [];
  });
  return [...new Set(ids)];
}
