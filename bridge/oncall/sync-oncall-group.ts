// Keeps one Slack user group equal to who is on call now. Never fights a person: the members are read first, and
// when they differ from what the bridge set last, someone edited the group by hand: that is recorded as drift and
// nothing is written until the group is put again through the bridge API (the Connect workflow's "resume") or its
// members equal the bridge's last set again. Never empties a group: Slack refuses (`no_users_provided`,
// docs.slack.dev/reference/methods/usergroups.users.update), and a group nobody is in would reach nobody, so the
// last members stay and the reason is recorded for doctor and the status page.
import type { Logger } from "pino";
import {
  listOnCallEntries,
  type OnCallPagerDuty,
  type OnCallQuery,
} from "../../shared/oncall/list-on-call.ts";
import type { BridgeDb } from "../db/database.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import type { SlackMentions } from "../slash/slack-mentions.ts";
import type { OncallGroupRow } from "./oncall-group-store.ts";

export interface SyncDeps {
  db: BridgeDb;
  pagerDuty: OnCallPagerDuty;
  /** The group's workspace. */
  slack: SlackClient;
  mentions: SlackMentions;
  logger: Logger;
  now: () => Date;
}

/** How often a group that needs no change is read anyway, to notice a hand edit between shift changes. */
export const RECHECK_MS = 5 * 60_000;

export type SyncOutcome =
  | "updated"
  | "in_sync"
  | "drift"
  | "kept_last_members"
  | "problem"
  /** Slack (or the bridge's own pacing of its budget) asked to wait: the next look tries again. */
  | "waiting";

/** What Slack's refusals mean for the person reading doctor. */
const SLACK_PROBLEMS: Readonly<Record<string, string>> = {
  no_such_subteam:
    "the Slack user group does not exist (deleted or disabled): choose another in the Connect workflow",
  missing_scope:
    "the bridge's Slack app lacks usergroups:read / usergroups:write: add them to the app and reinstall it",
  invalid_users:
    "Slack refused a member (a bot, a guest or a deactivated account)",
  permission_denied:
    "Slack's user group settings do not let the bridge's app change this group",
  plan_upgrade_required: "this Slack plan has no user groups",
};

export function onCallQueryOf(group: OncallGroupRow): OnCallQuery {
  return group.source_type === "schedule"
    ? { scheduleIds: [group.source_id] }
    : {
      escalationPolicyIds: [group.source_id],
      escalationLevels: [group.escalation_level ?? 1],
    };
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length &&
  [...a].sort().every((id, i) => id === [...b].sort()[i]);

/** Syncs one group; answers what happened and when the current shift ends (the next change to look at). */
export async function syncOncallGroup(
  deps: SyncDeps,
  group: OncallGroupRow,
): Promise<{ outcome: SyncOutcome; nextChangeAt: string | null }> {
  const { db, logger } = deps;
  const log = { oncall_group: group.id, usergroup: group.usergroup_id };
  const nowIso = deps.now().toISOString();
  const save = (values: Partial<OncallGroupRow>) =>
    db.updateTable("oncall_groups")
      .set({ ...values, updated_at: nowIso })
      .where("id", "=", group.id).execute();
  const problem = async (text: string) => {
    if (group.problem !== text) {
      logger.warn({ ...log, problem: text }, "on-call group not updated");
    }
    await save({ problem: text });
    return { outcome: "problem" as const };
  };

  const entries = await listOnCallEntries(deps.pagerDuty, onCallQueryOf(group));
  const ends = entries.map((e) => e.user.end).filter((e): e is string => !!e);
  const nextChangeAt = ends.length > 0 ? ends.sort()[0]! : null;
  const desired = new Set<string>();
  for (const { user } of entries) {
    if (!user.email) continue;
    const found = await deps.mentions.lookUp(user.email);
    if (!found.ok) {
      return {
        ...(await problem(
          `Slack did not answer users.lookupByEmail (${found.error}); trying again`,
        )),
        nextChangeAt,
      };
    }
    if (found.slackId) desired.add(found.slackId);
  }
  const wanted = [...desired].sort();
  const lastSet = group.last_set === null
    ? null
    : JSON.parse(group.last_set) as string[];
  // usergroups.users.list is tier 2 (about 20 a minute per workspace): the group is read when a change is due,
  // while it drifts or has a problem (to see it resolved), and otherwise every RECHECK_MS to notice hand edits.
  const quiet = lastSet !== null && sameIds(wanted, lastSet) &&
    group.drift === null && group.problem === null &&
    group.synced_at !== null &&
    deps.now().getTime() - Date.parse(group.synced_at) < RECHECK_MS;
  if (quiet) return { outcome: "in_sync", nextChangeAt };

  const listed = await deps.slack.call<{ users: string[] }>(
    "usergroups.users.list",
    { usergroup: group.usergroup_id },
  );
  if (!listed.ok) {
    if (listed.error.outcome === "rate_limited") {
      return { outcome: "waiting", nextChangeAt }; // Slack's or our own budget: the next look tries again
    }
    const code = listed.error.error;
    return {
      ...(await problem(
        `${code}: ${SLACK_PROBLEMS[code] ?? "Slack refused reading the group"}`,
      )),
      nextChangeAt,
    };
  }
  const current = [...listed.data.users].sort();

  // Already right (also after a crash between Slack's update and the write of `last_set`, or a hand edit that
  // agrees with PagerDuty): nothing to write to Slack, and nothing to call drift.
  if (wanted.length > 0 && sameIds(current, wanted)) {
    if (group.drift !== null) {
      logger.info(log, "on-call group agrees with PagerDuty again: drift over");
    }
    await save({
      last_set: JSON.stringify(wanted),
      drift: null,
      drift_since: null,
      problem: null,
      synced_at: nowIso,
    });
    return { outcome: "in_sync", nextChangeAt };
  }
  if (lastSet !== null && !sameIds(current, lastSet)) {
    // A person changed the members since the bridge did: theirs stand.
    if (
      group.drift === null ||
      !sameIds(JSON.parse(group.drift) as string[], current)
    ) {
      logger.warn(
        { ...log, members: current, bridge_set: lastSet },
        "on-call group edited by hand: the bridge leaves it alone until it is resumed",
      );
    }
    await save({
      drift: JSON.stringify(current),
      drift_since: group.drift_since ?? nowIso,
      problem: null,
    });
    return { outcome: "drift", nextChangeAt };
  }
  if (group.drift !== null) {
    logger.info(
      log,
      "on-call group equals the bridge's members again: drift over",
    );
  }
  if (wanted.length === 0) {
    const text =
      "nobody on call maps to a Slack user (same email in both): kept the last members, as Slack cannot empty a group";
    if (group.problem !== text) {
      logger.warn(
        { ...log, kept: current },
        "on-call group kept its last members: nobody to put in it",
      );
    }
    await save({
      drift: null,
      drift_since: null,
      problem: text,
      synced_at: nowIso,
    });
    return { outcome: "kept_last_members", nextChangeAt };
  }
  const updated = await deps.slack.call("usergroups.users.update", {
    usergroup: group.usergroup_id,
    users: wanted.join(","),
  });
  if (!updated.ok) {
    if (updated.error.outcome === "rate_limited") {
      return { outcome: "waiting", nextChangeAt };
    }
    const code = updated.error.error;
    return {
      ...(await problem(
        `${code}: ${SLACK_PROBLEMS[code] ?? "Slack refused the update"}`,
      )),
      nextChangeAt,
    };
  }
  logger.info(
    { ...log, members: wanted, was: current },
    "on-call group updated",
  );
  await save({
    last_set: JSON.stringify(wanted),
    drift: null,
    drift_since: null,
    problem: null,
    synced_at: nowIso,
  });
  return { outcome: "updated", nextChangeAt };
}
