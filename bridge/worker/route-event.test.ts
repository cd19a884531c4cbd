import { describe, expect, it } from "vitest";
import {
  FIXTURE_OTHER_SERVICE,
  FIXTURE_PRIORITIES,
  FIXTURE_TEAM,
  type IncidentEventOverrides,
  makeIncidentEvent,
} from "../../shared/incident/fixtures.ts";
import { reduceIncident } from "../../shared/incident/reduce-incident.ts";
import type { Connection } from "../../shared/bridge-api/bridge-api-schemas.ts";
import { routeEvent } from "./route-event.ts";

const snapshotWith = (
  incident: IncidentEventOverrides["incident"] = {},
) =>
  reduceIncident(null, makeIncidentEvent("incident.triggered", { incident }))
    .state!.snapshot;

const base: Connection = {
  id: "c",
  channel_id: "C1",
  source_type: "service",
  source_id: "PSVC001",
  notification_type: "responder",
  events: [],
  urgency: null,
  priorities: null,
  thread_updates: false,
};

const route = (
  eventType: string,
  connection: Partial<Connection>,
  options: {
    changed?: boolean;
    cards?: string[];
    snapshot?: ReturnType<typeof snapshotWith>;
  } = {},
) =>
  routeEvent({
    eventType,
    snapshot: options.snapshot ?? snapshotWith(),
    changed: options.changed ?? true,
    connections: [{ ...base, ...connection }],
    incidentChannels: [],
    cardChannels: new Set(options.cards ?? []),
  });

describe("routeEvent", () => {
  it.each([
    ["matching service", {}, true],
    ["other service", { source_id: FIXTURE_OTHER_SERVICE.id }, false],
    ["team the incident has", {
      source_type: "team" as const,
      source_id: FIXTURE_TEAM.id,
    }, true],
    ["team it does not have", {
      source_type: "team" as const,
      source_id: "PTEAMXX",
    }, false],
    ["urgency any", { urgency: null }, true],
    ["urgency high (incident high)", { urgency: "high" as const }, true],
    ["urgency low (incident high)", { urgency: "low" as const }, false],
    ["priorities any", { priorities: null }, true],
    ["priorities P1 only (incident has none)", {
      priorities: [FIXTURE_PRIORITIES.P1.id],
    }, false],
    ["priorities no_priority", { priorities: ["no_priority"] }, true],
  ])("incident.triggered with %s → card: %s", (_name, connection, expected) => {
    const routes = route("incident.triggered", connection);
    expect(routes.cards.length).toBe(expected ? 1 : 0);
    expect(routes.updates).toEqual([]);
  });

  it("a priority filter matches the incident's priority id", () => {
    const snapshot = snapshotWith({ priority: FIXTURE_PRIORITIES.P1 });
    expect(
      route("incident.triggered", { priorities: [FIXTURE_PRIORITIES.P1.id] }, {
        snapshot,
      }).cards,
    )
      .toHaveLength(1);
    expect(
      route("incident.triggered", { priorities: [FIXTURE_PRIORITIES.P2.id] }, {
        snapshot,
      }).cards,
    )
      .toHaveLength(0);
  });

  it("other types only where listed in events; listed ones also post an update", () => {
    expect(route("incident.acknowledged", {}, { cards: [] })).toEqual({
      cards: [],
      updates: [],
    });
    expect(
      route("incident.acknowledged", {
        events: ["incident.acknowledged"],
        thread_updates: true,
      }, { cards: ["C1"] }),
    )
      .toEqual({
        cards: [{ channelId: "C1", kind: "responder", threadUpdates: true }],
        updates: [{ channelId: "C1", thread: true }],
      });
  });

  it("state changes edit existing cards even where the event is not listed or filters no longer match", () => {
    const routes = route("incident.resolved", { urgency: "low" }, {
      cards: ["C1"],
    });
    expect(routes.cards.map((c) => c.channelId)).toEqual(["C1"]);
    expect(routes.updates).toEqual([]);
  });

  it("a note edits nothing and goes to the thread when listed", () => {
    const routes = route("incident.annotated", {
      events: ["incident.annotated"],
      thread_updates: true,
    }, {
      changed: false,
      cards: ["C1"],
    });
    expect(routes).toEqual({
      cards: [],
      updates: [{ channelId: "C1", thread: true }],
    });
  });

  it("responder wins over stakeholder in one channel; incident channels get everything", () => {
    const routes = routeEvent({
      eventType: "incident.annotated",
      snapshot: snapshotWith(),
      changed: false,
      connections: [
        {
          ...base,
          id: "a",
          notification_type: "stakeholder",
          events: ["incident.annotated"],
        },
        {
          ...base,
          id: "b",
          notification_type: "responder",
          events: ["incident.annotated"],
        },
      ],
      incidentChannels: ["CINC"],
      cardChannels: new Set(),
    });
    expect(routes.cards).toEqual([
      { channelId: "C1", kind: "responder", threadUpdates: false },
      { channelId: "CINC", kind: "responder", threadUpdates: false },
    ]);
    expect(routes.updates).toEqual([
      { channelId: "C1", thread: false },
      { channelId: "CINC", thread: false },
    ]);
  });
});
