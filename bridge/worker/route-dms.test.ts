import { describe, expect, it } from "vitest";
import {
  FIXTURE_USERS,
  makeIncidentEvent,
} from "../../shared/incident/fixtures.ts";
import type { IncidentSnapshot } from "../../shared/incident/incident-snapshot.ts";
import { reduceIncidentEvents } from "../../shared/incident/reduce-incident.ts";
import type { WebhookEvent } from "../../shared/pagerduty/webhook-event.ts";
import type { DmRecipient } from "../dms/notification-preference-store.ts";
import { routeDms } from "./route-dms.ts";

const { alice, bob } = FIXTURE_USERS;
const snapshotOf = (...events: WebhookEvent[]): IncidentSnapshot => {
  const state = reduceIncidentEvents(null, events);
  if (!state) throw new Error("no state");
  return state.snapshot;
};
const at = (minute: number) =>
  `2026-08-20T10:${String(minute).padStart(2, "0")}:00.000Z`;
const triggered = (urgency: "high" | "low" = "high") =>
  makeIncidentEvent("incident.triggered", {
    occurred_at: at(0),
    agent: null,
    incident: { assignees: [alice], urgency },
  });
const acknowledged = makeIncidentEvent("incident.acknowledged", {
  occurred_at: at(1),
  agent: alice,
  incident: { assignees: [alice] },
});
const reassigned = makeIncidentEvent("incident.reassigned", {
  occurred_at: at(2),
  agent: alice,
  incident: { status: "triggered", assignees: [bob] },
});
const resolved = makeIncidentEvent("incident.resolved", {
  occurred_at: at(3),
  agent: bob,
  incident: { assignees: [] },
});

const aliceWants = (mode: DmRecipient["mode"]): DmRecipient => ({
  teamId: "T0TEAM1",
  slackUserId: "U0ALICE",
  pagerDutyUserId: alice.id,
  mode,
});
const ALICE_DM = [{ slackUserId: "U0ALICE", teamId: "T0TEAM1" }];

describe("routeDms", () => {
  it.each(
    [
      ["all", "high", ALICE_DM],
      ["all", "low", ALICE_DM],
      ["high_urgency", "high", ALICE_DM],
      ["high_urgency", "low", []],
    ] as const,
  )(
    "a trigger assigned to someone with %s DMs, urgency %s",
    (mode, urgency, expected) => {
      expect(routeDms({
        previous: null,
        snapshot: snapshotOf(triggered(urgency)),
        changed: true,
        recipients: [aliceWants(mode)],
        dmCards: new Set(),
      })).toEqual(expected);
    },
  );

  it("starts no DM for an incident that is already acknowledged or resolved", () => {
    for (
      const events of [[triggered(), acknowledged], [triggered(), resolved]]
    ) {
      const after = snapshotOf(...events);
      expect(routeDms({
        previous: snapshotOf(triggered()),
        snapshot: after,
        changed: true,
        recipients: [aliceWants("all")],
        dmCards: new Set(),
      })).toEqual([]);
    }
  });

  it("edits the DM card while the incident is theirs, once more when reassigned away, then never", () => {
    const base = {
      recipients: [aliceWants("all")],
      dmCards: new Set(["U0ALICE"]),
      changed: true,
    };
    expect(routeDms({
      ...base,
      previous: snapshotOf(triggered()),
      snapshot: snapshotOf(triggered(), acknowledged),
    })).toEqual(ALICE_DM);
    expect(routeDms({
      ...base,
      previous: snapshotOf(triggered(), acknowledged),
      snapshot: snapshotOf(triggered(), acknowledged, reassigned),
    })).toEqual(ALICE_DM);
    expect(routeDms({
      ...base,
      previous: snapshotOf(triggered(), acknowledged, reassigned),
      snapshot: snapshotOf(triggered(), acknowledged, reassigned, resolved),
    })).toEqual([]);
  });

  it("shows the resolve on the DM card of the person who had it (PagerDuty clears the assignees on resolve)", () => {
    expect(routeDms({
      previous: snapshotOf(triggered(), acknowledged),
      snapshot: snapshotOf(triggered(), acknowledged, resolved),
      changed: true,
      recipients: [aliceWants("all")],
      dmCards: new Set(["U0ALICE"]),
    })).toEqual(ALICE_DM);
  });

  it("leaves people with DMs on alone while the incident is not theirs", () => {
    expect(routeDms({
      previous: null,
      snapshot: snapshotOf(triggered()),
      changed: true,
      recipients: [{
        ...aliceWants("all"),
        slackUserId: "U0BOB",
        pagerDutyUserId: bob.id,
      }],
      dmCards: new Set(),
    })).toEqual([]);
  });

  it("does not touch a DM card for an event that changed nothing", () => {
    expect(routeDms({
      previous: snapshotOf(triggered()),
      snapshot: snapshotOf(triggered()),
      changed: false,
      recipients: [aliceWants("all")],
      dmCards: new Set(["U0ALICE"]),
    })).toEqual([]);
  });
});
