// Webhook data of shapes nobody foresaw: the reducer still produces a snapshot of the declared types, which
// stores as JSON and renders (card and update messages) without throwing, so one odd event cannot make the
// bridge fail on it at every pass.
import { describe, expect, it } from "vitest";
import { renderCard } from "../cards/render-card.ts";
import { renderCardText } from "../cards/render-card-text.ts";
import { renderUpdate } from "../cards/render-update.ts";
import {
  INCIDENT_EVENT_TYPES,
  INCIDENT_STATE_EVENT_TYPES,
} from "../pagerduty/event-types.ts";
import type { WebhookEvent } from "../pagerduty/webhook-event.ts";
import { FIXTURE_SERVICE, makeIncidentEvent } from "./fixtures.ts";
import {
  type IncidentSnapshot,
  MISSING_REFERENCE,
  MISSING_TITLE,
} from "./incident-snapshot.ts";
import { type IncidentState, reduceIncident } from "./reduce-incident.ts";

/** A nested array `depth` deep (JSON.stringify of a 10,000-deep one overflows the stack). */
function deepArray(depth: number): unknown {
  let value: unknown[] = [];
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

/** The event with its data fields replaced, whatever their declared types. */
const withData = (
  event: WebhookEvent,
  fields: Record<string, unknown>,
): WebhookEvent =>
  ({ ...event, data: { ...event.data, ...fields } }) as WebhookEvent;

const isReference = (value: unknown) =>
  typeof value === "object" && value !== null &&
  typeof (value as { id?: unknown }).id === "string";

/** What every consumer of a snapshot relies on. */
function expectWellTyped(snapshot: IncidentSnapshot) {
  expect(typeof snapshot.id).toBe("string");
  expect(Number.isSafeInteger(snapshot.number)).toBe(true);
  expect(typeof snapshot.title).toBe("string");
  expect(["triggered", "acknowledged", "resolved"]).toContain(snapshot.status);
  expect(["high", "low"]).toContain(snapshot.urgency);
  expect(snapshot.priority === null || isReference(snapshot.priority)).toBe(
    true,
  );
  expect(isReference(snapshot.service)).toBe(true);
  expect(isReference(snapshot.escalation_policy)).toBe(true);
  expect(snapshot.teams.every(isReference)).toBe(true);
  expect(snapshot.assignees.every(isReference)).toBe(true);
  expect(typeof snapshot.html_url).toBe("string");
  expect(typeof snapshot.created_at).toBe("string");
  for (const actor of snapshot.acknowledged_by) {
    expect(actor.agent === null || isReference(actor.agent)).toBe(true);
  }
}

const render = (snapshot: IncidentSnapshot) =>
  renderCardText(
    renderCard(snapshot, {
      kind: "responder",
      actionsTriggerUrl: "https://slack.com/shortcuts/Ft0/abc",
    }).blocks,
  );

describe("reduceIncident with odd webhook data", () => {
  const trigger = makeIncidentEvent("incident.triggered");

  it.each<[string, Record<string, unknown>, Partial<IncidentSnapshot>]>([
    ["service null", { service: null }, {
      service: MISSING_REFERENCE.service,
    }],
    ["service a string", { service: "PSVC001" }, {
      service: MISSING_REFERENCE.service,
    }],
    ["a title 10,000 arrays deep", { title: deepArray(10_000) }, {
      title: MISSING_TITLE,
    }],
    ["a title that is a number", { title: 42 }, { title: "42" }],
    ["no title", { title: undefined }, { title: MISSING_TITLE }],
    ["assignees a string", { assignees: "PALICE1" }, { assignees: [] }],
    ["assignees with junk", {
      assignees: [null, "PBOB002", 7, { id: 3 }, FIXTURE_SERVICE],
    }, { assignees: [FIXTURE_SERVICE] }],
    ["number a string of digits", { number: "42" }, { number: 42 }],
    ["number a placeholder", { number: "${INCIDENT_NUMBER}" }, { number: 0 }],
    ["priority a number", { priority: 1 }, { priority: null }],
    ["escalation_policy an array", { escalation_policy: [] }, {
      escalation_policy: MISSING_REFERENCE.escalation_policy,
    }],
    ["teams an object", { teams: { id: "PTEAM01" } }, { teams: [] }],
    ["urgency unknown", { urgency: "urgent" }, { urgency: "high" }],
    ["status unknown", { status: "on fire" }, { status: "triggered" }],
    ["html_url a number", { html_url: 7 }, { html_url: "" }],
    ["created_at a number", { created_at: 0 }, { created_at: "" }],
    ["created_at a placeholder", { created_at: "DATE" }, { created_at: "" }],
    ["incident_key an object", { incident_key: {} }, { incident_key: null }],
  ])("%s gives a well-typed snapshot that stores and renders", (
    _name,
    fields,
    expected,
  ) => {
    const { state } = reduceIncident(null, withData(trigger, fields));
    expect(state).not.toBeNull();
    const snapshot = (state as IncidentState).snapshot;
    expect(snapshot).toMatchObject(expected);
    expectWellTyped(snapshot);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(render(snapshot)).toContain(snapshot.title.slice(0, 20));
  });

  it("an agent that is not a reference acknowledges as automation", () => {
    const first = reduceIncident(null, trigger).state!;
    const ack = {
      ...makeIncidentEvent("incident.acknowledged", {
        occurred_at: "2026-08-20T10:01:00.000Z",
      }),
      agent: "PALICE1",
    } as unknown as WebhookEvent;
    const { state } = reduceIncident(first, ack);
    expect(state.snapshot.acknowledged_by).toEqual([{
      agent: null,
      at: "2026-08-20T10:01:00.000Z",
    }]);
    expect(render(state.snapshot)).toContain("Acknowledged by PagerDuty");
  });

  it("a status from the event type where the data has none; none for a priority change", () => {
    const first = reduceIncident(null, trigger).state!;
    const ack = withData(
      makeIncidentEvent("incident.acknowledged", {
        occurred_at: "2026-08-20T10:01:00.000Z",
      }),
      { status: null },
    );
    expect(reduceIncident(first, ack).state.snapshot.status).toBe(
      "acknowledged",
    );
    const priority = withData(
      makeIncidentEvent("incident.priority_updated", {
        occurred_at: "2026-08-20T10:02:00.000Z",
      }),
      { status: 3 },
    );
    expect(reduceIncident(first, priority)).toMatchObject({
      state: first,
      ignored: "unexpected_data",
    });
  });

  it("an occurred_at that is not a string is no time", () => {
    const event = { ...trigger, occurred_at: 1_700_000_000 } as unknown;
    expect(reduceIncident(null, event as WebhookEvent).ignored).toBe(
      "invalid_occurred_at",
    );
  });

  it("the first trigger's title and service are read the same way", () => {
    const { state } = reduceIncident(
      null,
      withData(trigger, { title: { text: "x" }, service: 5 }),
    );
    expect(state?.snapshot.first_trigger).toMatchObject({
      title: MISSING_TITLE,
      service: MISSING_REFERENCE.service,
    });
  });
});

describe("renderUpdate with odd webhook data", () => {
  const snapshot = reduceIncident(
    null,
    withData(makeIncidentEvent("incident.triggered"), { html_url: null }),
  ).state!.snapshot;
  const odd: Record<string, unknown> = {
    content: 42,
    message: ["not", "text"],
    user: "PBOB002",
    requester: 7,
    escalation_policy: "PPOL001",
    priority: "P1",
    assignees: "PALICE1",
    resolve_reason: { type: "merge_resolve_reason", incident: "PINC999" },
    incident_workflow: [],
    trimmed: true,
  };

  it.each(INCIDENT_EVENT_TYPES)("%s renders, without the odd parts", (type) => {
    const event = {
      ...withData(makeIncidentEvent(type), odd),
      agent: "PALICE1",
    } as unknown as WebhookEvent;
    const message = renderUpdate(event, snapshot, { cardPermalink: null });
    if (message === null) return;
    const text = renderCardText(message.blocks as never);
    expect(text).not.toMatch(/undefined|\[object Object\]/);
  });

  it("a state event's odd data still says who did it", () => {
    for (const type of INCIDENT_STATE_EVENT_TYPES) {
      const event = {
        ...withData(makeIncidentEvent(type), odd),
        agent: {
          id: "PALICE1",
          summary: "Alice Adams",
          type: "user_reference",
        },
      } as WebhookEvent;
      const message = renderUpdate(event, snapshot, {});
      if (message === null) continue;
      expect(message.text, type).not.toContain("undefined");
    }
  });
});
