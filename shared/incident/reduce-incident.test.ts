import { describe, expect, it } from "vitest";
import {
  INCIDENT_EVENT_TYPES,
  type IncidentEventType,
} from "../pagerduty/event-types.ts";
import type { WebhookEvent } from "../pagerduty/webhook-event.ts";
import {
  FIXTURE_OTHER_ESCALATION_POLICY,
  FIXTURE_OTHER_SERVICE,
  FIXTURE_PRIORITIES,
  FIXTURE_ROLES,
  FIXTURE_SERVICE,
  FIXTURE_USERS,
  type IncidentEventOverrides,
  makeFieldValue,
  makeIncidentEvent,
  makeIncidentSnapshot,
} from "./fixtures.ts";
import type { IncidentSnapshot } from "./incident-snapshot.ts";
import {
  incidentIdOf,
  type IncidentState,
  MAX_ACKNOWLEDGEMENTS,
  reduceIncident,
  reduceIncidentEvents,
} from "./reduce-incident.ts";

const { alice, bob, carol } = FIXTURE_USERS;

/** Second `n` after a fixed start, with PagerDuty's millisecond precision. */
function at(n: number): string {
  return new Date(Date.UTC(2026, 7, 20, 10, 0, 0, n * 1000)).toISOString();
}

function ev(
  type: IncidentEventType,
  second: number,
  overrides: IncidentEventOverrides = {},
): WebhookEvent {
  return makeIncidentEvent(type, { occurred_at: at(second), ...overrides });
}

function fold(events: readonly WebhookEvent[]): IncidentState {
  const state = reduceIncidentEvents(null, events);
  if (state === null) throw new Error("no state");
  return state;
}

/** Key-order-independent JSON, to compare thousands of states quickly. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${
      entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")
    }}`;
  }
  return JSON.stringify(value);
}

/** Every permutation of 0..n-1 (Heap's algorithm), as index arrays. */
function* permutations(n: number): Generator<number[]> {
  const a = Array.from({ length: n }, (_, i) => i);
  const c = new Array<number>(n).fill(0);
  yield [...a];
  let i = 1;
  while (i < n) {
    if ((c[i] ?? 0) < i) {
      const j = i % 2 === 0 ? 0 : (c[i] ?? 0);
      [a[j], a[i]] = [a[i] as number, a[j] as number];
      yield [...a];
      c[i] = (c[i] ?? 0) + 1;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

describe("incidentIdOf", () => {
  it.each(INCIDENT_EVENT_TYPES)("finds the incident of %s", (type) => {
    const event = makeIncidentEvent(type, { incident: { id: "PXYZ123" } });
    expect(incidentIdOf(event)).toBe("PXYZ123");
  });

  it("is null for a ping and for data without an incident", () => {
    const ping: WebhookEvent = {
      id: "01PING",
      event_type: "pagey.ping",
      resource_type: "pagey",
      occurred_at: at(0),
      agent: null,
      client: null,
      data: { type: "ping", message: "Hello from your friend Pagey!" },
    };
    expect(incidentIdOf(ping)).toBeNull();
    const service: WebhookEvent = {
      ...ping,
      event_type: "service.updated",
      resource_type: "service",
      data: { type: "service", id: "PSVC001" },
    };
    expect(incidentIdOf(service)).toBeNull();
  });
});

// One row per incident event type: the history before, the event, what the card must show after.
interface Row {
  before: WebhookEvent[];
  event: WebhookEvent;
  changed: boolean;
  expected: Partial<IncidentSnapshot>;
}

const triggered = ev("incident.triggered", 1);
const acked = ev("incident.acknowledged", 2, { agent: bob });
const resolved = ev("incident.resolved", 3, { agent: carol });

const ROWS: Record<IncidentEventType, Row> = {
  "incident.triggered": {
    before: [],
    event: triggered,
    changed: true,
    expected: {
      status: "triggered",
      first_trigger: {
        title: "Checkout API 5xx rate above 5%",
        service: FIXTURE_SERVICE,
        at: at(1),
      },
      acknowledged_by: [],
      resolved_by: null,
      updated_at: at(1),
    },
  },
  "incident.acknowledged": {
    before: [triggered],
    event: acked,
    changed: true,
    expected: {
      status: "acknowledged",
      acknowledged_by: [{ agent: bob, at: at(2) }],
    },
  },
  "incident.unacknowledged": {
    before: [triggered, acked],
    event: ev("incident.unacknowledged", 3, { agent: null }),
    changed: true,
    expected: { status: "triggered", acknowledged_by: [] },
  },
  "incident.resolved": {
    before: [triggered, acked],
    event: resolved,
    changed: true,
    expected: {
      status: "resolved",
      acknowledged_by: [{ agent: bob, at: at(2) }],
      resolved_by: { agent: carol, at: at(3) },
    },
  },
  "incident.reopened": {
    before: [triggered, acked, resolved],
    event: ev("incident.reopened", 4, { agent: alice }),
    changed: true,
    expected: { status: "triggered", acknowledged_by: [], resolved_by: null },
  },
  "incident.escalated": {
    before: [triggered, acked],
    event: ev("incident.escalated", 3, {
      agent: null,
      incident: { assignees: [carol] },
    }),
    changed: true,
    expected: { status: "triggered", assignees: [carol], acknowledged_by: [] },
  },
  "incident.reassigned": {
    before: [triggered, acked],
    event: ev("incident.reassigned", 3, {
      incident: { assignees: [bob, carol] },
    }),
    changed: true,
    expected: { assignees: [bob, carol], acknowledged_by: [] },
  },
  "incident.delegated": {
    before: [triggered],
    event: ev("incident.delegated", 3, {
      incident: {
        escalation_policy: FIXTURE_OTHER_ESCALATION_POLICY,
        assignees: [carol],
      },
    }),
    changed: true,
    expected: {
      escalation_policy: FIXTURE_OTHER_ESCALATION_POLICY,
      assignees: [carol],
    },
  },
  "incident.priority_updated": {
    before: [triggered, acked],
    event: ev("incident.priority_updated", 3, {
      incident: { status: "acknowledged", priority: FIXTURE_PRIORITIES.P1 },
    }),
    changed: true,
    expected: {
      status: "acknowledged",
      priority: FIXTURE_PRIORITIES.P1,
      acknowledged_by: [{ agent: bob, at: at(2) }],
    },
  },
  // Thread updates: the card stays exactly as it was.
  "incident.annotated": {
    before: [triggered],
    event: ev("incident.annotated", 3),
    changed: false,
    expected: { status: "triggered", updated_at: at(1) },
  },
  "incident.responder.added": {
    before: [triggered],
    event: ev("incident.responder.added", 3),
    changed: false,
    expected: { status: "triggered", updated_at: at(1) },
  },
  "incident.responder.replied": {
    before: [triggered],
    event: ev("incident.responder.replied", 3),
    changed: false,
    expected: { status: "triggered", updated_at: at(1) },
  },
  "incident.status_update_published": {
    before: [triggered],
    event: ev("incident.status_update_published", 3),
    changed: false,
    expected: { status: "triggered", updated_at: at(1) },
  },
  "incident.workflow.started": {
    before: [triggered],
    event: ev("incident.workflow.started", 3),
    changed: false,
    expected: { status: "triggered", updated_at: at(1) },
  },
  "incident.workflow.completed": {
    before: [triggered],
    event: ev("incident.workflow.completed", 3),
    changed: false,
    expected: { status: "triggered", updated_at: at(1) },
  },
  "incident.service_updated": {
    before: [triggered, acked],
    event: ev("incident.service_updated", 3, {
      incident: { status: "acknowledged", service: FIXTURE_OTHER_SERVICE },
    }),
    changed: true,
    expected: { status: "acknowledged", service: FIXTURE_OTHER_SERVICE },
  },
  "incident.incident_type.changed": {
    before: [triggered],
    event: ev("incident.incident_type.changed", 3, {
      incident: { incident_type: { name: "major" } },
    }),
    changed: true,
    expected: { status: "triggered", incident_type: "major" },
  },
  "incident.conference_bridge.updated": {
    before: [triggered],
    event: ev("incident.conference_bridge.updated", 3),
    changed: true,
    expected: {
      conference_bridge: {
        url: "https://meet.example.com/checkout-war-room",
        numbers: [{ label: "US", number: "+1-555-555-0100,,4711#" }],
      },
      updated_at: at(1),
    },
  },
  "incident.custom_field_values.updated": {
    before: [triggered],
    event: ev("incident.custom_field_values.updated", 3, {
      customFields: [
        makeFieldValue("environment", "production"),
        makeFieldValue("regions", ["eu-west-1", "us-east-1"]),
      ],
    }),
    changed: true,
    expected: {
      custom_fields: [
        {
          id: "PFENVIRO",
          name: "environment",
          label: "environment",
          value: "production",
        },
        {
          id: "PFREGION",
          name: "regions",
          label: "regions",
          value: "eu-west-1, us-east-1",
        },
      ],
    },
  },
  "incident.role.assigned": {
    before: [triggered],
    event: ev("incident.role.assigned", 3),
    changed: true,
    expected: { roles: [{ role: FIXTURE_ROLES.commander, assignee: bob }] },
  },
  "incident.task.created": {
    before: [triggered],
    event: ev("incident.task.created", 3),
    changed: true,
    expected: {
      tasks: [{
        id: "PTASK01",
        name: "Page the database team",
        done: false,
        assignees: [carol],
      }],
    },
  },
  "incident.task.updated": {
    before: [triggered, ev("incident.task.created", 2)],
    event: ev("incident.task.updated", 3, {
      task: { name: "Page the database team lead" },
    }),
    changed: true,
    expected: {
      tasks: [{
        id: "PTASK01",
        name: "Page the database team lead",
        done: false,
        assignees: [carol],
      }],
    },
  },
  "incident.task.completed": {
    before: [triggered, ev("incident.task.created", 2)],
    event: ev("incident.task.completed", 3),
    changed: true,
    expected: {
      tasks: [{
        id: "PTASK01",
        name: "Page the database team",
        done: true,
        assignees: [carol],
      }],
    },
  },
};

describe("reduceIncident, per event type", () => {
  it("has a row for every incident event type", () => {
    expect(Object.keys(ROWS).sort()).toEqual([...INCIDENT_EVENT_TYPES].sort());
  });

  it.each(INCIDENT_EVENT_TYPES)("%s", (type) => {
    const row = ROWS[type];
    const before = reduceIncidentEvents(null, row.before);
    const result = reduceIncident(before, row.event);
    expect(result.ignored).toBeNull();
    expect(result.changed).toBe(row.changed);
    expect(result.state?.snapshot).toMatchObject(row.expected);
    if (!row.changed) expect(result.state).toEqual(before);
    // Applying the same event again changes nothing.
    const again = reduceIncident(result.state, row.event);
    expect(again.changed).toBe(false);
    expect(again.state).toEqual(result.state);
  });
});

describe("reduceIncident, arrival order", () => {
  // A typical lifecycle, one event per second.
  const lifecycle = [
    ev("incident.triggered", 1, { agent: null }),
    ev("incident.acknowledged", 2, { agent: alice }),
    ev("incident.annotated", 3, { agent: alice }),
    ev("incident.escalated", 4, {
      agent: null,
      incident: { assignees: [bob] },
    }),
    ev("incident.reassigned", 5, {
      agent: bob,
      incident: { assignees: [carol] },
    }),
    ev("incident.priority_updated", 6, {
      agent: carol,
      incident: {
        assignees: [carol],
        priority: FIXTURE_PRIORITIES.P1,
        title: "Checkout API down",
      },
    }),
    ev("incident.resolved", 7, {
      agent: carol,
      incident: {
        assignees: [],
        priority: FIXTURE_PRIORITIES.P1,
        title: "Checkout API down",
      },
    }),
    ev("incident.reopened", 8, {
      agent: bob,
      incident: {
        assignees: [bob],
        priority: FIXTURE_PRIORITIES.P1,
        title: "Checkout API down",
      },
    }),
  ];

  it("the in-order fold is what a person expects", () => {
    const snapshot = fold(lifecycle).snapshot;
    expect(snapshot).toMatchObject({
      status: "triggered",
      title: "Checkout API down",
      assignees: [bob],
      priority: FIXTURE_PRIORITIES.P1,
      first_trigger: {
        title: "Checkout API 5xx rate above 5%",
        service: FIXTURE_SERVICE,
        at: at(1),
      },
      acknowledged_by: [],
      resolved_by: null,
      updated_at: at(8),
    });
  });

  it("every one of the 8! orderings folds to the in-order state, and never shows a resolved incident open before its reopen arrives", () => {
    const expected = canonical(fold(lifecycle));
    const resolveIndex = 6;
    const reopenIndex = 7;
    let count = 0;
    const mismatches: number[][] = [];
    const regressions: number[][] = [];
    for (const order of permutations(lifecycle.length)) {
      count++;
      let state: IncidentState | null = null;
      let resolveSeen = false;
      let reopenSeen = false;
      for (const index of order) {
        state = reduceIncident(state, lifecycle[index] as WebhookEvent).state;
        resolveSeen ||= index === resolveIndex;
        reopenSeen ||= index === reopenIndex;
        if (
          resolveSeen && !reopenSeen && state?.snapshot.status !== "resolved"
        ) {
          regressions.push(order);
          break;
        }
      }
      if (canonical(state) !== expected) mismatches.push(order);
    }
    expect(count).toBe(40320);
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(regressions.slice(0, 3)).toEqual([]);
  });

  it("acknowledgers survive or drop with the resets around them, whatever the order", () => {
    // bob's first ack is wiped by the unacknowledge; his later one and alice's remain.
    const churn = [
      ev("incident.triggered", 1, { agent: null }),
      ev("incident.acknowledged", 2, { agent: bob }),
      ev("incident.unacknowledged", 3, { agent: null }),
      ev("incident.acknowledged", 4, { agent: alice }),
      ev("incident.acknowledged", 5, { agent: bob }),
      ev("incident.acknowledged", 6, { agent: alice }),
      ev("incident.resolved", 7, { agent: bob }),
    ];
    const inOrder = fold(churn);
    expect(inOrder.snapshot.acknowledged_by).toEqual([
      { agent: alice, at: at(4) },
      { agent: bob, at: at(5) },
    ]);
    expect(inOrder.snapshot.resolved_by).toEqual({ agent: bob, at: at(7) });
    const expected = canonical(inOrder);
    const mismatches: number[][] = [];
    for (const order of permutations(churn.length)) {
      const state = fold(order.map((i) => churn[i] as WebhookEvent));
      if (canonical(state) !== expected) mismatches.push(order);
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
  });
});

describe("reduceIncident, events of one millisecond", () => {
  // PagerDuty stamps events to the millisecond and gives them random ids: the events of one instant must fold
  // to what happened (the lifecycle), in any arrival order and whichever way their ids sort.
  const ID_ORDERS = ["ids ascending", "ids descending"] as const;

  /** The events, listed in the order they happened, with ids that sort with that order or against it. */
  function withIds(
    events: readonly WebhookEvent[],
    ids: typeof ID_ORDERS[number],
  ): WebhookEvent[] {
    return events.map((event, i) => ({
      ...event,
      id: `evt-${ids === "ids ascending" ? i : events.length - 1 - i}`,
    }));
  }

  function expectEveryOrder(
    events: readonly WebhookEvent[],
    expected: Partial<IncidentSnapshot>,
  ) {
    for (const ids of ID_ORDERS) {
      const history = withIds(events, ids);
      const inOrder = fold(history);
      expect(inOrder.snapshot, ids).toMatchObject(expected);
      const mismatches: number[][] = [];
      let count = 0;
      for (const order of permutations(history.length)) {
        count++;
        const state = fold(order.map((i) => history[i] as WebhookEvent));
        if (canonical(state) !== canonical(inOrder)) mismatches.push(order);
      }
      expect(count).toBe(720);
      expect(mismatches.slice(0, 3), ids).toEqual([]);
    }
  }

  it("trigger, priority, reassign, escalate, acknowledge and resolve at one instant leave the incident resolved, with its acknowledger", () => {
    const p1 = FIXTURE_PRIORITIES.P1;
    expectEveryOrder([
      ev("incident.triggered", 1, {
        agent: null,
        incident: { assignees: [alice] },
      }),
      ev("incident.priority_updated", 1, {
        incident: { priority: p1, assignees: [alice] },
      }),
      ev("incident.reassigned", 1, {
        incident: { priority: p1, assignees: [bob] },
      }),
      ev("incident.escalated", 1, {
        agent: null,
        incident: { priority: p1, assignees: [carol] },
      }),
      ev("incident.acknowledged", 1, {
        agent: carol,
        incident: { priority: p1, assignees: [carol] },
      }),
      ev("incident.resolved", 1, {
        agent: carol,
        incident: { priority: p1, assignees: [] },
      }),
    ], {
      status: "resolved",
      priority: p1,
      assignees: [],
      first_trigger: {
        title: "Checkout API 5xx rate above 5%",
        service: FIXTURE_SERVICE,
        at: at(1),
      },
      acknowledged_by: [{ agent: carol, at: at(1) }],
      resolved_by: { agent: carol, at: at(1) },
      updated_at: at(1),
    });
  });

  it("a reopen as acknowledged (priority, reopen and acknowledge at one instant) after a resolve shows the incident acknowledged", () => {
    const p2 = FIXTURE_PRIORITIES.P2;
    expectEveryOrder([
      ev("incident.triggered", 1, { agent: null }),
      ev("incident.acknowledged", 2, { agent: alice }),
      ev("incident.resolved", 3, { agent: carol }),
      // One request: the priority is set while the incident is still resolved, then it is reopened and acked.
      ev("incident.priority_updated", 4, {
        agent: bob,
        incident: { status: "resolved", priority: p2 },
      }),
      ev("incident.reopened", 4, {
        agent: bob,
        incident: { priority: p2, assignees: [bob] },
      }),
      ev("incident.acknowledged", 4, {
        agent: bob,
        incident: { priority: p2, assignees: [bob] },
      }),
    ], {
      status: "acknowledged",
      priority: p2,
      assignees: [bob],
      acknowledged_by: [{ agent: bob, at: at(4) }],
      resolved_by: null,
      updated_at: at(4),
    });
  });

  it("an acknowledgement at the instant of an unacknowledge and an escalation counts, and the earlier one does not", () => {
    expectEveryOrder([
      ev("incident.triggered", 1, { agent: null }),
      ev("incident.acknowledged", 2, { agent: alice }),
      ev("incident.unacknowledged", 3, { agent: null }),
      ev("incident.escalated", 3, {
        agent: null,
        incident: { assignees: [bob] },
      }),
      ev("incident.acknowledged", 3, {
        agent: bob,
        incident: { assignees: [bob] },
      }),
      ev("incident.priority_updated", 4, {
        agent: bob,
        incident: {
          status: "acknowledged",
          assignees: [bob],
          priority: FIXTURE_PRIORITIES.P1,
        },
      }),
    ], {
      status: "acknowledged",
      assignees: [bob],
      priority: FIXTURE_PRIORITIES.P1,
      acknowledged_by: [{ agent: bob, at: at(3) }],
      updated_at: at(4),
    });
  });

  it("a resolve and a reopen at one instant read as reopen, then resolve", () => {
    for (const ids of ID_ORDERS) {
      const [trigger, reopen, resolve] = withIds([
        ev("incident.triggered", 1),
        ev("incident.reopened", 2, { agent: bob }),
        ev("incident.resolved", 2, { agent: carol }),
      ], ids) as [WebhookEvent, WebhookEvent, WebhookEvent];
      for (const order of [[reopen, resolve], [resolve, reopen]]) {
        expect(fold([trigger, ...order]).snapshot, ids).toMatchObject({
          status: "resolved",
          resolved_by: { agent: carol, at: at(2) },
        });
      }
    }
  });

  it("a state stored before marks had types still places an event of the same instant by lifecycle", () => {
    /** The state as an earlier version stored it: marks without their event type. */
    const storedUntyped = (state: IncidentState): IncidentState => {
      const json = JSON.parse(JSON.stringify(state)) as Record<string, unknown>;
      for (const value of Object.values(json)) {
        for (const mark of Array.isArray(value) ? value : [value]) {
          if (mark && typeof mark === "object" && "at" in mark) {
            delete (mark as Record<string, unknown>).type;
          }
        }
      }
      return json as unknown as IncidentState;
    };
    const trigger = ev("incident.triggered", 1, { id: "evt-2" });
    const ack = ev("incident.acknowledged", 1, { id: "evt-3", agent: bob });
    const resolve = ev("incident.resolved", 1, { id: "evt-1", agent: carol });

    const stored = storedUntyped(fold([trigger, ack]));
    expect(stored.head).not.toHaveProperty("type");
    const resolved = reduceIncident(stored, resolve).state;
    expect(resolved.snapshot).toMatchObject({
      status: "resolved",
      acknowledged_by: [{ agent: bob, at: at(1) }],
      resolved_by: { agent: carol, at: at(1) },
    });
    expect(resolved).toEqual(fold([trigger, ack, resolve]));

    // The trigger arrives after an acknowledgement of its own instant was stored.
    const lateTrigger = reduceIncident(storedUntyped(fold([ack])), trigger)
      .state;
    expect(lateTrigger.snapshot).toMatchObject({
      status: "acknowledged",
      acknowledged_by: [{ agent: bob, at: at(1) }],
    });
    expect(lateTrigger).toEqual(fold([trigger, ack]));
  });
});

describe("reduceIncident, late and repeated events", () => {
  it("a late acknowledged after resolved does not regress, and records the acknowledger", () => {
    const state = fold([
      ev("incident.triggered", 1),
      ev("incident.resolved", 3, { agent: carol }),
    ]);
    const late = reduceIncident(
      state,
      ev("incident.acknowledged", 2, { agent: bob }),
    );
    expect(late.changed).toBe(true);
    expect(late.state.snapshot.status).toBe("resolved");
    expect(late.state.snapshot.acknowledged_by).toEqual([
      { agent: bob, at: at(2) },
    ]);
    expect(late.state.snapshot.resolved_by).toEqual({
      agent: carol,
      at: at(3),
    });
    expect(late.state.snapshot.updated_at).toBe(at(3));
  });

  it("a newer event saying acknowledged keeps a resolved incident resolved until its reopen arrives", () => {
    const resolvedState = fold([
      ev("incident.triggered", 1),
      ev("incident.resolved", 3, { agent: carol }),
    ]);
    // PagerDuty reopened it (t4) and bob acknowledged (t5); the acknowledge arrives first.
    const ackFirst = reduceIncident(
      resolvedState,
      ev("incident.acknowledged", 5, { agent: bob }),
    ).state;
    expect(ackFirst.snapshot.status).toBe("resolved");
    const reopened = reduceIncident(
      ackFirst,
      ev("incident.reopened", 4, { agent: bob }),
    ).state;
    expect(reopened.snapshot).toMatchObject({
      status: "acknowledged",
      acknowledged_by: [{ agent: bob, at: at(5) }],
      resolved_by: null,
      updated_at: at(5),
    });
  });

  it("an older event never overwrites the incident fields of a newer one", () => {
    const state = fold([
      ev("incident.triggered", 1),
      ev("incident.priority_updated", 5, {
        incident: { priority: FIXTURE_PRIORITIES.P2 },
      }),
    ]);
    const late = reduceIncident(
      state,
      ev("incident.priority_updated", 3, {
        incident: { priority: FIXTURE_PRIORITIES.P1 },
      }),
    );
    expect(late.changed).toBe(false);
    expect(late.state.snapshot.priority).toEqual(FIXTURE_PRIORITIES.P2);
  });

  it("keeps the first trigger's context after the title and service change and the incident resolves", () => {
    const state = fold([
      ev("incident.delegated", 4, {
        incident: {
          title: "Payments degraded",
          service: FIXTURE_OTHER_SERVICE,
          escalation_policy: FIXTURE_OTHER_ESCALATION_POLICY,
        },
      }),
      ev("incident.resolved", 6, {
        incident: {
          title: "Payments degraded",
          service: FIXTURE_OTHER_SERVICE,
          escalation_policy: FIXTURE_OTHER_ESCALATION_POLICY,
        },
      }),
      // The trigger arrives last: its context is still the first trigger's.
      ev("incident.triggered", 1),
    ]);
    expect(state.snapshot).toMatchObject({
      status: "resolved",
      title: "Payments degraded",
      service: FIXTURE_OTHER_SERVICE,
      first_trigger: {
        title: "Checkout API 5xx rate above 5%",
        service: FIXTURE_SERVICE,
        at: at(1),
      },
    });
    expect(state.snapshot.escalation_policy).toEqual(
      FIXTURE_OTHER_ESCALATION_POLICY,
    );
  });

  it("applies duplicates once, interleaved anywhere", () => {
    const events = [
      ev("incident.triggered", 1),
      ev("incident.acknowledged", 2, { agent: bob }),
      ev("incident.escalated", 3, { agent: null }),
      ev("incident.acknowledged", 4, { agent: carol }),
      ev("incident.resolved", 5, { agent: carol }),
    ];
    const once = fold(events);
    const withDuplicates = fold([
      events[0],
      events[1],
      events[0],
      events[3],
      events[1],
      events[2],
      events[3],
      events[4],
      events[1],
      events[4],
    ] as WebhookEvent[]);
    expect(withDuplicates).toEqual(once);
    const duplicate = reduceIncident(once, events[3] as WebhookEvent);
    expect(duplicate.changed).toBe(false);
    expect(duplicate.state).toEqual(once);
  });

  it("survives a JSON round trip (the bridge stores the state as JSON)", () => {
    const events = [
      ev("incident.triggered", 1),
      ev("incident.acknowledged", 2, { agent: bob }),
      ev("incident.resolved", 4),
    ];
    const direct = fold(events);
    const stored = JSON.parse(
      JSON.stringify(fold(events.slice(0, 2))),
    ) as IncidentState;
    expect(reduceIncident(stored, events[2] as WebhookEvent).state).toEqual(
      direct,
    );
  });

  it(`keeps at most ${MAX_ACKNOWLEDGEMENTS} acknowledgements between resets`, () => {
    let state = fold([ev("incident.triggered", 1)]);
    for (let i = 0; i < MAX_ACKNOWLEDGEMENTS + 20; i++) {
      state = reduceIncident(
        state,
        ev("incident.acknowledged", 10 + i, {
          agent: i < 20 ? alice : bob,
        }),
      ).state;
    }
    expect(state.acknowledgements).toHaveLength(MAX_ACKNOWLEDGEMENTS);
    expect(state.snapshot.acknowledged_by).toEqual([
      { agent: bob, at: at(30) },
    ]);
  });
});

describe("reduceIncident, events it does not apply", () => {
  const state = fold([triggered]);

  it("ignores unknown event types without error", () => {
    const unknown = {
      ...ev("incident.triggered", 2),
      event_type: "incident.action_invocation.created",
    };
    expect(reduceIncident(state, unknown)).toEqual({
      state,
      changed: false,
      ignored: "unsupported_event_type",
    });
  });

  it("sets aside a detail event whose data is not of its type", () => {
    const wrong = {
      ...ev("incident.triggered", 2),
      event_type: "incident.conference_bridge.updated",
    };
    expect(reduceIncident(state, wrong)).toEqual({
      state,
      changed: false,
      ignored: "unexpected_data",
    });
  });

  it("ignores another incident's events", () => {
    const other = ev("incident.resolved", 2, { incident: { id: "POTHER1" } });
    expect(reduceIncident(state, other).ignored).toBe("other_incident");
    expect(reduceIncident(state, other).state).toBe(state);
  });

  it("cannot start a snapshot from a note, which carries only a reference", () => {
    const result = reduceIncident(null, ev("incident.annotated", 2));
    expect(result).toEqual({
      state: null,
      changed: false,
      ignored: "no_incident_data",
    });
  });

  it("rejects a state event whose data is not an incident, and a bad occurred_at", () => {
    const note = ev("incident.annotated", 2);
    const mislabeled = { ...note, event_type: "incident.resolved" };
    expect(reduceIncident(state, mislabeled).ignored).toBe("unexpected_data");
    const badTime = { ...ev("incident.resolved", 2), occurred_at: "yesterday" };
    expect(reduceIncident(state, badTime).ignored).toBe("invalid_occurred_at");
  });
});

describe("makeIncidentSnapshot", () => {
  it("is the reducer's snapshot of the fixture trigger, with overrides", () => {
    const snapshot = makeIncidentSnapshot({ status: "resolved" });
    expect(snapshot).toEqual({
      ...fold([makeIncidentEvent("incident.triggered")]).snapshot,
      status: "resolved",
    });
  });
});
