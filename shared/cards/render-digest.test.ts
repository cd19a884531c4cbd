import { describe, expect, it } from "vitest";
import {
  FIXTURE_OTHER_SERVICE,
  FIXTURE_USERS,
  makeIncidentSnapshot,
} from "../incident/fixtures.ts";
import type { IncidentSnapshot } from "../incident/incident-snapshot.ts";
import {
  BLOCK_KIT_LIMITS,
  blockKitViolations,
  blocksTextLength,
} from "./block-kit-limits.ts";
import { ACK_ALL_ACTION, DIGEST_ACK_ALL_MAX_IDS } from "./card-actions.ts";
import {
  DIGEST_MAX_PAGES,
  DIGEST_METADATA_EVENT_TYPE,
  DIGEST_PAGE_TEXT,
  type DigestLine,
  digestLine,
  renderDigest,
} from "./render-digest.ts";

const TRIGGER_URL = "https://slack.com/shortcuts/Ft0ACTIONS/0123456789abcdef";
const AS_OF = new Date("2026-08-20T10:30:00Z");
const options = {
  digestId: 7,
  kind: "responder" as const,
  actionsTriggerUrl: TRIGGER_URL,
  asOf: AS_OF,
  closed: false,
};

function incident(
  n: number,
  overrides: Partial<IncidentSnapshot> = {},
): DigestLine {
  return {
    snapshot: makeIncidentSnapshot({
      id: `PINC${String(n).padStart(4, "0")}`,
      number: n,
      title: `Disk full on db-${n}`,
      html_url: `https://acme.pagerduty.com/incidents/PINC${n}`,
      ...overrides,
    }),
    cardPermalink: null,
  };
}
const many = (count: number, overrides: Partial<IncidentSnapshot> = {}) =>
  Array.from({ length: count }, (_, i) => incident(i + 1, overrides));
const text = (blocks: unknown) => JSON.stringify(blocks);

describe("renderDigest", () => {
  it("lists every incident by service with status, number, linked title and who acknowledged", () => {
    const acked = incident(2, {
      status: "acknowledged",
      acknowledged_by: [{
        agent: FIXTURE_USERS.bob,
        at: "2026-08-20T10:05:00Z",
      }],
    });
    const other = incident(3, { service: FIXTURE_OTHER_SERVICE });
    const [digest, ...more] = renderDigest(
      [incident(1), acked, other],
      options,
    );
    expect(more).toHaveLength(0);
    expect(blockKitViolations(digest!.blocks)).toEqual([]);
    const sections = digest!.blocks.filter((b) => b.type === "section");
    expect(sections).toHaveLength(2);
    expect(text(sections[0])).toContain(
      ":red_circle: *Triggered* · <https://acme.pagerduty.com/incidents/PINC1|#1 Disk full on db-1>",
    );
    expect(text(sections[0])).toContain("acknowledged by Bob");
    expect(text(sections[1])).toContain("#3 Disk full on db-3");
    expect(digest!.metadata).toEqual({
      event_type: DIGEST_METADATA_EVENT_TYPE,
      event_payload: {
        digest_id: 7,
        page: 0,
        incidents: expect.arrayContaining([
          ["PINC0002", "acknowledged", acked.snapshot.updated_at],
        ]),
      },
    });
    expect(text(digest!.blocks)).toContain(`<!date^${AS_OF.getTime() / 1000}^`);
  });

  it("has one Acknowledge-all button for the triggered incidents in display order, none in stakeholder channels", () => {
    const lines = [
      incident(4, { service: FIXTURE_OTHER_SERVICE }),
      incident(1),
      incident(2, { status: "acknowledged" }),
      incident(3, { status: "resolved" }),
      incident(5),
    ];
    const [digest] = renderDigest(lines, options);
    const actions = digest!.blocks.filter((b) => b.type === "actions");
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      elements: [{
        type: "workflow_button",
        text: { text: "Acknowledge all triggered (3)" },
        workflow: {
          trigger: {
            url: TRIGGER_URL,
            customizable_input_parameters: [
              { name: "incident_id", value: "PINC0001,PINC0005,PINC0004" },
              { name: "action", value: ACK_ALL_ACTION },
            ],
          },
        },
      }],
    });
    const [stakeholder] = renderDigest(lines, {
      ...options,
      kind: "stakeholder",
    });
    expect(text(stakeholder!.blocks)).not.toContain("workflow_button");
    const [allResolved] = renderDigest(
      many(3, { status: "resolved" }),
      options,
    );
    expect(text(allResolved!.blocks)).not.toContain("workflow_button");
  });

  it("caps the button's ids, says so, and moves on to the rest once the first are acknowledged", () => {
    const total = DIGEST_ACK_ALL_MAX_IDS + 20;
    const [digest] = renderDigest(many(total), options);
    const button = text(digest!.blocks.find((b) => b.type === "actions"));
    expect(button).toContain(
      `Acknowledge first ${DIGEST_ACK_ALL_MAX_IDS} of ${total} triggered`,
    );
    // After one click the first 100 are acknowledged: the button now reaches the 20 still triggered.
    const after = many(total).map((l, i) =>
      i < DIGEST_ACK_ALL_MAX_IDS
        ? { ...l, snapshot: { ...l.snapshot, status: "acknowledged" as const } }
        : l
    );
    const [next] = renderDigest(after, options);
    const actions = next!.blocks.find((b) => b.type === "actions");
    expect(text(actions)).toContain("Acknowledge all triggered (20)");
    expect(text(actions)).toContain(
      many(total).slice(DIGEST_ACK_ALL_MAX_IDS).map((l) => l.snapshot.id)
        .join(","),
    );
  });

  it("marks a triggered line red only for high urgency, as the card does", () => {
    expect(digestLine(incident(1, { urgency: "high" }))).toMatch(
      /^:red_circle: \*Triggered\*/,
    );
    expect(digestLine(incident(2, { urgency: "low" }))).toMatch(
      /^:large_blue_circle: \*Triggered\*/,
    );
  });

  it("escapes titles and names, and links only safe URLs", () => {
    const line = digestLine(incident(1, {
      title: "<!channel> *bold* <https://evil|x> & co",
      html_url: "javascript:alert(1)",
      status: "acknowledged",
      acknowledged_by: [{
        agent: { ...FIXTURE_USERS.bob, summary: "<@U123> Bob" },
        at: "2026-08-20T10:05:00Z",
      }],
    }));
    expect(line).not.toContain("<!channel>");
    expect(line).not.toContain("<https://evil");
    expect(line).not.toContain("javascript:");
    expect(line).not.toContain("<@U123>");
    expect(line).toContain("&lt;!channel&gt;");
  });

  it("links an incident's own card", () => {
    const line = digestLine({
      ...incident(1),
      cardPermalink: "https://acme.slack.com/archives/C1/p123",
    });
    expect(line).toContain(
      "<https://acme.slack.com/archives/C1/p123|its card>",
    );
  });

  it("says to whom PagerDuty escalated a triggered incident by itself, within the line's bound", () => {
    const assignees = Array.from({ length: 6 }, (_, i) => ({
      ...FIXTURE_USERS.bob,
      id: `PUSER${i}`,
      summary: `Someone With A Long Name Number ${i} <!here>`,
    }));
    const line = digestLine({
      ...incident(1, { title: "x".repeat(300), assignees }),
      autoEscalated: true,
      cardPermalink: "https://acme.slack.com/archives/C1/p123",
    });
    expect(line).toContain("escalated to Someone With A Long Name");
    expect(line).not.toContain("<!here>");
    expect(line.length).toBeLessThanOrEqual(200);
    // Acknowledged since: the line says who acknowledged, not the escalation.
    const acked = digestLine({
      ...incident(1, {
        status: "acknowledged",
        assignees,
        acknowledged_by: [{ agent: FIXTURE_USERS.bob, at: "" }],
      }),
      autoEscalated: true,
    });
    expect(acked).not.toContain("escalated to");
    expect(acked).toContain("acknowledged by Bob");
  });

  it("keeps every page under Slack's summed block-text limit when each incident has its own service and a long title", () => {
    // The usual shape of a network or cloud outage: one incident per service, long alert titles, long names.
    const lines = Array.from({ length: 120 }, (_, i) =>
      incident(i + 1, {
        title:
          `[FIRING:1] HighErrorRate api-gateway-${i} 5xx ratio above 5% for 10m in eu-west-1 (prod) cluster k8s`,
        service: {
          ...FIXTURE_OTHER_SERVICE,
          id: `PSVC${i}`,
          summary:
            `Checkout platform - payments gateway - region eu-west-1 - ${i}`,
          html_url: `https://acme.pagerduty.com/service-directory/PSVC${i}`,
        },
        acknowledged_by: i % 2
          ? [{ agent: FIXTURE_USERS.bob, at: "2026-08-20T10:05:00Z" }]
          : [],
        status: i % 2 ? "acknowledged" : "triggered",
      }));
    const pages = renderDigest(lines, { ...options, maxPages: 10 });
    const ids = pages.flatMap((p) => p.metadata.event_payload.incidents);
    expect(ids).toHaveLength(120);
    for (const page of pages) {
      expect(blockKitViolations(page.blocks)).toEqual([]);
      expect(blocksTextLength(page.blocks)).toBeLessThanOrEqual(
        BLOCK_KIT_LIMITS.blocksTextSafe,
      );
    }
  });

  it("pages a long digest into several messages, each within Slack's limits, and shows every incident once", () => {
    const lines = many(200);
    const pages = renderDigest(lines, options);
    expect(pages.length).toBeGreaterThan(1);
    const ids = pages.flatMap((p) => p.metadata.event_payload.incidents)
      .map(([id]) => id);
    expect(new Set(ids).size).toBe(200);
    expect(ids).toHaveLength(200);
    for (const [index, page] of pages.entries()) {
      expect(blockKitViolations(page.blocks)).toEqual([]);
      expect(page.blocks.length).toBeLessThanOrEqual(
        BLOCK_KIT_LIMITS.blocksPerMessage,
      );
      const sectionChars = page.blocks.filter((b) => b.type === "section")
        .reduce((n, b) => n + text(b).length, 0);
      expect(sectionChars).toBeLessThan(DIGEST_PAGE_TEXT + 3000);
      expect(page.metadata.event_payload.page).toBe(index);
      // Every incident a page's metadata names is on one of its lines.
      for (const [id] of page.metadata.event_payload.incidents) {
        expect(text(page.blocks)).toContain(
          `/incidents/PINC${Number(id.slice(4))}|`,
        );
      }
    }
    // One button, on the first page.
    expect(text(pages[0]!.blocks)).toContain("workflow_button");
    expect(
      pages.slice(1).some((p) => text(p.blocks).includes("workflow_button")),
    )
      .toBe(false);
    expect(text(pages[1]!.blocks)).toContain("continued");
  });

  it("summarises what does not fit the last page", () => {
    const lines = many(600, { title: "x".repeat(400) });
    const pages = renderDigest(lines, options);
    expect(pages).toHaveLength(DIGEST_MAX_PAGES);
    const shown = pages.flatMap((p) => p.metadata.event_payload.incidents)
      .length;
    expect(shown).toBeLessThan(600);
    const last = text(pages.at(-1)!.blocks);
    expect(last).toContain(`…and ${600 - shown} more`);
    expect(last).toContain(
      "<https://acme.pagerduty.com/incidents|see them in PagerDuty>",
    );
    for (const page of pages) {
      expect(blockKitViolations(page.blocks)).toEqual([]);
    }
  });

  it("keeps pages already posted when the lines shrink", () => {
    const pages = renderDigest(many(3), { ...options, minPages: 2 });
    expect(pages).toHaveLength(2);
    expect(text(pages[1]!.blocks)).toContain("Nothing more");
    expect(pages[1]!.metadata.event_payload.incidents).toEqual([]);
  });

  it("says when the storm is over", () => {
    const [digest] = renderDigest(many(2), { ...options, closed: true });
    expect(text(digest!.blocks)).toContain("The storm is over");
  });
});
