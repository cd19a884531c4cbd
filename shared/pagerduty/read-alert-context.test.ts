import { describe, expect, it } from "vitest";
import {
  EVENTS_V1_ALERT,
  EVENTS_V2_ALERT,
  SPEC_EMAIL_ALERT,
} from "../../test/fixtures/pagerduty-alert-examples.ts";
import {
  ALERT_CONTEXT_BOUNDS,
  readAlertContext,
  summariseDetailValue,
} from "./read-alert-context.ts";

describe("readAlertContext over PagerDuty's documented alert shapes", () => {
  it("reads an Events API v2 alert: PD-CEF fields, custom details, links and images", () => {
    expect(readAlertContext(EVENTS_V2_ALERT)).toEqual({
      alert_id: "PXV2ALR",
      summary: "DISK at 99% on machine prod-datapipe03.example.com",
      severity: "critical",
      source: "prod-datapipe03.example.com",
      component: "mysql",
      group: "prod-datapipe",
      class: "disk",
      details: [
        { key: "free space", value: "1%" },
        { key: "ping time", value: "1500ms" },
        { key: "load avg", value: "0.75" },
      ],
      detail_count: 3,
      // body.contexts and cef_details.contexts repeat each other: each link once.
      links: [
        {
          href: "http://pagerduty.example.com",
          text: "An example link.",
          kind: "link",
        },
        {
          href: "https://google.com",
          text: "An example link with an image",
          kind: "image",
        },
      ],
    });
  });

  it("reads an Events API v1 alert: no source or component, an image without a link points at the picture", () => {
    const context = readAlertContext(EVENTS_V1_ALERT);
    expect(context).toMatchObject({
      summary: "FAILURE for production/HTTP on machine srv01.acme.com",
      severity: "error",
      source: null,
      component: null,
      group: null,
      class: null,
      detail_count: 2,
    });
    expect(context?.links.map((l) => [l.kind, l.text])).toEqual([
      ["link", null],
      ["link", "View the runbook"],
      ["image", null],
    ]);
    expect(context?.links[2]?.href).toMatch(/^https:\/\/chart\.googleapis/);
  });

  it("reads the spec's email alert: a context without href is skipped, not an error", () => {
    expect(readAlertContext(SPEC_EMAIL_ALERT)).toMatchObject({
      summary: "The server is on fire.",
      severity: "critical",
      source: null,
      details: [
        { key: "customKey", value: "Server is on fire!" },
        { key: "customKey2", value: "Other stuff!" },
      ],
      links: [],
    });
  });

  it("takes a string body.details (the spec allows one) as a single detail", () => {
    const context = readAlertContext({
      id: "PA1",
      body: { type: "alert_body", details: "Subject: disk\nfull" },
    });
    expect(context?.details).toEqual([
      { key: "details", value: "Subject: disk full" },
    ]);
  });

  it("treats missing and odd fields as absent", () => {
    expect(readAlertContext({ id: "PA2" })).toEqual({
      alert_id: "PA2",
      summary: null,
      severity: null,
      source: null,
      component: null,
      group: null,
      class: null,
      details: [],
      detail_count: 0,
      links: [],
    });
    expect(
      readAlertContext({
        id: "PA3",
        severity: "catastrophic",
        summary: 42,
        body: {
          details: null,
          contexts: "nope",
          cef_details: { severity: "WARNING", source_origin: ["x"] },
        },
      }),
    ).toMatchObject({ severity: "warning", summary: null, source: null });
    expect(readAlertContext(null)).toBeNull();
    expect(readAlertContext({ body: {} })).toBeNull();
  });

  it("keeps only http(s) links", () => {
    const context = readAlertContext({
      id: "PA4",
      body: {
        contexts: [
          { type: "link", href: "javascript:alert(1)", text: "x" },
          { type: "link", href: "slack://open", text: "y" },
          { type: "link", href: "not a url", text: "z" },
          { type: "link", href: "https://ok.example/runbook", text: "ok" },
        ],
      },
    });
    expect(context?.links.map((l) => l.href)).toEqual([
      "https://ok.example/runbook",
    ]);
  });

  it("bounds what it keeps: details, their length, links", () => {
    const many = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`k${i}`, "v".repeat(5000)]),
    );
    const context = readAlertContext({
      id: "PA5",
      body: {
        details: many,
        contexts: Array.from({ length: 50 }, (_, i) => ({
          type: "link",
          href: `https://x.example/${i}`,
        })),
      },
    });
    expect(context?.detail_count).toBe(50);
    expect(context?.details).toHaveLength(ALERT_CONTEXT_BOUNDS.details);
    expect(context?.details[0]?.value).toHaveLength(
      ALERT_CONTEXT_BOUNDS.detailValue,
    );
    expect(context?.details[0]?.value.endsWith("…")).toBe(true);
    expect(context?.links).toHaveLength(ALERT_CONTEXT_BOUNDS.links);
  });
});

describe("summariseDetailValue", () => {
  it.each([
    ["text", "text"],
    [12.5, "12.5"],
    [false, "false"],
    [null, "—"],
    [["a", 1, true], "a, 1, true"],
    [[{ a: 1 }, { b: 2 }], "[2 items]"],
    [{ a: { b: 1 }, c: 2 }, "{2 fields}"],
    ["multi\nline\ttext", "multi line text"],
  ])("%j reads %j", (value, shown) => {
    expect(summariseDetailValue(value)).toBe(shown);
  });
});
