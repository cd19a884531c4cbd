import { describe, expect, it } from "vitest";
import { FIXTURE_USERS, makeIncidentEvent } from "../incident/fixtures.ts";
import type { IncidentSnapshot } from "../incident/incident-snapshot.ts";
import { reduceIncidentEvents } from "../incident/reduce-incident.ts";
import type { WebhookEvent } from "../pagerduty/webhook-event.ts";
import { blockKitViolations } from "./block-kit-limits.ts";
import { renderCardText } from "./render-card-text.ts";
import { renderDmCard } from "./render-dm-card.ts";

const { alice, bob } = FIXTURE_USERS;
const TRIGGER_URL = "https://slack.com/shortcuts/Ft0ACTIONS/0123456789abcdef";
const PERMALINK = "https://sim.slack.com/archives/C0INC/p1700000000000100";

function snapshotOf(...events: WebhookEvent[]): IncidentSnapshot {
  const state = reduceIncidentEvents(null, events);
  if (!state) throw new Error("no state");
  return state.snapshot;
}

const triggered = makeIncidentEvent("incident.triggered", {
  occurred_at: "2026-08-20T10:00:00.000Z",
  agent: null,
  incident: { assignees: [alice] },
});
const reassigned = makeIncidentEvent("incident.reassigned", {
  occurred_at: "2026-08-20T10:03:00.000Z",
  agent: alice,
  incident: { assignees: [bob] },
});
const resolved = makeIncidentEvent("incident.resolved", {
  occurred_at: "2026-08-20T10:20:00.000Z",
  agent: alice,
  incident: { status: "resolved", assignees: [] },
});

const buttonsOf = (blocks: readonly { type: string }[]) =>
  blocks.filter((b) => b.type === "actions").length;

describe("renderDmCard", () => {
  it("is the responder card with its buttons and a link to the channel card while the incident is theirs", () => {
    const card = renderDmCard(snapshotOf(triggered), {
      recipientPagerDutyUserId: alice.id,
      actionsTriggerUrl: TRIGGER_URL,
      channelCardPermalink: PERMALINK,
      mentions: { [alice.id]: "U0ALICE" },
    });
    expect(buttonsOf(card.blocks)).toBe(1);
    const text = renderCardText(card.blocks);
    expect(text).toContain("See it in the channel");
    expect(JSON.stringify(card.blocks)).toContain(PERMALINK);
    expect(text).not.toContain("Reassigned");
    // Buttons stay the last row.
    expect(card.blocks.at(-1)?.type).toBe("actions");
    expect(card.metadata.event_payload.incident_id).toBe(triggered.data.id);
    expect(blockKitViolations(card.blocks)).toEqual([]);
  });

  it("says who has it now and loses its buttons once reassigned away", () => {
    const card = renderDmCard(snapshotOf(triggered, reassigned), {
      recipientPagerDutyUserId: alice.id,
      actionsTriggerUrl: TRIGGER_URL,
      channelCardPermalink: null,
      mentions: { [bob.id]: "U0BOB" },
    });
    expect(buttonsOf(card.blocks)).toBe(0);
    expect(renderCardText(card.blocks)).toContain("Reassigned to @U0BOB");
    expect(card.text).toMatch(/^Reassigned: /);
  });

  it("shows a resolved incident as resolved, not as reassigned (PagerDuty clears the assignees on resolve)", () => {
    const card = renderDmCard(snapshotOf(triggered, resolved), {
      recipientPagerDutyUserId: alice.id,
      actionsTriggerUrl: TRIGGER_URL,
      channelCardPermalink: PERMALINK,
    });
    const text = renderCardText(card.blocks);
    expect(text).toContain("Resolved");
    expect(text).not.toContain("Reassigned");
    expect(buttonsOf(card.blocks)).toBe(0);
  });
});
