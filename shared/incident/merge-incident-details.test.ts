import { describe, expect, it } from "vitest";
import { PAGERDUTY_V3_EXAMPLES } from "../../test/fixtures/pagerduty-v3-examples.ts";
import type { WebhookEvent } from "../pagerduty/webhook-event.ts";
import {
  FIXTURE_ROLES,
  FIXTURE_USERS,
  makeFieldValue,
  makeIncidentEvent,
} from "./fixtures.ts";
import { MAX_TASKS } from "./merge-incident-details.ts";
import {
  type IncidentState,
  reduceIncident,
  reduceIncidentEvents,
} from "./reduce-incident.ts";

const { alice, bob, carol } = FIXTURE_USERS;
const at = (n: number) =>
  new Date(Date.UTC(2026, 7, 20, 10, 0, 0, n * 1000)).toISOString();
const trigger = makeIncidentEvent("incident.triggered", { occurred_at: at(1) });

/** PagerDuty's published example of `type`, after a trigger of the incident it names. */
function documented(
  type: string,
): { before: WebhookEvent; event: WebhookEvent } {
  const example = PAGERDUTY_V3_EXAMPLES.find((e) =>
    e.body.event.event_type === type
  );
  if (!example) throw new Error(`no documented example of ${type}`);
  const event = example.body.event as unknown as WebhookEvent;
  const data = event.data as {
    incident?: { id: string };
    incident_role_assignments?: { incident: { id: string } }[];
  };
  const id = data.incident?.id ??
    data.incident_role_assignments?.[0]?.incident.id;
  const before = makeIncidentEvent("incident.triggered", {
    occurred_at: "2020-10-02T18:00:00.000Z",
    incident: { id },
  });
  return { before, event };
}

function fold(events: WebhookEvent[]): IncidentState {
  const state = reduceIncidentEvents(null, events);
  if (!state) throw new Error("no state");
  return state;
}

describe("details from PagerDuty's documented payloads", () => {
  it("incident_conference_bridge: the URL and each dial-in number", () => {
    const { before, event } = documented("incident.conference_bridge.updated");
    expect(fold([before, event]).snapshot.conference_bridge).toEqual({
      url: "https://example.com",
      numbers: [{ label: "", number: "+1-555-555-5555" }],
    });
  });

  it("incident_field_values: every field of custom_fields, by name", () => {
    const { before, event } = documented(
      "incident.custom_field_values.updated",
    );
    expect(fold([before, event]).snapshot.custom_fields).toEqual([
      {
        id: "PICFVXX",
        name: "environment",
        label: "environment",
        value: "production",
      },
    ]);
  });

  it("incident_role_assignment: the role and who holds it", () => {
    const { before, event } = documented("incident.role.assigned");
    expect(fold([before, event]).snapshot.roles).toEqual([{
      role: {
        id: "P8PQO4R",
        summary: "Role Display Name",
        type: "role_reference",
      },
      assignee: {
        id: "P75B6QD",
        summary: "User 1810194",
        type: "user_reference",
      },
    }]);
  });

  it.each(["incident.task.created", "incident.task.updated"])(
    "incident_task (%s): an open task with its assignee",
    (type) => {
      const { before, event } = documented(type);
      expect(fold([before, event]).snapshot.tasks).toEqual([{
        id: "PGR0VU2",
        name: "A thing that needs to be done",
        done: false,
        assignees: [expect.objectContaining({ id: "PIV35G6" })],
      }]);
    },
  );

  it("incident_task (incident.task.completed): done, whatever the status says", () => {
    const { before, event } = documented("incident.task.completed");
    expect(fold([before, event]).snapshot.tasks?.[0]?.done).toBe(true);
  });
});

describe("details over time", () => {
  const bridge = (second: number, url: string) =>
    makeIncidentEvent("incident.conference_bridge.updated", {
      occurred_at: at(second),
      conferenceBridge: { conference_url: url, conference_numbers: [] },
    });
  const withBridge = (
    type: "incident.acknowledged" | "incident.escalated",
    second: number,
    url: string | null,
  ) =>
    makeIncidentEvent(type, {
      occurred_at: at(second),
      incident: {
        conference_bridge: url === null
          ? null
          : { conference_url: url, conference_number: null },
      },
    });

  it("takes the bridge from whichever is newer: the bridge event or the incident data", () => {
    const events = [
      trigger,
      withBridge("incident.acknowledged", 2, null),
      bridge(3, "https://meet.example.com/a"),
      withBridge("incident.escalated", 4, "https://meet.example.com/b"),
    ];
    expect(fold(events).snapshot.conference_bridge?.url).toBe(
      "https://meet.example.com/b",
    );
    // Without the escalation the bridge event is newest; a late older one changes nothing.
    const state = fold(events.slice(0, 3));
    expect(state.snapshot.conference_bridge?.url).toBe(
      "https://meet.example.com/a",
    );
    const late = reduceIncident(
      state,
      bridge(2, "https://meet.example.com/old"),
    );
    expect(late.changed).toBe(false);
  });

  it("keeps bridge and type when newer incident data does not carry them (a REST observation)", () => {
    const typed = makeIncidentEvent("incident.incident_type.changed", {
      occurred_at: at(2),
      incident: { incident_type: { name: "major" } },
    });
    const observed = makeIncidentEvent("incident.acknowledged", {
      occurred_at: at(4),
    });
    delete (observed.data as { conference_bridge?: unknown }).conference_bridge;
    const state = fold([
      trigger,
      typed,
      bridge(3, "https://meet.example.com/a"),
      observed,
    ]);
    expect(state.snapshot).toMatchObject({
      status: "acknowledged",
      incident_type: "major",
      conference_bridge: { url: "https://meet.example.com/a" },
    });
    // Data that does say "no bridge" removes it.
    const cleared = reduceIncident(
      state,
      withBridge("incident.escalated", 5, null),
    );
    expect(cleared.state.snapshot.conference_bridge).toBeNull();
  });

  it("gives the same card for every arrival order of roles, fields, tasks and the bridge", () => {
    const events = [
      trigger,
      makeIncidentEvent("incident.role.assigned", {
        occurred_at: at(2),
        roles: [{ role: FIXTURE_ROLES.commander, assignee: alice }],
      }),
      makeIncidentEvent("incident.role.assigned", {
        occurred_at: at(3),
        roles: [
          { role: FIXTURE_ROLES.commander, assignee: bob },
          { role: FIXTURE_ROLES.scribe, assignee: carol },
        ],
      }),
      makeIncidentEvent("incident.role.assigned", {
        occurred_at: at(4),
        roles: [{ role: FIXTURE_ROLES.scribe, assignee: null }],
      }),
      makeIncidentEvent("incident.custom_field_values.updated", {
        occurred_at: at(2),
        customFields: [makeFieldValue("environment", "staging")],
      }),
      makeIncidentEvent("incident.custom_field_values.updated", {
        occurred_at: at(5),
        customFields: [
          makeFieldValue("environment", "production"),
          makeFieldValue("customer_impact", true),
        ],
      }),
      makeIncidentEvent("incident.task.created", {
        occurred_at: at(2),
        task: { id: "PTASK01", name: "Page the DBA" },
      }),
      makeIncidentEvent("incident.task.created", {
        occurred_at: at(3),
        task: { id: "PTASK02", name: "Post a status update", assignees: [] },
      }),
      makeIncidentEvent("incident.task.completed", {
        occurred_at: at(6),
        task: { id: "PTASK01", name: "Page the DBA" },
      }),
      bridge(4, "https://meet.example.com/war-room"),
    ];
    const expected = {
      roles: [
        { role: FIXTURE_ROLES.commander, assignee: bob },
        { role: FIXTURE_ROLES.scribe, assignee: null },
      ],
      custom_fields: [
        {
          id: "PFENVIRO",
          name: "environment",
          label: "environment",
          value: "production",
        },
        {
          id: "PFCUSTOM",
          name: "customer_impact",
          label: "customer_impact",
          value: "Yes",
        },
      ],
      tasks: [
        { id: "PTASK01", name: "Page the DBA", done: true, assignees: [carol] },
        {
          id: "PTASK02",
          name: "Post a status update",
          done: false,
          assignees: [],
        },
      ],
      conference_bridge: {
        url: "https://meet.example.com/war-room",
        numbers: [],
      },
    };
    const reference = fold(events).snapshot;
    expect(reference).toMatchObject(expected);
    // Reversed, rotated and interleaved orders (the trigger first: details before it wait for it).
    const rest = events.slice(1);
    const orders = [
      [...rest].reverse(),
      [...rest.slice(4), ...rest.slice(0, 4)],
      rest.filter((_, i) => i % 2 === 0).concat(
        rest.filter((_, i) => i % 2 === 1),
      ),
    ];
    for (const order of orders) {
      const state = fold([trigger, ...order, ...order]);
      expect(state.snapshot).toEqual(reference);
    }
  });

  it("keeps at most MAX_TASKS tasks, forgetting the earliest created", () => {
    const tasks = Array.from(
      { length: MAX_TASKS + 5 },
      (_, i) =>
        makeIncidentEvent("incident.task.created", {
          occurred_at: at(2 + i),
          task: { id: `PT${String(i).padStart(4, "0")}`, name: `Task ${i}` },
        }),
    );
    const state = fold([trigger, ...tasks]);
    expect(state.snapshot.tasks).toHaveLength(MAX_TASKS);
    expect(state.snapshot.tasks?.[0]?.name).toBe("Task 5");
  });

  it("waits for the incident's data before a detail applies", () => {
    const early = reduceIncident(
      null,
      makeIncidentEvent("incident.role.assigned", { occurred_at: at(2) }),
    );
    expect(early.ignored).toBe("no_incident_data");
  });

  it("reads a state stored before details existed", () => {
    const old = fold([trigger]);
    const { details: _details, ...stored } = old;
    const snapshot = { ...stored.snapshot };
    delete snapshot.roles;
    delete snapshot.tasks;
    const result = reduceIncident(
      { ...stored, snapshot },
      makeIncidentEvent("incident.role.assigned", { occurred_at: at(2) }),
    );
    expect(result.changed).toBe(true);
    expect(result.state.snapshot.roles).toEqual([{
      role: FIXTURE_ROLES.commander,
      assignee: bob,
    }]);
  });
});
