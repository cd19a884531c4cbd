// Thread lines for the events that change a card's details (INCIDENT_DETAIL_EVENT_TYPES): the bridge, custom
// fields, roles, tasks. Data is read by the reducer's own reader (readDetailEvent), so the line and the card
// never disagree about what an event said.
import { asReference } from "../incident/as-reference.ts";
import {
  type DetailChange,
  readDetailEvent,
} from "../incident/merge-incident-details.ts";
import type { IncidentDetailEventType } from "../pagerduty/event-types.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { joinWithin } from "./join-within.ts";
import { conferenceBridgeText } from "./render-conference-bridge.ts";
import type { Context, UpdateParts } from "./render-update.ts";
import { nameOf, userLabel } from "./user-label.ts";

const MAX_NAME = 200;
const MAX_VALUE = 200;

function change<K extends DetailChange["kind"]>(
  c: Context,
  kind: K,
): Extract<DetailChange, { kind: K }> | null {
  const read = readDetailEvent(c.event);
  return read?.kind === kind
    ? read as Extract<DetailChange, { kind: K }>
    : null;
}

/** Someone other than the agent is mentioned when mapped; the agent never is. */
function person(c: Context, ref: Parameters<typeof userLabel>[0]): string {
  return userLabel(ref, c.mentions, {
    noMention: ref.id === asReference(c.event.agent)?.id,
    maxName: MAX_NAME,
  });
}

function taskLine(c: Context, verb: string): UpdateParts | null {
  const task = change(c, "task")?.task;
  if (!task) return null;
  const who = task.assignees.map((a) => escapeMrkdwn(nameOf(a), MAX_NAME));
  const emoji = task.done ? ":white_check_mark:" : ":ballot_box_with_check:";
  return {
    headline: `${emoji} *Task* ${verb} by ${c.agent}: ${
      escapeMrkdwn(task.name, MAX_VALUE)
    }${who.length > 0 ? ` (${joinWithin(who, 300)})` : ""}`,
  };
}

export const DETAIL_UPDATES: Record<
  IncidentDetailEventType,
  (c: Context) => UpdateParts | null
> = {
  "incident.conference_bridge.updated": (c) => {
    const bridge = change(c, "conference_bridge");
    if (!bridge) return null;
    const text = conferenceBridgeText(bridge.value);
    return {
      headline: text === null
        ? `:telephone_receiver: *Conference bridge* removed by ${c.agent}`
        : `:telephone_receiver: *Conference bridge* set by ${c.agent}: ${text}`,
    };
  },
  "incident.custom_field_values.updated": (c) => {
    const fields = change(c, "custom_fields")?.values;
    if (!fields) return null;
    // The changed ones by id (their values from `custom_fields`, the complete current set).
    const changedData = (c.event.data as { changed_custom_fields?: unknown })
      .changed_custom_fields;
    const changedIds = new Set(
      Array.isArray(changedData)
        ? changedData.flatMap((f) =>
          typeof f?.id === "string"
            ? [f.id]
            : typeof f?.name === "string"
            ? [f.name]
            : []
        )
        : [],
    );
    const shown = fields.filter((f) =>
      changedIds.size === 0 || changedIds.has(f.id) || changedIds.has(f.name)
    );
    const list = shown.map((f) =>
      `${escapeMrkdwn(f.label, 100)}: ${
        f.value === null ? "_cleared_" : escapeMrkdwn(f.value, MAX_VALUE)
      }`
    );
    return {
      headline: `:pencil2: *Custom fields* updated by ${c.agent}${
        list.length > 0
          ? `: ${joinWithin(list, 2000, { separator: "; " })}`
          : ""
      }`,
    };
  },
  "incident.role.assigned": (c) => {
    const roles = change(c, "roles")?.assignments;
    if (!roles) return null;
    const lines = roles.map(({ role, assignee }) =>
      `*${escapeMrkdwn(nameOf(role), 100)}* ${
        assignee ? `assigned to ${person(c, assignee)}` : "unassigned"
      }`
    );
    return {
      headline: `:bust_in_silhouette: ${
        joinWithin(lines, 2000, { separator: "; " })
      } by ${c.agent}`,
    };
  },
  "incident.task.created": (c) => taskLine(c, "added"),
  "incident.task.updated": (c) => taskLine(c, "updated"),
  "incident.task.completed": (c) => taskLine(c, "completed"),
};
