// The parts of the card that events other than the incident's own carry: conference bridge, custom field
// values, role assignments and tasks (INCIDENT_DETAIL_EVENT_TYPES). Like the rest of the reducer, each is an
// order-free merge: the newest event per item wins (per role, per task; custom fields and the bridge as a
// whole), so re-applying or reordering events gives the same card.
//
// Shapes: docs.pagerduty.com/developer/webhooks-overview "Event Data Types" (incident_conference_bridge,
// incident_field_values, incident_role_assignment) and the Early Access page (incident_task); the examples are
// in test/fixtures/pagerduty-v3-examples.ts. Data is read defensively (asReference / asText), as everywhere.
import type { WebhookEvent } from "../pagerduty/webhook-event.ts";
import { asReference, asReferences, asText } from "./as-reference.ts";
import type {
  ConferenceBridge,
  CustomFieldValue,
  IncidentTask,
  RoleAssignment,
} from "./incident-snapshot.ts";
import type { EventMark } from "./reduce-incident.ts";

/** What the state keeps per detail: its value and the event that set it. Bounded by the MAX_ constants. */
export interface IncidentDetails {
  conference_bridge: (EventMark & { value: ConferenceBridge | null }) | null;
  custom_fields: (EventMark & { values: CustomFieldValue[] }) | null;
  /** Per role: the newest assignment, and `first` (the earliest event naming the role) for its place. */
  roles: (EventMark & RoleAssignment & { first: EventMark })[];
  tasks: (EventMark & { task: IncidentTask; first: EventMark })[];
}

/** No real incident has this many; past it the earliest-created tasks are forgotten (they are in PagerDuty). */
export const MAX_TASKS = 50;
export const MAX_ROLES = 20;
export const MAX_CUSTOM_FIELDS = 50;
/** Longest custom field value or task name kept (cards cut far shorter). */
const MAX_TEXT = 2000;

export const EMPTY_DETAILS: IncidentDetails = {
  conference_bridge: null,
  custom_fields: null,
  roles: [],
  tasks: [],
};

export type DetailChange =
  | { kind: "conference_bridge"; value: ConferenceBridge | null }
  | { kind: "custom_fields"; values: CustomFieldValue[] }
  | { kind: "roles"; assignments: RoleAssignment[] }
  | { kind: "task"; task: IncidentTask };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Task statuses that mean done (the Early Access example shows only `todo`; `done` is the simulator's). */
const DONE_STATUSES: ReadonlySet<unknown> = new Set([
  "done",
  "completed",
  "complete",
]);

/** The change a detail event makes, or null when its data is not of the promised shape. */
export function readDetailEvent(event: WebhookEvent): DetailChange | null {
  const data = event.data as unknown;
  if (!isRecord(data)) return null;
  switch (event.event_type) {
    case "incident.conference_bridge.updated": {
      if (data.type !== "incident_conference_bridge") return null;
      const numbers = Array.isArray(data.conference_numbers)
        ? data.conference_numbers.flatMap((n) =>
          isRecord(n) && typeof n.number === "string" && n.number !== ""
            ? [{ label: asText(n.label) ?? "", number: n.number }]
            : []
        )
        : [];
      const url = nonEmpty(data.conference_url);
      return {
        kind: "conference_bridge",
        value: url === null && numbers.length === 0 ? null : { url, numbers },
      };
    }
    case "incident.custom_field_values.updated": {
      if (data.type !== "incident_field_values") return null;
      if (!Array.isArray(data.custom_fields)) return null;
      return {
        kind: "custom_fields",
        values: data.custom_fields.flatMap(fieldValueOf).slice(
          0,
          MAX_CUSTOM_FIELDS,
        ),
      };
    }
    case "incident.role.assigned": {
      if (!Array.isArray(data.incident_role_assignments)) return null;
      const assignments = data.incident_role_assignments.flatMap((a) => {
        if (!isRecord(a)) return [];
        const role = asReference(a.role);
        if (!role) return [];
        // An unassignment arrives as the same event (hookdeck's reading of PagerDuty's table: "assigned or
        // unassigned"); the simulator sends it as status "inactive" with a null assignee.
        const active = a.status === undefined || a.status === "active";
        return [{ role, assignee: active ? asReference(a.assignee) : null }];
      });
      return assignments.length === 0 ? null : { kind: "roles", assignments };
    }
    case "incident.task.created":
    case "incident.task.updated":
    case "incident.task.completed": {
      if (data.type !== "incident_task") return null;
      const id = nonEmpty(data.id);
      if (id === null) return null;
      return {
        kind: "task",
        task: {
          id,
          name:
            (nonEmpty(data.name) ?? nonEmpty(data.summary) ?? "Untitled task")
              .slice(0, MAX_TEXT),
          done: event.event_type === "incident.task.completed" ||
            DONE_STATUSES.has(data.status),
          assignees: asReferences(data.assignees),
        },
      };
    }
    default:
      return null;
  }
}

/** The incident id of a detail event: role assignments carry it per assignment, the others as `incident`. */
export function detailIncidentIdOf(data: Record<string, unknown>): unknown {
  const assignments = data.incident_role_assignments;
  if (Array.isArray(assignments) && isRecord(assignments[0])) {
    const incident = assignments[0].incident;
    return isRecord(incident) ? incident.id : null;
  }
  return null;
}

/** `details` with `change` (made by the event at `mark`) merged in. */
export function mergeIncidentDetails(
  details: IncidentDetails,
  change: DetailChange,
  mark: EventMark,
  compare: (a: EventMark, b: EventMark) => number,
): IncidentDetails {
  const newer = (stored: EventMark | null) =>
    stored === null || compare(mark, stored) > 0;
  const markOnly = (m: EventMark): EventMark => ({
    id: m.id,
    at: m.at,
    type: m.type,
  });
  switch (change.kind) {
    case "conference_bridge":
      return newer(details.conference_bridge)
        ? { ...details, conference_bridge: { ...mark, value: change.value } }
        : details;
    case "custom_fields":
      return newer(details.custom_fields)
        ? { ...details, custom_fields: { ...mark, values: change.values } }
        : details;
    case "roles": {
      const roles = [...details.roles];
      for (const assignment of change.assignments) {
        const i = roles.findIndex((r) => r.role.id === assignment.role.id);
        const stored = i < 0 ? null : roles[i] ?? null;
        const first = stored === null || compare(mark, stored.first) < 0
          ? markOnly(mark)
          : stored.first;
        const latest = stored === null || newer(stored)
          ? { ...mark, ...assignment }
          : stored;
        const entry = { ...latest, first };
        if (i < 0) roles.push(entry);
        else roles[i] = entry;
      }
      roles.sort((a, b) => compare(a.first, b.first));
      return { ...details, roles: roles.slice(0, MAX_ROLES) };
    }
    case "task": {
      const tasks = [...details.tasks];
      const i = tasks.findIndex((t) => t.task.id === change.task.id);
      const stored = i < 0 ? null : tasks[i] ?? null;
      const first = stored === null || compare(mark, stored.first) < 0
        ? markOnly(mark)
        : stored.first;
      const latest = stored === null || newer(stored)
        ? { ...mark, task: change.task }
        : stored;
      const entry = { ...latest, first };
      if (i < 0) tasks.push(entry);
      else tasks[i] = entry;
      tasks.sort((a, b) => compare(a.first, b.first));
      return { ...details, tasks: tasks.slice(-MAX_TASKS) };
    }
  }
}

/** The incident data's own `conference_bridge` (`{conference_number, conference_url}`), or null. */
export function conferenceBridgeOf(value: unknown): ConferenceBridge | null {
  if (!isRecord(value)) return null;
  const url = nonEmpty(value.conference_url);
  const number = nonEmpty(value.conference_number);
  if (url === null && number === null) return null;
  return { url, numbers: number === null ? [] : [{ label: "", number }] };
}

function nonEmpty(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function fieldValueOf(value: unknown): CustomFieldValue[] {
  if (!isRecord(value)) return [];
  const name = nonEmpty(value.name);
  if (name === null) return [];
  return [{
    id: nonEmpty(value.id) ?? name,
    name,
    label: nonEmpty(value.display_name) ?? name,
    value: valueText(value.value),
  }];
}

function valueText(value: unknown): string | null {
  if (typeof value === "string") {
    return value === "" ? null : value.slice(0, MAX_TEXT);
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value)) {
    const parts = value.flatMap((v) => {
      const text = valueText(v);
      return text === null ? [] : [text];
    });
    return parts.length === 0 ? null : parts.join(", ").slice(0, MAX_TEXT);
  }
  return null;
}
