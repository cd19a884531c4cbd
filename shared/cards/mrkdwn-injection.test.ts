// Hostile PagerDuty data through every shared renderer: what Slack would parse must hold no link, mention or
// special command but pagerslack's own.
import { describe, expect, it } from "vitest";
import {
  foreignControls,
  HOSTILE_TEXT,
  HOSTILE_URL,
  HOSTILE_URL_ENCODED,
  SCRIPT_URL,
} from "../../test/mrkdwn/hostile-input.ts";
import { listMessageControls } from "../../test/mrkdwn/list-mrkdwn-controls.ts";
import {
  type IncidentEventOverrides,
  makeFieldValue,
  makeIncidentEvent,
} from "../incident/fixtures.ts";
import { reduceIncidentEvents } from "../incident/reduce-incident.ts";
import {
  INCIDENT_EVENT_TYPES,
  type IncidentEventType,
} from "../pagerduty/event-types.ts";
import type { Reference } from "../pagerduty/webhook-event.ts";
import { blockKitViolations } from "./block-kit-limits.ts";
import { renderCard } from "./render-card.ts";
import { renderCardText } from "./render-card-text.ts";
import { renderUpdate } from "./render-update.ts";

const hostile = (id: string, type: string, url = HOSTILE_URL): Reference => ({
  id,
  type,
  summary: `${type} ${HOSTILE_TEXT}`,
  html_url: url,
});
const mapped = hostile("PMAPPED", "user_reference");
const unmapped = hostile("PUNMAPD", "user_reference", SCRIPT_URL);
const mentions = { [mapped.id]: "U0MAPPED1" };
const incident = {
  title: HOSTILE_TEXT,
  html_url: HOSTILE_URL,
  service: hostile("PSVC666", "service_reference"),
  escalation_policy: hostile("PPOL666", "escalation_policy_reference"),
  priority: hostile("PPRI666", "priority_reference", SCRIPT_URL),
  assignees: [mapped, unmapped],
  teams: [hostile("PTEAM66", "team_reference")],
};
const hostileEvent: IncidentEventOverrides = {
  agent: unmapped,
  incident: {
    ...incident,
    resolve_reason: {
      type: "merge_resolve_reason",
      incident: hostile("PINC666", "incident_reference"),
    },
  },
  note: { content: HOSTILE_TEXT, trimmed: true },
  statusUpdate: { message: HOSTILE_TEXT, trimmed: true },
  responder: {
    user: mapped,
    requester: unmapped,
    escalation_policy: hostile("PPOL667", "escalation_policy_reference"),
    message: HOSTILE_TEXT,
  },
  // Bridge, custom fields, role and task names are typed by people: each carries the hostile text.
  conferenceBridge: {
    conference_url: HOSTILE_URL,
    conference_numbers: [{ label: HOSTILE_TEXT, number: HOSTILE_TEXT }],
  },
  customFields: [
    makeFieldValue(HOSTILE_TEXT, HOSTILE_TEXT),
    makeFieldValue("links", [HOSTILE_TEXT, HOSTILE_URL]),
  ],
  roles: [
    { role: hostile("PROLE66", "role_reference"), assignee: mapped },
    { role: hostile("PROLE67", "role_reference"), assignee: unmapped },
  ],
  task: { name: HOSTILE_TEXT, assignees: [mapped, unmapped] },
};
const own = {
  users: ["U0MAPPED1"],
  linkPrefixes: [
    "https://x.pagerduty.com/",
    "https://pagerslack.slack.com/archives/",
  ],
};

// Triggered with one title and service, acknowledged and retitled: every field of the card is hostile.
const snapshot = reduceIncidentEvents(null, [
  makeIncidentEvent("incident.triggered", {
    ...hostileEvent,
    occurred_at: "2026-08-20T10:00:00.000Z",
    incident: { ...incident, title: `first ${HOSTILE_TEXT}` },
  }),
  makeIncidentEvent("incident.acknowledged", {
    ...hostileEvent,
    occurred_at: "2026-08-20T10:05:00.000Z",
    incident: { ...incident, service: hostile("PSVC667", "service_reference") },
  }),
  ...([
    "incident.conference_bridge.updated",
    "incident.custom_field_values.updated",
    "incident.role.assigned",
    "incident.task.created",
  ] as const).map((type) =>
    makeIncidentEvent(type, {
      ...hostileEvent,
      occurred_at: "2026-08-20T10:06:00.000Z",
    })
  ),
])!.snapshot;

describe("hostile PagerDuty data in the card", () => {
  const card = renderCard(snapshot, {
    kind: "responder",
    actionsTriggerUrl: "https://slack.com/shortcuts/Ft0ACTIONS/abc",
    mentions,
  });

  it("parses to our mention and PagerDuty links only, with | and <> in URLs encoded", () => {
    expect(blockKitViolations(card.blocks)).toEqual([]);
    expect(foreignControls(card, own)).toEqual([]);
    const controls = listMessageControls(card);
    expect(controls).toContainEqual({ kind: "user", id: "U0MAPPED1" });
    expect(controls).toContainEqual({
      kind: "link",
      url: HOSTILE_URL_ENCODED,
      label: `Open #${snapshot.number} in PagerDuty`,
    });
    expect(JSON.stringify(card)).not.toContain("javascript:");
  });

  it("never links a conference bridge that is no web page", () => {
    const scripted = renderCard({
      ...snapshot,
      conference_bridge: { url: SCRIPT_URL, numbers: [] },
    }, { kind: "responder", actionsTriggerUrl: null, mentions });
    expect(foreignControls(scripted, own)).toEqual([]);
    expect(JSON.stringify(scripted)).not.toContain("javascript:alert(1)//<");
    expect(renderCardText(scripted.blocks)).toContain(
      "Conference bridge: javascript:alert(1)//<!channel>",
    );
  });

  it("shows the hostile text as text", () => {
    const shown = renderCardText(card.blocks);
    // Bridge, roles, custom fields and tasks too.
    expect(shown).toContain(
      `Conference bridge: Join the call · Dial-in: ${
        HOSTILE_TEXT.slice(0, 40)
      }`,
    );
    expect(shown).toContain(`role_reference ${HOSTILE_TEXT.slice(0, 50)}`);
    expect(shown).toContain(`: ${HOSTILE_TEXT}\n`);
    expect(shown).toContain(`links: ${HOSTILE_TEXT}, ${HOSTILE_URL}`);
    expect(shown).toContain(
      `Tasks 0 of 1 done · open: ${HOSTILE_TEXT.slice(0, 60)}`,
    );
    expect(shown).toContain(HOSTILE_TEXT);
    expect(shown).toContain(`first ${HOSTILE_TEXT}`);
    // Names are cut to fit their field (MAX_NAME).
    expect(shown).toContain(
      "Priority: priority_reference Disk full <!here> <!channel> <!everyone>",
    );
  });

  it("keeps the notification text free of controls too", () => {
    expect(listMessageControls({ text: card.text })).toEqual([]);
  });
});

describe("hostile PagerDuty data in updates", () => {
  it.each(INCIDENT_EVENT_TYPES.filter((t) => t !== "incident.triggered"))(
    "%s parses to our controls only",
    (type: IncidentEventType) => {
      const event = makeIncidentEvent(type, hostileEvent);
      for (
        const cardPermalink of [
          null,
          "https://pagerslack.slack.com/archives/C1/p1|<!channel>",
        ]
      ) {
        const update = renderUpdate(event, snapshot, {
          mentions,
          cardPermalink,
        });
        if (!update) throw new Error(`no update for ${type}`);
        expect(blockKitViolations(update.blocks)).toEqual([]);
        expect(foreignControls(update, own)).toEqual([]);
      }
    },
  );

  it("keeps the responder's mention and the note's text", () => {
    const added = renderUpdate(
      makeIncidentEvent("incident.responder.added", hostileEvent),
      snapshot,
      { mentions },
    )!;
    expect(listMessageControls(added)).toContainEqual({
      kind: "user",
      id: "U0MAPPED1",
    });
    const note = renderUpdate(
      makeIncidentEvent("incident.annotated", hostileEvent),
      snapshot,
      { mentions },
    )!;
    expect(renderCardText(note.blocks)).toContain(HOSTILE_TEXT);
    expect(listMessageControls(note)).toContainEqual({
      kind: "link",
      url: HOSTILE_URL_ENCODED,
      label: "read it in full",
    });
  });
});
