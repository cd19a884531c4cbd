import { describe, expect, it } from "vitest";
import {
  EVENTS_V1_ALERT,
  EVENTS_V2_ALERT,
  SPEC_EMAIL_ALERT,
} from "../../test/fixtures/pagerduty-alert-examples.ts";
import {
  foreignControls,
  HOSTILE_TEXT,
  HOSTILE_URL,
  HOSTILE_URL_ENCODED,
  SCRIPT_URL,
} from "../../test/mrkdwn/hostile-input.ts";
import { listMessageControls } from "../../test/mrkdwn/list-mrkdwn-controls.ts";
import { validateBlocks } from "../../test/simulators/slack/validate-blocks.ts";
import {
  type AlertContext,
  readAlertContext,
} from "../pagerduty/read-alert-context.ts";
import { blockKitViolations } from "./block-kit-limits.ts";
import {
  ALERT_CONTEXT_SHOWN,
  renderAlertContext,
  SEVERITY_DISPLAY,
} from "./render-alert-context.ts";
import { renderCard } from "./render-card.ts";
import { renderCardText } from "./render-card-text.ts";
import { makeIncidentSnapshot } from "../incident/fixtures.ts";

function contextOf(alert: unknown): AlertContext {
  const context = readAlertContext(alert);
  if (!context) throw new Error("not an alert");
  return context;
}

const empty: AlertContext = {
  alert_id: "PA0",
  summary: null,
  severity: null,
  source: null,
  component: null,
  group: null,
  class: null,
  details: [],
  detail_count: 0,
  links: [],
};

describe("renderAlertContext over documented alerts", () => {
  it.each([
    ["Events API v2", EVENTS_V2_ALERT],
    ["Events API v1", EVENTS_V1_ALERT],
    ["email (REST spec example)", SPEC_EMAIL_ALERT],
  ])("%s renders blocks Slack accepts", (_name, alert) => {
    const blocks = renderAlertContext(contextOf(alert), { title: "Title" });
    expect(blocks.length).toBeGreaterThan(0);
    expect(validateBlocks(blocks)).toEqual({ ok: true });
    expect(blockKitViolations(blocks)).toEqual([]);
  });

  it("shows severity, source, component, summary, custom details and links", () => {
    const shown = renderCardText(
      renderAlertContext(contextOf(EVENTS_V2_ALERT), { title: "Disk full" }),
    );
    expect(shown).toContain("Critical");
    expect(shown).toContain("Source: prod-datapipe03.example.com");
    expect(shown).toContain("Component: mysql");
    expect(shown).toContain(
      "“DISK at 99% on machine prod-datapipe03.example.com”",
    );
    expect(shown).toContain("free space: 1%");
    expect(shown).toContain("ping time: 1500ms");
    expect(shown).toContain("load avg: 0.75");
    const links = listMessageControls({
      blocks: renderAlertContext(contextOf(EVENTS_V2_ALERT), { title: "x" }),
    });
    expect(links).toEqual([
      {
        kind: "link",
        url: "http://pagerduty.example.com/",
        label: "An example link.",
      },
      {
        kind: "link",
        url: "https://google.com/",
        label: "An example link with an image",
      },
    ]);
  });

  it("leaves the summary out when it repeats the incident title", () => {
    const context = contextOf(EVENTS_V2_ALERT);
    const shown = renderCardText(
      renderAlertContext(context, {
        title: " disk at 99% on machine  prod-datapipe03.example.com",
      }),
    );
    expect(shown).not.toContain("“");
  });

  it("puts runbook and dashboard links first, an untitled image as Graph", () => {
    const context: AlertContext = {
      ...empty,
      links: [
        { href: "https://g.example/graph.png", text: null, kind: "image" },
        { href: "https://x.example/logs", text: "Logs", kind: "link" },
        {
          href: "https://x.example/d",
          text: "Grafana dashboard",
          kind: "link",
        },
        { href: "https://wiki.example/rb", text: "Runbook", kind: "link" },
      ],
    };
    const labels = listMessageControls({
      blocks: renderAlertContext(context, { title: "t" }),
    }).map((c) => c.kind === "link" ? c.label : c.kind);
    expect(labels).toEqual(["Runbook", "Grafana dashboard", "Graph", "Logs"]);
  });

  it("an Events v1 runbook link comes first, an untitled link reads as its host", () => {
    const labels = listMessageControls({
      blocks: renderAlertContext(contextOf(EVENTS_V1_ALERT), { title: "t" }),
    }).map((c) => c.kind === "link" ? c.label : c.kind);
    expect(labels).toEqual(["View the runbook", "acme.pagerduty.com", "Graph"]);
  });

  it("shows at most five custom details, each cut, and says how many more there are", () => {
    const context: AlertContext = {
      ...empty,
      details: Array.from({ length: 8 }, (_, i) => ({
        key: `key${i}`,
        value: "v".repeat(300),
      })),
      detail_count: 12,
    };
    const blocks = renderAlertContext(context, { title: "t" });
    const shown = renderCardText(blocks);
    expect(shown).toContain("key4:");
    expect(shown).not.toContain("key5:");
    expect(shown).toContain("and 7 more in PagerDuty");
    expect(shown).toContain(
      `${"v".repeat(ALERT_CONTEXT_SHOWN.detailValue - 1)}…`,
    );
    expect(validateBlocks(blocks)).toEqual({ ok: true });
  });

  it("gives each severity its own emoji, red only for critical", () => {
    const emojis = Object.values(SEVERITY_DISPLAY).map((d) => d.emoji);
    expect(new Set(emojis).size).toBe(4);
    expect(SEVERITY_DISPLAY.warning.emoji).not.toMatch(/red|rotating_light/);
    expect(SEVERITY_DISPLAY.info.emoji).not.toMatch(/red|rotating_light/);
    const shown = renderCardText(
      renderAlertContext({ ...empty, severity: "info" }, { title: "t" }),
    );
    expect(shown).toContain("Info");
  });

  it("renders nothing when there is no context or nothing to add", () => {
    expect(renderAlertContext(null, { title: "t" })).toEqual([]);
    expect(renderAlertContext(undefined, { title: "t" })).toEqual([]);
    expect(renderAlertContext(empty, { title: "t" })).toEqual([]);
    expect(
      renderAlertContext({ ...empty, summary: "Same" }, { title: "same" }),
    ).toEqual([]);
  });
});

describe("hostile alert data renders inert", () => {
  const hostile: AlertContext = {
    alert_id: "PEVIL",
    summary: HOSTILE_TEXT,
    severity: "critical",
    source: HOSTILE_TEXT,
    component: "<https://evil.example|x>",
    group: HOSTILE_TEXT,
    class: HOSTILE_TEXT,
    details: [
      { key: "<!here>", value: "<https://evil.example|x>" },
      { key: HOSTILE_TEXT, value: HOSTILE_TEXT },
    ],
    detail_count: 2,
    links: [
      { href: HOSTILE_URL, text: HOSTILE_TEXT, kind: "link" },
      { href: SCRIPT_URL, text: "run me", kind: "link" },
      { href: "https://ok.example/", text: "<!channel>", kind: "image" },
    ],
  };
  const blocks = renderAlertContext(hostile, { title: "t" });

  it("carries no control but the alert's own http(s) links, with | and <> encoded", () => {
    expect(validateBlocks(blocks)).toEqual({ ok: true });
    expect(
      foreignControls({ blocks }, {
        linkPrefixes: ["https://x.pagerduty.com/", "https://ok.example/"],
      }),
    ).toEqual([]);
    const links = listMessageControls({ blocks }).filter((c) =>
      c.kind === "link"
    );
    expect(links.map((l) => l.kind === "link" && l.url)).toEqual([
      HOSTILE_URL_ENCODED,
      "https://ok.example/",
    ]);
    expect(JSON.stringify(blocks)).not.toContain("javascript:");
  });

  it("shows the hostile text as text", () => {
    const shown = renderCardText(blocks);
    expect(shown).toContain("<!here>: <https://evil.example|x>");
    expect(shown).toContain("Component: <https://evil.example|x>");
  });
});

describe("the card with its alert context", () => {
  const snapshot = makeIncidentSnapshot({ title: "Disk full on db" });
  it.each(["responder", "stakeholder"] as const)(
    "a %s card shows it just after the status section and passes Slack's validation",
    (kind) => {
      const card = renderCard(snapshot, {
        kind,
        actionsTriggerUrl: "https://slack.com/shortcuts/Ft0ACTIONS/abc",
        alertContext: contextOf(EVENTS_V2_ALERT),
      });
      expect(card.blocks.map((b) => b.block_id ?? b.type).slice(0, 4))
        .toEqual([
          "header",
          "section",
          "pagerslack_alert_context",
          "pagerslack_alert_links",
        ]);
      expect(validateBlocks(card.blocks)).toEqual({ ok: true });
    },
  );

  it("a card without context is the card as before", () => {
    const without = renderCard(snapshot, {
      kind: "responder",
      actionsTriggerUrl: null,
    });
    const withNull = renderCard(snapshot, {
      kind: "responder",
      actionsTriggerUrl: null,
      alertContext: null,
    });
    expect(withNull).toEqual(without);
    expect(JSON.stringify(without)).not.toContain("pagerslack_alert");
  });
});
