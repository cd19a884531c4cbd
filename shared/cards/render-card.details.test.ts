// The fields of PagerDuty's newer card on ours: each from PagerDuty's documented payload, each card within
// Block Kit's limits as the Slack simulator checks them, read as a person sees it.
import { describe, expect, it } from "vitest";
import { PAGERDUTY_V3_EXAMPLES } from "../../test/fixtures/pagerduty-v3-examples.ts";
import { validateBlocks } from "../../test/simulators/slack/validate-blocks.ts";
import {
  FIXTURE_ROLES,
  FIXTURE_USERS,
  makeFieldValue,
  makeIncidentEvent,
  makeUserReference,
} from "../incident/fixtures.ts";
import type { IncidentSnapshot } from "../incident/incident-snapshot.ts";
import { reduceIncidentEvents } from "../incident/reduce-incident.ts";
import type { WebhookEvent } from "../pagerduty/webhook-event.ts";
import {
  BLOCK_KIT_LIMITS,
  blockKitViolations,
  blocksTextLength,
} from "./block-kit-limits.ts";
import { renderCard, type RenderedCard } from "./render-card.ts";
import { renderCardText } from "./render-card-text.ts";

const { alice, bob, carol } = FIXTURE_USERS;
const TRIGGER_URL = "https://slack.com/shortcuts/Ft0ACTIONS/0123456789abcdef";

function snapshotOf(...events: WebhookEvent[]): IncidentSnapshot {
  const state = reduceIncidentEvents(null, events);
  if (!state) throw new Error("no state");
  return state.snapshot;
}

/** The card as Slack would take it: both our limits table and the simulator's validator agree. */
function card(
  snapshot: IncidentSnapshot,
  mentions: Record<string, string> = {},
): RenderedCard {
  const rendered = renderCard(snapshot, {
    kind: "responder",
    actionsTriggerUrl: TRIGGER_URL,
    mentions,
  });
  expect(blockKitViolations(rendered.blocks)).toEqual([]);
  expect(validateBlocks(rendered.blocks)).toEqual({ ok: true });
  return rendered;
}

const shown = (snapshot: IncidentSnapshot, mentions?: Record<string, string>) =>
  renderCardText(card(snapshot, mentions).blocks);

/** PagerDuty's published example of `type`, applied to a triggered incident with the id it names. */
function documentedCard(type: string): string {
  const example = PAGERDUTY_V3_EXAMPLES.find((e) =>
    e.body.event.event_type === type
  );
  if (!example) throw new Error(`no documented example of ${type}`);
  const event = example.body.event as unknown as WebhookEvent;
  const data = event.data as {
    type: string;
    id?: string;
    incident?: { id: string };
    incident_role_assignments?: { incident: { id: string } }[];
  };
  const id = data.type === "incident"
    ? data.id
    : data.incident?.id ?? data.incident_role_assignments?.[0]?.incident.id;
  const trigger = makeIncidentEvent("incident.triggered", {
    occurred_at: "2020-10-02T18:00:00.000Z",
    incident: { id },
  });
  return shown(snapshotOf(trigger, event));
}

describe("the newer card's fields, from PagerDuty's documented payloads", () => {
  it("incident.conference_bridge.updated: a join link and the dial-in", () => {
    const text = documentedCard("incident.conference_bridge.updated");
    expect(text).toContain(
      ":telephone_receiver: Conference bridge: Join the call · Dial-in: +1-555-555-5555",
    );
  });

  it("incident data's own conference_bridge (incident.priority_updated)", () => {
    expect(documentedCard("incident.priority_updated")).toContain(
      "Conference bridge: Join the call · Dial-in: +1 1234123412,,987654321#",
    );
  });

  it("incident.incident_type.changed: the incident type", () => {
    expect(documentedCard("incident.incident_type.changed")).toContain(
      "Incident type: major",
    );
  });

  it("incident.service_updated: the new service", () => {
    expect(documentedCard("incident.service_updated")).toContain(
      "Service: API Service",
    );
  });

  it("incident.custom_field_values.updated: each field and its value", () => {
    expect(documentedCard("incident.custom_field_values.updated")).toContain(
      "environment: production",
    );
  });

  it("incident.role.assigned: the role and who holds it", () => {
    expect(documentedCard("incident.role.assigned")).toContain(
      "Role Display Name: User 1810194",
    );
  });

  it("incident.task.created: the task count and the open ones", () => {
    expect(documentedCard("incident.task.created")).toContain(
      ":ballot_box_with_check: Tasks 0 of 1 done · open: A thing that needs to be done (User 661768438)",
    );
  });

  it("incident.task.completed: counted as done, no longer listed as open", () => {
    const text = documentedCard("incident.task.completed");
    expect(text).toContain("Tasks 1 of 1 done");
    expect(text).not.toContain("open:");
  });
});

describe("the card at 3 am", () => {
  const trigger = (urgency: "high" | "low") =>
    makeIncidentEvent("incident.triggered", {
      occurred_at: "2026-08-20T10:00:00.000Z",
      incident: { urgency },
    });

  it("tells low urgency from high without red", () => {
    const high = card(snapshotOf(trigger("high")));
    const low = card(snapshotOf(trigger("low")));
    expect(renderCardText(high.blocks)).toContain(
      ":red_circle: Triggered · Open #1042 in PagerDuty\nUrgency: :rotating_light: High",
    );
    expect(renderCardText(low.blocks)).toContain(
      ":large_blue_circle: Triggered · Open #1042 in PagerDuty\nUrgency: :small_blue_diamond: Low",
    );
    expect(JSON.stringify(low)).not.toContain(":red_circle:");
    expect(low.text).toContain(":large_blue_circle: [Triggered]");
  });

  it("puts the response (bridge, roles, fields, tasks) after the summary and before the buttons", () => {
    const events = [
      trigger("high"),
      makeIncidentEvent("incident.incident_type.changed", {
        occurred_at: "2026-08-20T10:01:00.000Z",
        incident: { incident_type: { name: "Security incident" } },
      }),
      makeIncidentEvent("incident.conference_bridge.updated", {
        occurred_at: "2026-08-20T10:02:00.000Z",
      }),
      makeIncidentEvent("incident.role.assigned", {
        occurred_at: "2026-08-20T10:03:00.000Z",
        roles: [
          { role: FIXTURE_ROLES.commander, assignee: bob },
          { role: FIXTURE_ROLES.scribe, assignee: null },
        ],
      }),
      makeIncidentEvent("incident.custom_field_values.updated", {
        occurred_at: "2026-08-20T10:04:00.000Z",
        customFields: [
          makeFieldValue("environment", "production"),
          makeFieldValue("regions", ["eu-west-1", "us-east-1"]),
          makeFieldValue("ticket", null),
        ],
      }),
      makeIncidentEvent("incident.task.created", {
        occurred_at: "2026-08-20T10:05:00.000Z",
      }),
    ];
    const text = shown(snapshotOf(...events), { [bob.id]: "U0BOB0001" });
    expect(text).toBe([
      "#1042 Checkout API 5xx rate above 5%",
      ":red_circle: Triggered · Open #1042 in PagerDuty",
      "Urgency: :rotating_light: High",
      "Priority: —",
      "Assigned to: Alice Adams",
      "Service: Checkout API",
      "Escalation policy: Checkout on-call",
      "Triggered: 2026-08-20 09:59 UTC",
      "Incident type: Security incident",
      ":telephone_receiver: Conference bridge: Join the call · Dial-in: +1-555-555-0100,,4711# (US)",
      // Unassigned roles and empty fields are left out; role holders are mentioned like assignees.
      "Incident Commander: @U0BOB0001",
      "environment: production",
      "regions: eu-west-1, us-east-1",
      ":ballot_box_with_check: Tasks 0 of 1 done · open: Page the database team (Carol Chen)",
      "Updated 2026-08-20 10:01 UTC",
      "[Acknowledge] [Resolve] [More actions…]",
    ].join("\n"));
  });

  it("names no type for PagerDuty's base type", () => {
    const base = makeIncidentEvent("incident.triggered", {
      incident: { incident_type: { name: "incident_default" } },
    });
    expect(shown(snapshotOf(base))).not.toContain("Incident type");
  });

  // The REST spec's getIncident example: `alert_counts: {all: 2, triggered: 1, resolved: 1}`.
  const DOCUMENTED_ALERT_COUNTS = { all: 2, triggered: 1, resolved: 1 };

  it("counts the alerts an incident groups when there are several", () => {
    const grouped = {
      ...snapshotOf(trigger("high")),
      alert_counts: DOCUMENTED_ALERT_COUNTS,
    };
    expect(shown(grouped)).toContain("Alerts: 2 alerts (1 triggered)");
    // One alert is every incident's case; none is an incident opened by hand.
    for (const all of [0, 1]) {
      const one = {
        ...grouped,
        alert_counts: { all, triggered: all, resolved: 0 },
      };
      expect(shown(one)).not.toContain("Alerts:");
    }
    expect(shown(snapshotOf(trigger("high")))).not.toContain("Alerts:");
    // The resolved card stays compact.
    const resolved = {
      ...snapshotOf(
        trigger("high"),
        makeIncidentEvent("incident.resolved", {
          occurred_at: "2026-08-20T11:00:00.000Z",
        }),
      ),
      alert_counts: { all: 5, triggered: 0, resolved: 5 },
    };
    expect(shown(resolved)).not.toContain("alerts");
  });

  it("shrinks a resolved incident to who resolved it, when, and how long it lasted", () => {
    const snapshot = snapshotOf(
      trigger("high"),
      makeIncidentEvent("incident.conference_bridge.updated", {
        occurred_at: "2026-08-20T10:02:00.000Z",
      }),
      makeIncidentEvent("incident.resolved", {
        occurred_at: "2026-08-20T11:12:30.000Z",
        agent: carol,
        incident: { assignees: [], priority: null },
      }),
    );
    const resolved = card(snapshot, { [carol.id]: "U0CAROL01" });
    expect(renderCardText(resolved.blocks)).toBe([
      "#1042 Checkout API 5xx rate above 5%",
      ":large_green_circle: Resolved by Carol Chen 2026-08-20 11:12 UTC · lasted 1 h 12 min · Open #1042 in PagerDuty",
      "Checkout API · High urgency",
    ].join("\n"));
    // When, in each reader's own time zone.
    expect(JSON.stringify(resolved.blocks)).toContain(
      "<!date^1787224350^{date_short_pretty} at {time}|2026-08-20 11:12 UTC>",
    );
    expect(resolved.blocks.some((b) => b.type === "actions")).toBe(false);
    expect(JSON.stringify(resolved)).not.toContain("<@U0CAROL01>");
  });

  it("fits Block Kit with a hundred custom fields, fifty tasks, many roles and long numbers", () => {
    const long = "Ü&<".repeat(1000);
    const events = [
      trigger("high"),
      makeIncidentEvent("incident.conference_bridge.updated", {
        occurred_at: "2026-08-20T10:01:00.000Z",
        conferenceBridge: {
          conference_url: `https://meet.example.com/${"x".repeat(5000)}`,
          conference_numbers: Array.from(
            { length: 20 },
            (_, i) => ({ label: long, number: `${i}${long}` }),
          ),
        },
      }),
      makeIncidentEvent("incident.custom_field_values.updated", {
        occurred_at: "2026-08-20T10:02:00.000Z",
        customFields: Array.from(
          { length: 100 },
          (_, i) => makeFieldValue(`${long}${i}`, long, { id: `PF${i}` }),
        ),
      }),
      makeIncidentEvent("incident.role.assigned", {
        occurred_at: "2026-08-20T10:03:00.000Z",
        roles: Array.from({ length: 30 }, (_, i) => ({
          role: { id: `PROLE${i}`, summary: long, type: "role_reference" },
          assignee: makeUserReference(`PUSER${i}`, long),
        })),
      }),
      ...Array.from(
        { length: 60 },
        (_, i) =>
          makeIncidentEvent("incident.task.created", {
            occurred_at: `2026-08-20T10:04:${String(i).padStart(2, "0")}.000Z`,
            task: {
              id: `PTASK${i}`,
              name: long,
              assignees: [alice, bob, carol],
            },
          }),
      ),
    ];
    const snapshot = snapshotOf(...events);
    const text = shown(snapshot);
    // The URL is too long to link safely: no link, and the card still renders.
    expect(text).toContain("Conference bridge:");
    expect(text).toMatch(/More: \d+ more in PagerDuty/);
    expect(text).toMatch(/Tasks 0 of 50 done · open: .* and \d+ more/);
    const rendered = card(snapshot);
    expect(rendered.blocks.length).toBeLessThanOrEqual(
      BLOCK_KIT_LIMITS.blocksPerMessage,
    );
    // Under the summed-text length past which Slack refuses a message (msg_blocks_too_long), with margin.
    expect(blocksTextLength(rendered.blocks)).toBeLessThanOrEqual(
      BLOCK_KIT_LIMITS.blocksTextSafe,
    );
  });

  it("stays under Slack's summed-text limit when every field is at its longest", () => {
    const long = "Ü&<".repeat(1000);
    const events: WebhookEvent[] = [
      makeIncidentEvent("incident.custom_field_values.updated", {
        occurred_at: "2026-08-20T10:02:00.000Z",
        customFields: Array.from(
          { length: 100 },
          (_, i) => makeFieldValue(`${long}${i}`, long, { id: `PF${i}` }),
        ),
      }),
      makeIncidentEvent("incident.role.assigned", {
        occurred_at: "2026-08-20T10:03:00.000Z",
        roles: Array.from({ length: 30 }, (_, i) => ({
          role: { id: `PROLE${i}`, summary: long, type: "role_reference" },
          assignee: makeUserReference(`PUSER${i}`, long),
        })),
      }),
      ...Array.from(
        { length: 60 },
        (_, i) =>
          makeIncidentEvent("incident.task.created", {
            occurred_at: `2026-08-20T10:04:${String(i).padStart(2, "0")}.000Z`,
            task: { id: `PTASK${i}`, name: long, assignees: [alice, bob] },
          }),
      ),
    ];
    const people = Array.from(
      { length: 50 },
      (_, i) => makeUserReference(`PLONG${i}`, `${long} ${i}`),
    );
    const hostileLink = `https://x.example/${"&".repeat(900)}`;
    // Every field of the incident at its longest too: title, assignees, service, policy, priority, links.
    const huge = {
      title: "&".repeat(5_000),
      html_url: hostileLink,
      assignees: people,
      service: {
        id: "PSVC9",
        type: "service_reference",
        summary: long,
        html_url: hostileLink,
      },
      escalation_policy: {
        id: "PPOL9",
        type: "escalation_policy_reference",
        summary: long,
        html_url: hostileLink,
      },
      priority: { id: "PPRI9", type: "priority_reference", summary: long },
      incident_type: { name: long },
      conference_bridge: {
        conference_number: long,
        conference_url: `https://meet.example.com/${"x".repeat(900)}`,
      },
    };
    events.unshift(makeIncidentEvent("incident.triggered", {
      occurred_at: "2026-08-20T10:00:00.000Z",
      agent: makeUserReference("PAGENT1", long),
      incident: { ...huge, title: "y".repeat(5_000) },
    }));
    events.push(
      ...people.slice(0, 20).map((p, i) =>
        makeIncidentEvent("incident.acknowledged", {
          occurred_at: `2026-08-20T10:07:${String(i).padStart(2, "0")}.000Z`,
          agent: p,
          incident: huge,
        })
      ),
    );
    const snapshot = {
      ...snapshotOf(...events),
      escalation: { level: 1, levels: 2, next: people },
      alert_counts: { all: 100_000, triggered: 99_999, resolved: 1 },
    };
    const rendered = card(snapshot);
    expect(blocksTextLength(rendered.blocks)).toBeLessThanOrEqual(
      BLOCK_KIT_LIMITS.blocksTextSafe,
    );
    // The bridge comes first among the details; what does not fit is counted, not cut mid-way.
    const text = renderCardText(rendered.blocks);
    expect(text).toContain("Conference bridge: Join the call · Dial-in:");
    expect(text).toMatch(/More: \d+ more in PagerDuty/);
    expect(text).toContain("[Resolve] [More actions…]");
  });
});
