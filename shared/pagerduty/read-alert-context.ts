// What the monitoring tool said about an incident: read from the first alert of `GET /incidents/{id}/alerts`, in
// a small plain-JSON shape the bridge stores once per incident and the card renders (render-alert-context.ts).
//
// Where each field lives in the REST alert resource (PagerDuty REST spec `Alert`, trimmed copy in test/specs;
// alerts as PagerDuty answers them carry the PD-CEF normalisation in `body.cef_details`, see
// https://support.pagerduty.com/docs/pd-cef):
//   summary    alert.summary, else cef_details.summary / .description
//   severity   alert.severity (critical|error|warning|info), else cef_details.severity
//   source     cef_details.source_origin            (Events API v2 payload.source)
//   component  cef_details.source_component          (payload.component)
//   group      cef_details.service_group             (payload.group)
//   class      cef_details.event_class               (payload.class)
//   details    body.details, else cef_details.details (payload.custom_details; v1 `details`; email: the parsed
//              message or a string: the spec says "An arbitrary JSON object or string")
//   links      body.contexts, else cef_details.contexts: `{type:"link", href, text}` (payload `links[]`) and
//              `{type:"image", src, href?, alt?}` (payload `images[]`)
// Events API v1 and email alerts lack most of PD-CEF: absent fields are null, never an error. Everything is read
// defensively (an alert is foreign data) and bounded here, so a huge custom detail never reaches the database.

import { truncate } from "../cards/truncate.ts";

export type AlertSeverity = "critical" | "error" | "warning" | "info";

export const ALERT_SEVERITIES: readonly AlertSeverity[] = [
  "critical",
  "error",
  "warning",
  "info",
];

export interface AlertLink {
  href: string;
  /** The link's text (an image's `alt`); null when the monitoring tool gave none. */
  text: string | null;
  kind: "link" | "image";
}

/** One custom detail, its value already a single line of text (nested values summarised). */
export interface AlertDetail {
  key: string;
  value: string;
}

export interface AlertContext {
  alert_id: string;
  summary: string | null;
  severity: AlertSeverity | null;
  source: string | null;
  component: string | null;
  group: string | null;
  class: string | null;
  /** The first custom details in the alert's order (at most MAX_STORED_DETAILS). */
  details: AlertDetail[];
  /** How many custom details the alert had in all. */
  detail_count: number;
  /** http(s) links only, in the alert's order, duplicates dropped (at most MAX_STORED_LINKS). */
  links: AlertLink[];
}

/** Bounds on what is kept (the card shows fewer; these keep a hostile alert's row small). */
export const ALERT_CONTEXT_BOUNDS = {
  text: 1000,
  detailKey: 100,
  detailValue: 300,
  details: 20,
  links: 20,
  url: 2000,
} as const;

const B = ALERT_CONTEXT_BOUNDS;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function text(v: unknown, max: number = B.text): string | null {
  if (typeof v !== "string") return null;
  const trimmed = v.trim();
  if (!trimmed) return null;
  return truncate(trimmed, max);
}

function firstText(...values: unknown[]): string | null {
  for (const v of values) {
    const t = text(v);
    if (t !== null) return t;
  }
  return null;
}

function severityOf(...values: unknown[]): AlertSeverity | null {
  for (const v of values) {
    const lower = typeof v === "string" ? v.toLowerCase() : null;
    const found = ALERT_SEVERITIES.find((s) => s === lower);
    if (found) return found;
  }
  return null;
}

/** A custom detail's value as one line: scalars as they are, objects and arrays summarised. */
export function summariseDetailValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") {
    return text(value.replace(/\s+/g, " "), B.detailValue) ?? "—";
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  if (Array.isArray(value)) {
    const scalars = value.every((v) =>
      ["string", "number", "boolean"].includes(typeof v)
    );
    if (scalars && value.length > 0) {
      return text(value.join(", ").replace(/\s+/g, " "), B.detailValue) ??
        "—";
    }
    return `[${value.length} item${value.length === 1 ? "" : "s"}]`;
  }
  if (isObject(value)) {
    const n = Object.keys(value).length;
    return `{${n} field${n === 1 ? "" : "s"}}`;
  }
  return "—";
}

function detailsOf(raw: unknown): { details: AlertDetail[]; count: number } {
  if (typeof raw === "string") {
    const value = summariseDetailValue(raw);
    return value === "—"
      ? { details: [], count: 0 }
      : { details: [{ key: "details", value }], count: 1 };
  }
  if (!isObject(raw)) return { details: [], count: 0 };
  const entries = Object.entries(raw);
  return {
    count: entries.length,
    details: entries.slice(0, B.details).map(([key, value]) => ({
      key: text(key, B.detailKey) ?? "(no name)",
      value: summariseDetailValue(value),
    })),
  };
}

function isHttpUrl(href: string): boolean {
  try {
    const { protocol } = new URL(href);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

function linksOf(...lists: unknown[]): AlertLink[] {
  const out: AlertLink[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (!isObject(item) || out.length >= B.links) continue;
      const image = item.type === "image";
      // An image links to its `href` when it has one, else to the picture itself.
      const href = text(image ? item.href ?? item.src : item.href, B.url);
      if (href === null || !isHttpUrl(href) || seen.has(href)) continue;
      seen.add(href);
      out.push({
        href,
        text: text(image ? item.alt ?? item.text : item.text, B.text),
        kind: image ? "image" : "link",
      });
    }
  }
  return out;
}

/** The context of one alert resource (REST `Alert`); null when `alert` is not an alert at all. */
export function readAlertContext(alert: unknown): AlertContext | null {
  if (!isObject(alert) || typeof alert.id !== "string") return null;
  const body = isObject(alert.body) ? alert.body : {};
  const cef = isObject(body.cef_details) ? body.cef_details : {};
  const { details, count } = detailsOf(
    body.details !== undefined && body.details !== null
      ? body.details
      : cef.details,
  );
  // body.contexts and cef_details.contexts usually repeat each other; duplicates are dropped by href.
  return {
    alert_id: alert.id,
    summary: firstText(alert.summary, cef.summary, cef.description),
    severity: severityOf(alert.severity, cef.severity),
    source: firstText(cef.source_origin),
    component: firstText(cef.source_component),
    group: firstText(cef.service_group),
    class: firstText(cef.event_class),
    details,
    detail_count: count,
    links: linksOf(body.contexts, cef.contexts),
  };
}
