// The incident's tasks as one context line: how many are done, and the open ones by name (with who has
// them; names, not mentions: a task list should not ping on every edit). Task names are user input.
import type { IncidentSnapshot } from "../incident/incident-snapshot.ts";
import type { ContextBlock } from "./block-kit.ts";
import { BLOCK_KIT_LIMITS } from "./block-kit-limits.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { joinWithin } from "./join-within.ts";
import { nameOf } from "./user-label.ts";

const MAX_TASK = 150;
const MAX_NAME = 60;

/**
 * `:ballot_box_with_check: Tasks 1 of 3 done · open: Page the DBA (Carol Chen); …` in at most `maxText`
 * characters, or null without tasks (or without room for even the count).
 */
export function renderTasks(
  snapshot: IncidentSnapshot,
  maxText = Infinity,
): ContextBlock | null {
  const tasks = snapshot.tasks ?? [];
  if (tasks.length === 0) return null;
  const done = tasks.filter((t) => t.done).length;
  const head =
    `:ballot_box_with_check: *Tasks* ${done} of ${tasks.length} done`;
  const open = tasks.filter((t) => !t.done).map((t) => {
    const who = t.assignees.map((a) => escapeMrkdwn(nameOf(a), MAX_NAME));
    return escapeMrkdwn(t.name, MAX_TASK) +
      (who.length > 0 ? ` (${joinWithin(who, 150)})` : "");
  });
  const max = Math.min(BLOCK_KIT_LIMITS.contextText, maxText);
  if (head.length > max) return null;
  const prefix = `${head} · open: `;
  const list = joinWithin(open, max - prefix.length, { separator: "; " });
  // With no room for one task's name, the count alone.
  const text = open.length === 0 || /^ and \d+ more$/.test(list) ||
      prefix.length + list.length > max
    ? head
    : prefix + list;
  return { type: "context", elements: [{ type: "mrkdwn", text }] };
}
