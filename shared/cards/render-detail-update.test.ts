// Thread lines of the newer card's events, from PagerDuty's documented payloads and the fixtures.
import { describe, expect, it } from "vitest";
import { PAGERDUTY_V3_EXAMPLES } from "../../test/fixtures/pagerduty-v3-examples.ts";
import { validateBlocks } from "../../test/simulators/slack/validate-blocks.ts";
import {
  FIXTURE_OTHER_SERVICE,
  FIXTURE_ROLES,
  FIXTURE_USERS,
  makeFieldValue,
  makeIncidentEvent,
  makeIncidentSnapshot,
} from "../incident/fixtures.ts";
import type { WebhookEvent } from "../pagerduty/webhook-event.ts";
import { renderCardText } from "./render-card-text.ts";
import { renderUpdate } from "./render-update.ts";

const { alice, bob } = FIXTURE_USERS;
const snapshot = makeIncidentSnapshot();

function line(event: WebhookEvent, mentions = {}): string {
  const update = renderUpdate(event, snapshot, { mentions });
  if (!update) throw new Error(`no update for ${event.event_type}`);
  expect(validateBlocks(update.blocks)).toEqual({ ok: true });
  return renderCardText(update.blocks);
}

const documented = (type: string) =>
  PAGERDUTY_V3_EXAMPLES.find((e) => e.body.event.event_type === type)!.body
    .event as unknown as WebhookEvent;

describe("thread lines from PagerDuty's documented payloads", () => {
  it.each([
    [
      "incident.conference_bridge.updated",
      ":telephone_receiver: Conference bridge set by Tenex Engineer: Join the call · Dial-in: +1-555-555-5555",
    ],
    [
      "incident.custom_field_values.updated",
      ":pencil2: Custom fields updated by Tenex Engineer: environment: production",
    ],
    [
      "incident.role.assigned",
      ":bust_in_silhouette: Role Display Name assigned to User 1810194 by Tenex Engineer",
    ],
    [
      "incident.task.created",
      ":ballot_box_with_check: Task added by Tenex Engineer: A thing that needs to be done (User 661768438)",
    ],
    [
      "incident.task.completed",
      ":white_check_mark: Task completed by Tenex Engineer: A thing that needs to be done (User 661768438)",
    ],
    [
      "incident.incident_type.changed",
      ":card_index: Incident type set to major by Tenex Engineer",
    ],
    [
      "incident.service_updated",
      ":twisted_rightwards_arrows: Moved to API Service by Tenex Engineer",
    ],
  ])("%s", (type, expected) => {
    expect(line(documented(type))).toBe(expected);
  });
});

describe("thread lines", () => {
  it("mentions a new role holder, never the agent who assigned", () => {
    const event = makeIncidentEvent("incident.role.assigned", {
      agent: alice,
      roles: [
        { role: FIXTURE_ROLES.commander, assignee: bob },
        { role: FIXTURE_ROLES.scribe, assignee: alice },
      ],
    });
    expect(line(event, { [bob.id]: "U0BOB0001", [alice.id]: "U0ALICE01" }))
      .toBe(
        ":bust_in_silhouette: Incident Commander assigned to @U0BOB0001; Scribe assigned to Alice Adams by Alice Adams",
      );
  });

  it("says when a role is given up", () => {
    const event = makeIncidentEvent("incident.role.assigned", {
      roles: [{ role: FIXTURE_ROLES.scribe, assignee: null }],
    });
    expect(line(event)).toBe(
      ":bust_in_silhouette: Scribe unassigned by Alice Adams",
    );
  });

  it("lists only the changed custom fields, with their values now", () => {
    const event = makeIncidentEvent("incident.custom_field_values.updated", {
      customFields: [
        makeFieldValue("environment", "production"),
        makeFieldValue("regions", ["eu-west-1"]),
      ],
    });
    (event.data as { changed_custom_fields: unknown[] })
      .changed_custom_fields = [makeFieldValue("regions", ["us-east-1"])];
    expect(line(event)).toBe(
      ":pencil2: Custom fields updated by Alice Adams: regions: eu-west-1",
    );
  });

  it("says when the bridge is removed", () => {
    const event = makeIncidentEvent("incident.conference_bridge.updated", {
      conferenceBridge: { conference_url: null, conference_numbers: [] },
    });
    expect(line(event)).toBe(
      ":telephone_receiver: Conference bridge removed by Alice Adams",
    );
  });

  it("reopens and unacknowledges in blue for low urgency, red for high", () => {
    for (
      const type of ["incident.reopened", "incident.unacknowledged"] as const
    ) {
      expect(line(makeIncidentEvent(type, { incident: { urgency: "low" } })))
        .toMatch(/^:large_blue_circle: /);
      expect(line(makeIncidentEvent(type, { incident: { urgency: "high" } })))
        .toMatch(/^:red_circle: /);
    }
  });

  it("moves to another service by name and link", () => {
    const event = makeIncidentEvent("incident.service_updated", {
      incident: { service: FIXTURE_OTHER_SERVICE },
    });
    expect(line(event)).toBe(
      ":twisted_rightwards_arrows: Moved to Payments by Alice Adams",
    );
  });
});
