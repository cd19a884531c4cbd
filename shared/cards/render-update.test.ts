import { describe, expect, it } from "vitest";
import {
  INCIDENT_EVENT_TYPES,
  type IncidentEventType,
} from "../pagerduty/event-types.ts";
import {
  FIXTURE_OTHER_ESCALATION_POLICY,
  FIXTURE_PRIORITIES,
  FIXTURE_USERS,
  type IncidentEventOverrides,
  makeIncidentEvent,
} from "../incident/fixtures.ts";
import { reduceIncidentEvents } from "../incident/reduce-incident.ts";
import { blockKitViolations } from "./block-kit-limits.ts";
import { renderCardText } from "./render-card-text.ts";
import { renderUpdate } from "./render-update.ts";

const { alice, bob, carol } = FIXTURE_USERS;
const snapshot = reduceIncidentEvents(null, [
  makeIncidentEvent("incident.triggered"),
])!.snapshot;
const mentions = {
  [alice.id]: "U0ALICE01",
  [bob.id]: "U0BOB0001",
  [carol.id]: "U0CAROL01",
};

function read(event: Parameters<typeof renderUpdate>[0]) {
  const update = renderUpdate(event, snapshot, { mentions });
  if (!update) throw new Error("no update");
  expect(blockKitViolations(update.blocks)).toEqual([]);
  return { ...update, shown: renderCardText(update.blocks) };
}

describe("renderUpdate", () => {
  it.each(
    [
      ["incident.acknowledged", {}, "Acknowledged by Alice Adams"],
      [
        "incident.unacknowledged",
        { agent: null },
        "Unacknowledged (acknowledgement timed out)",
      ],
      ["incident.resolved", {}, "Resolved by Alice Adams"],
      ["incident.reopened", {}, "Reopened by Alice Adams"],
      [
        "incident.escalated",
        { agent: null, incident: { assignees: [bob] } },
        "Escalated to @U0BOB0001",
      ],
      [
        "incident.reassigned",
        { incident: { assignees: [carol, alice] } },
        "Reassigned to @U0CAROL01, Alice Adams by Alice Adams",
      ],
      [
        "incident.delegated",
        {
          incident: {
            escalation_policy: FIXTURE_OTHER_ESCALATION_POLICY,
            assignees: [bob],
          },
        },
        "Delegated to Platform on-call by Alice Adams · now assigned to @U0BOB0001",
      ],
      [
        "incident.priority_updated",
        { incident: { priority: FIXTURE_PRIORITIES.P2 } },
        "Priority set to P2 by Alice Adams",
      ],
      [
        "incident.annotated",
        { note: { content: "Rolled back <deploy> 4711 & watching" } },
        "Note from Alice Adams\nRolled back <deploy> 4711 & watching",
      ],
      [
        "incident.status_update_published",
        { statusUpdate: { message: "Fix deployed." } },
        "Status update from Alice Adams\nFix deployed.",
      ],
      [
        "incident.responder.added",
        {},
        "Alice Adams asked @U0BOB0001 to help\nPlease help with the checkout outage",
      ],
      [
        "incident.responder.replied",
        { agent: bob, responder: { state: "declined" } },
        "Bob Brown :no_entry_sign: declined the request to help",
      ],
    ] satisfies [IncidentEventType, IncidentEventOverrides, string][],
  )("%s reads as people expect", (type, overrides, expected) => {
    const { shown, text } = read(makeIncidentEvent(type, overrides));
    expect(shown).toContain(expected);
    expect(text.startsWith("#1042 ")).toBe(true);
  });

  it("covers every incident event type but triggered (the card announces it)", () => {
    for (const type of INCIDENT_EVENT_TYPES) {
      const update = renderUpdate(makeIncidentEvent(type), snapshot, {});
      expect(update === null).toBe(type === "incident.triggered");
    }
    const unknown = {
      ...makeIncidentEvent("incident.acknowledged"),
      event_type: "incident.action_invocation.created",
    };
    expect(renderUpdate(unknown, snapshot)).toBeNull();
  });

  it("names the incident workflow and who started it", () => {
    const started = renderUpdate(
      makeIncidentEvent("incident.workflow.started"),
      snapshot,
    );
    expect(started?.text).toContain("Major incident");
    expect(started?.text).toContain("started by Alice");
    const completed = renderUpdate(
      makeIncidentEvent("incident.workflow.completed"),
      snapshot,
    );
    expect(completed?.text).toContain("Major incident");
    expect(completed?.text).toContain("completed");
  });

  it("never mentions the agent who acted, even when mapped", () => {
    for (const type of INCIDENT_EVENT_TYPES) {
      const update = renderUpdate(
        makeIncidentEvent(type, {
          agent: alice,
          incident: { assignees: [alice, bob] },
          responder: { user: alice, requester: alice },
        }),
        snapshot,
        { mentions },
      );
      if (!update) continue;
      const json = JSON.stringify(update);
      expect(json, type).not.toContain("<@U0ALICE01>");
    }
  });

  it("links to the card when updates go to the channel", () => {
    const update = renderUpdate(
      makeIncidentEvent("incident.acknowledged"),
      snapshot,
      {
        cardPermalink:
          "https://acme.slack.com/archives/C0INCIDENTS/p1787220000000100",
      },
    );
    expect(update?.blocks.at(-1)).toEqual({
      type: "context",
      elements: [{
        type: "mrkdwn",
        text:
          "<https://acme.slack.com/archives/C0INCIDENTS/p1787220000000100|#1042 Checkout API 5xx rate above 5%>",
      }],
    });
    const inThread = renderUpdate(
      makeIncidentEvent("incident.acknowledged"),
      snapshot,
    );
    expect(inThread?.blocks).toHaveLength(1);
  });

  it("escapes note content, fits a 10,000-character note, and points to PagerDuty when trimmed", () => {
    const { blocks, shown, text } = read(
      makeIncidentEvent("incident.annotated", {
        note: { content: "<!here> & ".repeat(1000), trimmed: true },
      }),
    );
    const body = blocks[1];
    expect(
      body?.type === "section" &&
        body.text?.text.startsWith("&lt;!here&gt; &amp; "),
    )
      .toBe(true);
    expect(JSON.stringify(blocks)).not.toContain("<!here>");
    expect(text).not.toContain("<!here>");
    expect(text.length).toBeLessThanOrEqual(300);
    expect(shown).toContain(
      "This note was shortened by PagerDuty: read it in full",
    );
  });
});
