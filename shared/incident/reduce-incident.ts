// Folds PagerDuty V3 webhook events into the incident snapshot the cards render.
//
// Webhooks arrive late, out of order and more than once (PagerDuty keeps order per subscription and
// incident only, retries for 48 h, and duplicates). So the state is built from order-free merges: the
// snapshot is a function of the SET of events applied, never of their arrival order. Every merge is a
// max/min over (occurred_at, lifecycle rank, event id) or a set union keyed by event id, which also makes
// re-applying any event — however old — a no-op without remembering a window of ids.
import {
  INCIDENT_DETAIL_EVENT_TYPES,
  INCIDENT_STATE_EVENT_TYPES,
  INCIDENT_UPDATE_EVENT_TYPES,
  type IncidentEventType,
} from "../pagerduty/event-types.ts";
import type {
  IncidentStatus,
  Reference,
  WebhookEvent,
  WebhookIncident,
} from "../pagerduty/webhook-event.ts";
import { asReference, asReferences } from "./as-reference.ts";
import {
  type Actor,
  type IncidentSnapshot,
  MISSING_REFERENCE,
  MISSING_TITLE,
} from "./incident-snapshot.ts";
import {
  conferenceBridgeOf,
  detailIncidentIdOf,
  EMPTY_DETAILS,
  type IncidentDetails,
  mergeIncidentDetails,
  readDetailEvent,
} from "./merge-incident-details.ts";

/** Position of an event in the incident's history: `occurred_at`, then its type's LIFECYCLE_RANK, then event id. */
export interface EventMark {
  id: string;
  at: string;
  /** The event type (states stored before marks had it get one on their next event: see withMarkTypes). */
  type: string;
}

export interface AgentMark extends EventMark {
  agent: Reference | null;
}

/**
 * What the bridge stores per incident: the snapshot plus the few marks needed to place a late event.
 * Plain JSON. Its size is bounded: one mark per role, and at most MAX_ACKNOWLEDGEMENTS acknowledgements.
 */
export interface IncidentState {
  snapshot: IncidentSnapshot;
  /** The newest incident-state event; its `data` (the incident as of then) gave the snapshot's fields. */
  head: EventMark & { status: IncidentStatus };
  /** The earliest `incident.triggered` seen: its data is the snapshot's `first_trigger`. */
  first_trigger: EventMark | null;
  /** The newest `incident.triggered` / `incident.reopened`. */
  last_opened: EventMark | null;
  /** The newest `incident.resolved`. */
  last_resolved: AgentMark | null;
  /** The newest event after which earlier acknowledgements no longer count (see ACK_RESETS). */
  last_ack_reset: EventMark | null;
  /** `incident.acknowledged` events after `last_ack_reset`, oldest first. */
  acknowledgements: AgentMark[];
  /** Conference bridge, custom fields, roles, tasks (merge-incident-details.ts); absent in older states. */
  details?: IncidentDetails;
}

/**
 * Acknowledgements kept between two resets. Each ack is kept (not only one per user) so that a late reset
 * can drop a user's earlier ack and keep their later one. Beyond this many acks without an unacknowledge,
 * escalation, reassignment or reopen — a volume no real incident reaches — the oldest are dropped, and the
 * only effect is that a user who acked solely in the dropped part is no longer listed.
 */
export const MAX_ACKNOWLEDGEMENTS = 50;

/** How each incident-state event type moves the marks. Types absent from a set do not touch that mark. */
const OPENS: ReadonlySet<string> = new Set([
  "incident.triggered",
  "incident.reopened",
]);
// PagerDuty puts an incident back to triggered (and pages again) when it is escalated, reassigned to other
// users or delegated to another policy, as on unacknowledge and reopen: earlier acks stop counting.
const ACK_RESETS: ReadonlySet<string> = new Set([
  "incident.triggered",
  "incident.reopened",
  "incident.unacknowledged",
  "incident.escalated",
  "incident.reassigned",
  "incident.delegated",
]);
const STATE_TYPES: ReadonlySet<string> = new Set(INCIDENT_STATE_EVENT_TYPES);
const UPDATE_TYPES: ReadonlySet<string> = new Set(INCIDENT_UPDATE_EVENT_TYPES);
const DETAIL_TYPES: ReadonlySet<string> = new Set(INCIDENT_DETAIL_EVENT_TYPES);

/**
 * The order of events that share one `occurred_at`. PagerDuty stamps events to the millisecond, and one action
 * can cause several at once (a reopen as acknowledged is `reopened` + `acknowledged`, an escalation with a new
 * status is `escalated` + the status change), delivered in any order with random ids. So ties follow the
 * lifecycle, read as one pass through it per instant:
 * - `triggered` is an incident's first event: everything at its instant came after it.
 * - `priority_updated` (also `service_updated`, `incident_type.changed`) changes no status, and its data still
 *   has the status from before a change made by the same action (the priority is applied first), so it never outranks a status change. A priority changed by
 *   a separate action right after one in the same millisecond shows with the incident's next event.
 * - `reopened` before the acknowledgement of a reopen as acknowledged.
 * - `unacknowledged` is the acknowledgement timeout re-triggering an ack made long before: an ack at its
 *   instant is a new one, and escalation resumes after it.
 * - `delegated`, `reassigned`, `escalated` before `acknowledged`: an acknowledgement halts escalation, and
 *   re-routing an acknowledged incident needs its ack seen first. Among themselves, in the order one request
 *   applies them (a new escalation policy, then assignees, then a level).
 * - `resolved` ends the pass. A reopen is someone's reaction to a resolve they saw, so a resolve and a reopen
 *   at one instant read as reopen, then resolve: the other way round would undo every reopen as acknowledged.
 * - Notes, status updates, responders and workflows add to the thread after the state change of their instant;
 *   so do the details (bridge, custom fields, roles, tasks): a detail set at a state change's instant is newer
 *   than the incident data of that change. A task completed at the instant of its update is done.
 * Types not listed (new ones appear without notice) come last; the event id orders events of one rank.
 */
const LIFECYCLE_RANK: Readonly<Record<IncidentEventType, number>> = {
  "incident.triggered": 0,
  "incident.priority_updated": 1,
  "incident.service_updated": 1,
  "incident.incident_type.changed": 1,
  "incident.reopened": 2,
  "incident.unacknowledged": 3,
  "incident.delegated": 4,
  "incident.reassigned": 5,
  "incident.escalated": 6,
  "incident.acknowledged": 7,
  "incident.resolved": 8,
  "incident.annotated": 9,
  "incident.status_update_published": 9,
  "incident.responder.added": 9,
  "incident.workflow.started": 9,
  "incident.conference_bridge.updated": 9,
  "incident.custom_field_values.updated": 9,
  "incident.role.assigned": 9,
  "incident.task.created": 9,
  "incident.task.updated": 9,
  "incident.task.completed": 10,
  "incident.responder.replied": 10,
  "incident.workflow.completed": 10,
};
const RANKS: ReadonlyMap<string, number> = new Map(
  Object.entries(LIFECYCLE_RANK),
);
const UNKNOWN_RANK = 11;

export type IgnoredReason =
  /** Not one of INCIDENT_EVENT_TYPES (new types appear without notice; they are stored and ignored). */
  | "unsupported_event_type"
  /** `data` does not have the shape its event type promises (e.g. a state event without `data.type: incident`). */
  | "unexpected_data"
  | "invalid_occurred_at"
  /** The event belongs to another incident than the state. */
  | "other_incident"
  /** A note / status update / responder event before any event carrying the incident itself. */
  | "no_incident_data";

export interface ReduceResult<S extends IncidentState | null> {
  state: S;
  /** Whether the rendered card (snapshot) differs from before. */
  changed: boolean;
  /** Why the event left the state untouched, when it was not applicable at all. */
  ignored: IgnoredReason | null;
}

/**
 * `data.id` for incident data, `data.incident.id` for notes, status updates, responders, bridges, fields and
 * tasks, the first assignment's incident for role assignments; else null.
 */
export function incidentIdOf(event: WebhookEvent): string | null {
  const data = event.data as unknown;
  if (typeof data !== "object" || data === null) return null;
  const record = data as Record<string, unknown>;
  if (record.type === "incident") {
    return typeof record.id === "string" ? record.id : null;
  }
  const incident = record.incident;
  if (typeof incident === "object" && incident !== null) {
    const id = (incident as Record<string, unknown>).id;
    return typeof id === "string" ? id : null;
  }
  const id = detailIncidentIdOf(record);
  return typeof id === "string" ? id : null;
}

/**
 * Orders marks by time, then LIFECYCLE_RANK, then id, so every replica folds the same events the same way.
 * The worker applies events in this order too, so that the thread tells an instant's events as the card does.
 */
export function compareMarks(a: EventMark, b: EventMark): number {
  const byTime = compareTimes(a.at, b.at);
  if (byTime !== 0) return byTime;
  const byRank = (RANKS.get(a.type) ?? UNKNOWN_RANK) -
    (RANKS.get(b.type) ?? UNKNOWN_RANK);
  if (byRank !== 0) return byRank;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// PagerDuty writes every occurred_at the same way (UTC, "Z", milliseconds), and such strings sort like
// the instants they name; parsing is the fallback for any other spelling. This runs several times per event.
function compareTimes(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === b.length && a.endsWith("Z") && b.endsWith("Z")) {
    return a < b ? -1 : 1;
  }
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

function later<M extends EventMark>(a: M | null, b: M): M {
  return a === null || compareMarks(b, a) > 0 ? b : a;
}

function isAfter(mark: EventMark, bound: EventMark | null): boolean {
  return bound === null || compareMarks(mark, bound) > 0;
}

export function reduceIncident(
  state: IncidentState,
  event: WebhookEvent,
): ReduceResult<IncidentState>;
export function reduceIncident(
  state: IncidentState | null,
  event: WebhookEvent,
): ReduceResult<IncidentState | null>;
export function reduceIncident(
  state: IncidentState | null,
  event: WebhookEvent,
): ReduceResult<IncidentState | null> {
  const ignore = (reason: IgnoredReason) => ({
    state,
    changed: false,
    ignored: reason,
  });
  const isState = STATE_TYPES.has(event.event_type);
  if (
    !isState && !UPDATE_TYPES.has(event.event_type) &&
    !DETAIL_TYPES.has(event.event_type)
  ) {
    return ignore("unsupported_event_type");
  }
  if (
    typeof event.occurred_at !== "string" ||
    Number.isNaN(Date.parse(event.occurred_at))
  ) {
    return ignore("invalid_occurred_at");
  }
  const incidentId = incidentIdOf(event);
  if (incidentId === null) return ignore("unexpected_data");
  if (state !== null && state.snapshot.id !== incidentId) {
    return ignore("other_incident");
  }
  if (DETAIL_TYPES.has(event.event_type)) {
    if (state === null) return ignore("no_incident_data");
    return reduceDetail(state, event) ?? ignore("unexpected_data");
  }
  if (!isState) {
    // Notes, status updates and responders are thread updates: they never change the card.
    return state === null
      ? ignore("no_incident_data")
      : { state, changed: false, ignored: null };
  }
  const raw = event.data as WebhookIncident;
  if (raw.type !== "incident") return ignore("unexpected_data");
  // The marks keep the status and the agent: both are read here into their declared types.
  const status = incidentStatusOf(event.event_type, raw.status);
  if (status === null) return ignore("unexpected_data");
  const data: WebhookIncident = raw.status === status
    ? raw
    : { ...raw, status };
  const agent = asReference(event.agent);

  const { marks, firstTriggerData } = mergeMarks(
    state,
    event.agent === agent ? event : { ...event, agent },
    data,
  );
  const snapshot = deriveSnapshot(
    marks,
    state?.snapshot ?? null,
    state === null || marks.head.id !== state.head.id ? data : null,
    firstTriggerData,
  );
  const result: IncidentState = {
    snapshot,
    head: marks.head,
    first_trigger: marks.first_trigger,
    last_opened: marks.last_opened,
    last_resolved: marks.last_resolved,
    last_ack_reset: marks.last_ack_reset,
    acknowledgements: marks.acknowledgements,
    details: marks.details,
  };
  return {
    state: result,
    changed: state === null || !jsonEqual(state.snapshot, snapshot),
    ignored: null,
  };
}

/** A conference bridge, custom field, role or task event; null when its data is unreadable. */
function reduceDetail(
  stored: IncidentState,
  event: WebhookEvent,
): ReduceResult<IncidentState> | null {
  const change = readDetailEvent(event);
  if (change === null) return null;
  const state = withMarkTypes(stored);
  const details = mergeIncidentDetails(
    state.details ?? EMPTY_DETAILS,
    change,
    { id: event.id, at: event.occurred_at, type: event.event_type },
    compareMarks,
  );
  const { snapshot: previous, ...marks } = state;
  const snapshot = deriveSnapshot(
    { ...marks, details },
    previous,
    null,
    null,
  );
  return {
    state: { ...state, snapshot, details },
    changed: !jsonEqual(previous, snapshot),
    ignored: null,
  };
}

/** Folds events in the given order (any order gives the same result). */
export function reduceIncidentEvents(
  state: IncidentState | null,
  events: Iterable<WebhookEvent>,
): IncidentState | null {
  let current = state;
  for (const event of events) current = reduceIncident(current, event).state;
  return current;
}

type Marks = Omit<IncidentState, "snapshot" | "details"> & {
  details: IncidentDetails;
};

function mergeMarks(
  stored: IncidentState | null,
  event: WebhookEvent,
  data: WebhookIncident,
): { marks: Marks; firstTriggerData: WebhookIncident | null } {
  const state = stored === null ? null : withMarkTypes(stored);
  const type = event.event_type;
  const mark: EventMark = { id: event.id, at: event.occurred_at, type };
  const agentMark: AgentMark = { ...mark, agent: event.agent };

  const head = later(state?.head ?? null, { ...mark, status: data.status });
  let firstTrigger = state?.first_trigger ?? null;
  let firstTriggerData: WebhookIncident | null = null;
  if (
    type === "incident.triggered" &&
    (firstTrigger === null || compareMarks(mark, firstTrigger) < 0)
  ) {
    firstTrigger = mark;
    firstTriggerData = data;
  }
  const lastOpened = OPENS.has(type)
    ? later(state?.last_opened ?? null, mark)
    : state?.last_opened ?? null;
  const lastResolved = type === "incident.resolved"
    ? later(state?.last_resolved ?? null, agentMark)
    : state?.last_resolved ?? null;
  const lastAckReset = ACK_RESETS.has(type)
    ? later(state?.last_ack_reset ?? null, mark)
    : state?.last_ack_reset ?? null;

  let acks = (state?.acknowledgements ?? []).filter((a) =>
    isAfter(a, lastAckReset)
  );
  if (
    type === "incident.acknowledged" &&
    isAfter(mark, lastAckReset) &&
    !acks.some((a) => a.id === mark.id)
  ) {
    acks = [...acks, agentMark].sort(compareMarks).slice(
      -MAX_ACKNOWLEDGEMENTS,
    );
  }
  return {
    marks: {
      head,
      first_trigger: firstTrigger,
      last_opened: lastOpened,
      last_resolved: lastResolved,
      last_ack_reset: lastAckReset,
      acknowledgements: acks,
      details: state?.details ?? EMPTY_DETAILS,
    },
    firstTriggerData,
  };
}

const TYPE_OF_HEAD_STATUS: Readonly<Record<string, IncidentEventType>> = {
  triggered: "incident.triggered",
  acknowledged: "incident.acknowledged",
  resolved: "incident.resolved",
};

/**
 * A state stored before marks had types, with the type each mark's role implies; for the head, the event its
 * status stands for. An opened or reset mark may have been any of several types: `triggered` ranks like every
 * one of them against the marks it is compared with (resolves, acknowledgements), which rank after them all.
 * A state's marks are all written together, so its head tells whether it has types.
 */
function withMarkTypes(state: IncidentState): IncidentState {
  if (typeof (state.head as Partial<EventMark>).type === "string") return state;
  const typed = <M extends EventMark>(mark: M | null, type: string) =>
    mark === null ? null : { ...mark, type };
  return {
    ...state,
    head: {
      ...state.head,
      type: TYPE_OF_HEAD_STATUS[state.head.status] ?? "incident.triggered",
    },
    first_trigger: typed(state.first_trigger, "incident.triggered"),
    last_opened: typed(state.last_opened, "incident.triggered"),
    last_resolved: typed(state.last_resolved, "incident.resolved"),
    last_ack_reset: typed(state.last_ack_reset, "incident.triggered"),
    acknowledgements: state.acknowledgements.map((ack) => ({
      ...ack,
      type: "incident.acknowledged",
    })),
  };
}

/**
 * The snapshot from the marks. `headData` is the incident of a new head event (null when the head did not
 * move, so the incident fields stay as they are); `firstTriggerData` that of a new earliest trigger.
 */
function deriveSnapshot(
  marks: Marks,
  previous: IncidentSnapshot | null,
  headData: WebhookIncident | null,
  firstTriggerData: WebhookIncident | null,
): IncidentSnapshot {
  const fields = headData !== null
    ? incidentFields(headData)
    : incidentFieldsOf(previous);

  // Only a reopen or trigger newer than the last resolve re-opens an incident: a newer event whose data
  // says otherwise means that reopen has not arrived yet.
  const resolvedSinceOpened = marks.last_resolved !== null &&
    isAfter(marks.last_resolved, marks.last_opened);
  const status: IncidentStatus = resolvedSinceOpened
    ? "resolved"
    : marks.head.status;

  const firstTrigger = firstTriggerData !== null
    ? {
      title: titleOf(firstTriggerData.title),
      service: referenceOr(firstTriggerData.service, "service"),
      at: marks.first_trigger?.at ?? firstTriggerData.created_at,
    }
    : previous?.first_trigger ?? null;

  // The bridge as the newest of the incident data and `incident.conference_bridge.updated` says. Data without
  // the key says nothing about it (the reconciler's REST observations: REST sends it only on request).
  const bridge = marks.details.conference_bridge;
  const conferenceBridge =
    bridge !== null && compareMarks(bridge, marks.head) > 0
      ? bridge.value
      : headData !== null && headData.conference_bridge !== undefined
      ? conferenceBridgeOf(headData.conference_bridge)
      : previous?.conference_bridge ?? null;

  // One literal with every field (no spread): V8 keeps it a fast object, and the stored JSON has a
  // stable key order.
  return {
    id: fields.id,
    number: fields.number,
    title: fields.title,
    status,
    urgency: fields.urgency,
    priority: fields.priority,
    service: fields.service,
    escalation_policy: fields.escalation_policy,
    teams: fields.teams,
    assignees: fields.assignees,
    html_url: fields.html_url,
    incident_key: fields.incident_key,
    created_at: fields.created_at,
    first_trigger: firstTrigger,
    acknowledged_by: uniqueByAgent(marks.acknowledgements),
    resolved_by: status === "resolved" && resolvedSinceOpened &&
        marks.last_resolved !== null
      ? { agent: marks.last_resolved.agent, at: marks.last_resolved.at }
      : null,
    updated_at: marks.head.at,
    // Incident data without `incident_type` (PagerDuty's older payloads) says nothing about it either.
    incident_type: headData?.incident_type === undefined
      ? previous?.incident_type ?? null
      : fields.incident_type ?? null,
    conference_bridge: conferenceBridge,
    custom_fields: marks.details.custom_fields?.values ?? [],
    roles: marks.details.roles.map((r) => ({
      role: r.role,
      assignee: r.assignee,
    })),
    tasks: marks.details.tasks.map((t) => t.task),
  };
}

type IncidentFields = Omit<
  IncidentSnapshot,
  | "status"
  | "first_trigger"
  | "acknowledged_by"
  | "resolved_by"
  | "updated_at"
  | "conference_bridge"
  | "custom_fields"
  | "roles"
  | "tasks"
>;

/**
 * The status of a state event's incident. Data without a valid status takes the one its event type implies
 * (PagerDuty puts an escalated, reassigned or delegated incident back to triggered); a type that implies none
 * (a priority change) makes the event unreadable: null.
 */
const STATUS_OF_TYPE: Readonly<Record<string, IncidentStatus>> = {
  "incident.triggered": "triggered",
  "incident.reopened": "triggered",
  "incident.unacknowledged": "triggered",
  "incident.escalated": "triggered",
  "incident.reassigned": "triggered",
  "incident.delegated": "triggered",
  "incident.acknowledged": "acknowledged",
  "incident.resolved": "resolved",
};
const STATUSES: ReadonlySet<unknown> = new Set<IncidentStatus>([
  "triggered",
  "acknowledged",
  "resolved",
]);

function incidentStatusOf(
  eventType: string,
  status: unknown,
): IncidentStatus | null {
  return STATUSES.has(status)
    ? status as IncidentStatus
    : STATUS_OF_TYPE[eventType] ?? null;
}

// Webhook incident data is read field by field into the snapshot's types: a payload of an unforeseen shape
// (`service: null`, a title that is a deeply nested array, `number` a string) gives a snapshot that stores,
// compares and renders like any other, instead of an event that fails at every pass.
function titleOf(value: unknown): string {
  if (typeof value === "string" && value.trim() !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return MISSING_TITLE;
}

function referenceOr(
  value: unknown,
  missing: keyof typeof MISSING_REFERENCE,
): Reference {
  return asReference(value) ?? { ...MISSING_REFERENCE[missing] };
}

function numberOf(value: unknown): number {
  if (Number.isSafeInteger(value) && (value as number) >= 0) {
    return value as number;
  }
  if (typeof value === "string" && /^\d{1,15}$/.test(value)) {
    return Number(value);
  }
  return 0;
}

const timeOf = (value: unknown): string =>
  typeof value === "string" && !Number.isNaN(Date.parse(value)) ? value : "";

function incidentFields(data: WebhookIncident): IncidentFields {
  return {
    id: data.id,
    number: numberOf(data.number),
    title: titleOf(data.title),
    // Unknown urgency is shown and routed as high: better paged once too often than missed.
    urgency: data.urgency === "low" ? "low" : "high",
    priority: asReference(data.priority),
    service: referenceOr(data.service, "service"),
    escalation_policy: referenceOr(
      data.escalation_policy,
      "escalation_policy",
    ),
    teams: asReferences(data.teams),
    assignees: asReferences(data.assignees),
    html_url: typeof data.html_url === "string" ? data.html_url : "",
    incident_key: typeof data.incident_key === "string"
      ? data.incident_key
      : null,
    created_at: timeOf(data.created_at),
    incident_type: incidentTypeOf(data.incident_type),
  };
}

function incidentTypeOf(value: unknown): string | null {
  if (typeof value !== "object" || value === null) return null;
  const name = (value as Record<string, unknown>).name;
  return typeof name === "string" && name.trim() !== "" ? name : null;
}

function incidentFieldsOf(snapshot: IncidentSnapshot | null): IncidentFields {
  if (snapshot === null) {
    throw new Error("reduceIncident: no head data and no previous snapshot");
  }
  // Listed, not spread-and-omit: this runs for every event, and it keeps the key order stable.
  return {
    id: snapshot.id,
    number: snapshot.number,
    title: snapshot.title,
    urgency: snapshot.urgency,
    priority: snapshot.priority,
    service: snapshot.service,
    escalation_policy: snapshot.escalation_policy,
    teams: snapshot.teams,
    assignees: snapshot.assignees,
    html_url: snapshot.html_url,
    incident_key: snapshot.incident_key,
    created_at: snapshot.created_at,
    incident_type: snapshot.incident_type ?? null,
  };
}

/** One entry per user, at their first acknowledgement (automation without an agent counts as one). */
function uniqueByAgent(acks: readonly AgentMark[]): Actor[] {
  const seen = new Set<string>();
  const actors: Actor[] = [];
  for (const ack of acks) {
    const key = ack.agent?.id ?? "";
    if (seen.has(key)) continue;
    seen.add(key);
    actors.push({ agent: ack.agent, at: ack.at });
  }
  return actors;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || !a || !b) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) =>
    (a as Record<string, unknown>)[k] !== undefined
  );
  const kb = Object.keys(b).filter((k) =>
    (b as Record<string, unknown>)[k] !== undefined
  );
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    jsonEqual(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
    )
  );
}
