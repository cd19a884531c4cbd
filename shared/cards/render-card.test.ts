import { describe, expect, it } from "vitest";
import {
  FIXTURE_OTHER_SERVICE,
  FIXTURE_PRIORITIES,
  FIXTURE_USERS,
  makeIncidentEvent,
  makeUserReference,
} from "../incident/fixtures.ts";
import type { IncidentSnapshot } from "../incident/incident-snapshot.ts";
import { reduceIncidentEvents } from "../incident/reduce-incident.ts";
import type { WebhookEvent } from "../pagerduty/webhook-event.ts";
import type { ActionsBlock, Block } from "./block-kit.ts";
import { BLOCK_KIT_LIMITS, blockKitViolations } from "./block-kit-limits.ts";
import { CARD_ACTIONS } from "./card-actions.ts";
import { CARD_METADATA_EVENT_TYPE, renderCard } from "./render-card.ts";
import { renderCardText } from "./render-card-text.ts";

const { alice, bob, carol } = FIXTURE_USERS;
const TRIGGER_URL = "https://slack.com/shortcuts/Ft0ACTIONS/0123456789abcdef";

function snapshotOf(...events: WebhookEvent[]): IncidentSnapshot {
  const state = reduceIncidentEvents(null, events);
  if (!state) throw new Error("no state");
  return state.snapshot;
}

const triggered = makeIncidentEvent("incident.triggered", {
  occurred_at: "2026-08-20T10:00:00.000Z",
  agent: null,
  incident: { priority: FIXTURE_PRIORITIES.P1 },
});
const acknowledged = makeIncidentEvent("incident.acknowledged", {
  occurred_at: "2026-08-20T10:05:00.000Z",
  agent: bob,
  incident: { priority: FIXTURE_PRIORITIES.P1, assignees: [bob] },
});
const resolved = makeIncidentEvent("incident.resolved", {
  occurred_at: "2026-08-20T10:20:00.000Z",
  agent: carol,
  incident: { priority: FIXTURE_PRIORITIES.P1, assignees: [] },
});

function buttons(blocks: Block[]): string[] {
  const actions = blocks.find((b): b is ActionsBlock => b.type === "actions");
  return actions?.elements.map((e) => e.text.text) ?? [];
}

describe("renderCard", () => {
  it("shows what a responder needs at a glance", () => {
    const card = renderCard(snapshotOf(triggered), {
      kind: "responder",
      actionsTriggerUrl: TRIGGER_URL,
      mentions: { [alice.id]: "U0ALICE01" },
    });
    const text = renderCardText(card.blocks);
    expect(text).toContain("#1042 Checkout API 5xx rate above 5%");
    // Status first, then urgency, priority, who has it and where, in that order.
    expect(text).toContain(
      [
        ":red_circle: Triggered · Open #1042 in PagerDuty",
        "Urgency: :rotating_light: High",
        "Priority: P1",
        "Assigned to: @U0ALICE01",
        "Service: Checkout API",
        "Escalation policy: Checkout on-call",
      ].join("\n"),
    );
    // When it was triggered, as Slack renders it for each reader (never an age that freezes at the last edit).
    expect(JSON.stringify(card.blocks)).toContain(
      "<!date^1787219998^{date_short_pretty} at {time}|2026-08-20 09:59 UTC>",
    );
    expect(text).not.toContain("just now");
    expect(text).toContain("[Acknowledge] [Resolve] [More actions…]");
    // Title and links point at PagerDuty.
    expect(JSON.stringify(card.blocks)).toContain(
      "<https://acme.pagerduty.com/incidents/PINC001|Open #1042 in PagerDuty>",
    );
    expect(card.text).toBe(
      ":red_circle: [Triggered] #1042 Checkout API 5xx rate above 5% (Checkout API)",
    );
    expect(card.metadata).toEqual({
      event_type: CARD_METADATA_EVENT_TYPE,
      event_payload: {
        incident_id: "PINC001",
        incident_number: 1042,
        status: "triggered",
        updated_at: "2026-08-20T10:00:00.000Z",
      },
    });
    expect(blockKitViolations(card.blocks)).toEqual([]);
  });

  it("binds each button to the actions trigger with the incident id and its action", () => {
    const card = renderCard(snapshotOf(triggered), {
      kind: "responder",
      actionsTriggerUrl: TRIGGER_URL,
    });
    const actions = card.blocks.find((b) => b.type === "actions");
    expect(actions).toMatchObject({
      type: "actions",
      elements: [
        {
          type: "workflow_button",
          text: { type: "plain_text", text: "Acknowledge" },
          style: "primary",
          workflow: {
            trigger: {
              url: TRIGGER_URL,
              customizable_input_parameters: [
                { name: "incident_id", value: "PINC001" },
                { name: "action", value: CARD_ACTIONS.acknowledge.value },
              ],
            },
          },
        },
        {
          text: { text: "Resolve" },
          workflow: {
            trigger: {
              customizable_input_parameters: [
                { name: "incident_id", value: "PINC001" },
                { name: "action", value: "resolve" },
              ],
            },
          },
        },
        {
          text: { text: "More actions…" },
          workflow: {
            trigger: {
              customizable_input_parameters: [
                { name: "incident_id", value: "PINC001" },
                { name: "action", value: "more" },
              ],
            },
          },
        },
      ],
    });
    expect(actions && "elements" in actions && actions.elements[2])
      .not.toHaveProperty("style");
  });

  it.each(
    [
      ["responder", "triggered", TRIGGER_URL, [
        "Acknowledge",
        "Resolve",
        "More actions…",
      ]],
      ["responder", "acknowledged", TRIGGER_URL, ["Resolve", "More actions…"]],
      ["responder", "resolved", TRIGGER_URL, []],
      ["responder", "triggered", null, []],
      ["stakeholder", "triggered", TRIGGER_URL, []],
      ["stakeholder", "acknowledged", TRIGGER_URL, []],
      ["stakeholder", "resolved", TRIGGER_URL, []],
    ] as const,
  )(
    "%s card of a %s incident (trigger url %s) has buttons %j",
    (kind, status, url, expected) => {
      const events: WebhookEvent[] = {
        triggered: [triggered],
        acknowledged: [triggered, acknowledged],
        resolved: [triggered, acknowledged, resolved],
      }[status];
      const snapshot = snapshotOf(...events);
      expect(snapshot.status).toBe(status);
      const card = renderCard(snapshot, {
        kind,
        actionsTriggerUrl: url,
      });
      expect(buttons(card.blocks)).toEqual(expected);
      expect(card.blocks.some((b) => b.type === "actions")).toBe(
        expected.length > 0,
      );
    },
  );

  it("says who acknowledged and who resolved, by name, without pinging them", () => {
    const mentions = { [bob.id]: "U0BOB0001", [carol.id]: "U0CAROL01" };
    const acked = renderCard(snapshotOf(triggered, acknowledged), {
      kind: "responder",
      actionsTriggerUrl: TRIGGER_URL,
      mentions,
    });
    expect(renderCardText(acked.blocks)).toContain(
      "Acknowledged by Bob Brown at 2026-08-20 10:05 UTC",
    );
    expect(JSON.stringify(acked.blocks)).toContain(
      "<!date^1787220300^{time}|2026-08-20 10:05 UTC>",
    );
    const card = renderCard(
      snapshotOf(triggered, acknowledged, resolved),
      { kind: "responder", actionsTriggerUrl: TRIGGER_URL, mentions },
    );
    const text = renderCardText(card.blocks);
    expect(text).toContain(
      ":large_green_circle: Resolved by Carol Chen 2026-08-20 10:20 UTC · lasted 20 min",
    );
    expect(JSON.stringify(card.blocks)).not.toMatch(/<@U0(BOB|CAROL)/);
  });

  it("keeps the first trigger's title and service visible after they change", () => {
    const moved = makeIncidentEvent("incident.resolved", {
      occurred_at: "2026-08-20T10:20:00.000Z",
      incident: { title: "Payments degraded", service: FIXTURE_OTHER_SERVICE },
    });
    const text = renderCardText(
      renderCard(snapshotOf(triggered, moved), {
        kind: "stakeholder",
        actionsTriggerUrl: null,
      }).blocks,
    );
    expect(text).toContain("#1042 Payments degraded");
    expect(text).toContain(
      "First triggered as “Checkout API 5xx rate above 5%” on Checkout API",
    );
  });

  it("escapes &, < and > from PagerDuty text in mrkdwn", () => {
    const evil = makeIncidentEvent("incident.triggered", {
      incident: {
        title: "<!channel> 5xx > 5% & <https://evil.example|click>",
        service: { ...FIXTURE_OTHER_SERVICE, summary: "A&B <svc>" },
        assignees: [makeUserReference("PEVIL01", "<@U999> Mallory")],
      },
    });
    const card = renderCard(snapshotOf(evil), {
      kind: "responder",
      actionsTriggerUrl: TRIGGER_URL,
    });
    const mrkdwnTexts = card.blocks.flatMap((b) =>
      b.type === "section"
        ? [b.text?.text ?? "", ...(b.fields ?? []).map((f) => f.text)]
        : b.type === "context"
        ? b.elements.map((e) => e.text)
        : []
    ).join("\n");
    expect(mrkdwnTexts).not.toContain("<!channel>");
    expect(mrkdwnTexts).not.toContain("<@U999>");
    expect(mrkdwnTexts).toContain("A&amp;B &lt;svc&gt;");
    expect(mrkdwnTexts).toContain("&lt;@U999&gt; Mallory");
    expect(card.text).toContain(
      "&lt;!channel&gt; 5xx &gt; 5% &amp; &lt;https://evil.example|click&gt;",
    );
    // The header is plain_text: shown literally, no escaping needed.
    expect(card.blocks[0]).toMatchObject({
      type: "header",
      text: {
        type: "plain_text",
        text: "#1042 <!channel> 5xx > 5% & <https://evil.example|click>",
      },
    });
  });

  it("fits every Block Kit limit with a 10,000-character title and 50 long-named assignees", () => {
    const longName = "Ü&<".repeat(400);
    const assignees = Array.from(
      { length: 50 },
      (_, i) => makeUserReference(`PUSER${i}`, `${longName} ${i}`),
    );
    const huge = makeIncidentEvent("incident.triggered", {
      agent: makeUserReference("PAGENT1", longName),
      incident: {
        title: "&".repeat(5_000) + "x".repeat(5_000),
        assignees,
        service: { ...FIXTURE_OTHER_SERVICE, summary: longName },
        priority: { ...FIXTURE_PRIORITIES.P1, summary: longName },
      },
    });
    const ack = makeIncidentEvent("incident.acknowledged", {
      occurred_at: "2026-08-20T10:01:00.000Z",
      agent: makeUserReference("PACK001", longName),
      incident: {
        title: "y".repeat(10_000),
        assignees,
        service: { ...FIXTURE_OTHER_SERVICE, summary: longName },
      },
    });
    for (
      const mentions of [undefined, {
        ...Object.fromEntries(
          assignees.slice(0, 25).map((a, i) => [a.id, `U${1000000 + i}`]),
        ),
      }]
    ) {
      for (const kind of ["responder", "stakeholder"] as const) {
        const card = renderCard(snapshotOf(huge, ack), {
          kind,
          actionsTriggerUrl: TRIGGER_URL,
          mentions,
        });
        expect(blockKitViolations(card.blocks)).toEqual([]);
        expect(card.blocks.length).toBeLessThanOrEqual(
          BLOCK_KIT_LIMITS.blocksPerMessage,
        );
        const header = card.blocks[0];
        expect(header?.type === "header" && header.text.text.endsWith("…"))
          .toBe(true);
        expect(card.text.length).toBeLessThanOrEqual(300);
        const json = JSON.stringify(card.blocks);
        // Whole mentions only, and the overflow is counted.
        expect(json).not.toMatch(/<@U\d*…/);
        expect(renderCardText(card.blocks)).toMatch(/and \d+ more/);
      }
    }
  });
});
