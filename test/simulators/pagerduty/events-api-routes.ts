// PagerDuty's Events API v2 (`POST https://events.pagerduty.com/v2/enqueue`, served here at `/v2/enqueue`): what
// monitoring tools send. A trigger opens an alert on the integration's service and an incident for it; later
// events with the same `dedup_key` and `routing_key` apply to that open alert. Sources: the Events API v2 OpenAPI
// spec (`createV2Event`: required `routing_key`, `event_action`; a trigger's `payload` needs `summary`,
// `source`, `severity`) and PagerDuty's developer docs (events-API-v2/02-Trigger-Events.md: dedup rules, 1024
// characters of summary, 255 of dedup_key; 01-Overview.md: 202 accepted, 400 bad request, 512 KB payloads).
// No REST authentication: the routing key is the credential.
// Alert grouping: without it each new alert opens an incident; with time-based grouping on the service
// (SimService.alertGrouping) the first alert opens an incident and later ones join it during the configured
// period, as long as it is triggered or acknowledged (https://support.pagerduty.com/docs/time-based-alert-grouping,
// "Time-Based Alert Grouping Behavior"; REST spec TimeBasedAlertGroupingConfiguration:
// `timeout` in minutes, 0 to group until the incident is resolved).

import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { ALERT_SEVERITIES } from "../../../shared/pagerduty/read-alert-context.ts";
import type { Actor } from "./incident-commands.ts";
import type { SimulatorServices } from "./request-context.ts";
import { type AlertSeverity, newId, type SimAlert } from "./simulator-state.ts";

const EVENT_ACTIONS = ["trigger", "acknowledge", "resolve"] as const;
/** 01-Overview.md "Size Limits". */
const MAX_BODY_BYTES = 512 * 1024;
const MAX_SUMMARY = 1024;
const MAX_DEDUP_KEY = 255;

const automation: Actor = { userId: null, via: "api_key", clientName: null };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The Events API's error body (events-v2 spec `Error`: `status`, `message`, `errors[]`). */
function invalid(errors: string[]) {
  return {
    status: "invalid event",
    message: "Event object is invalid",
    errors,
  };
}

function problems(event: Json): string[] {
  const out: string[] = [];
  if (typeof event.routing_key !== "string") {
    out.push("'routing_key' is missing or blank");
  } else if (event.routing_key.length !== 32) {
    // PagerDuty's documented wording for a key of the wrong length.
    out.push(
      "Length of 'routing_key' is incorrect (should be 32 characters)",
    );
  }
  if (!EVENT_ACTIONS.includes(event.event_action as never)) {
    out.push(
      "'event_action' is invalid (must be one of: trigger, acknowledge, resolve)",
    );
  }
  if (
    event.dedup_key !== undefined &&
    (typeof event.dedup_key !== "string" ||
      event.dedup_key.length > MAX_DEDUP_KEY)
  ) {
    out.push(`'dedup_key' must be a string of at most ${MAX_DEDUP_KEY}`);
  }
  if (event.event_action !== "trigger") {
    if (typeof event.dedup_key !== "string" || !event.dedup_key) {
      out.push("'dedup_key' is missing or blank");
    }
    return out;
  }
  const payload = isObject(event.payload) ? event.payload : null;
  if (!payload) return [...out, "'payload' is missing or not an object"];
  for (const field of ["summary", "source"] as const) {
    if (typeof payload[field] !== "string" || !payload[field]) {
      out.push(`'payload.${field}' is missing or blank`);
    }
  }
  if (
    typeof payload.summary === "string" && payload.summary.length > MAX_SUMMARY
  ) {
    out.push(`'payload.summary' is longer than ${MAX_SUMMARY} characters`);
  }
  if (!ALERT_SEVERITIES.includes(payload.severity as AlertSeverity)) {
    out.push(
      "'payload.severity' is invalid (must be one of: critical, error, warning, info)",
    );
  }
  if (
    payload.custom_details !== undefined && !isObject(payload.custom_details)
  ) {
    out.push("'payload.custom_details' must be an object");
  }
  for (
    const [field, required] of [["links", "href"], ["images", "src"]] as const
  ) {
    const list = event[field];
    if (list === undefined) continue;
    if (
      !Array.isArray(list) ||
      list.some((item) => !isObject(item) || typeof item[required] !== "string")
    ) {
      out.push(`'${field}' must be a list of objects with '${required}'`);
    }
  }
  return out;
}

export function eventsApiRoutes({ state, commands, now }: SimulatorServices) {
  const app = new Hono();

  function openAlert(integrationId: string, dedupKey: string) {
    return state.alerts.find((a) =>
      a.integrationId === integrationId && a.alertKey === dedupKey &&
      a.resolvedAt === null &&
      state.incidents.get(a.incidentId)?.status !== "resolved"
    );
  }

  /** The open incident a new alert on `serviceId` joins under time-based grouping, if any. */
  function groupingIncident(serviceId: string) {
    const grouping = state.services.get(serviceId)?.alertGrouping;
    if (grouping?.type !== "time") return undefined;
    const windowMs = grouping.timeoutMinutes * 60_000;
    const t = now().getTime();
    // The newest open incident of the service that is still within its window.
    return [...state.incidents.values()].reverse().find((incident) =>
      incident.serviceId === serviceId && incident.status !== "resolved" &&
      state.alerts.some((a) => a.incidentId === incident.id) &&
      (windowMs === 0 || t - Date.parse(incident.createdAt) <= windowMs)
    );
  }

  app.post("/v2/enqueue", async (c) => {
    const raw = await c.req.text();
    if (new TextEncoder().encode(raw).length > MAX_BODY_BYTES) {
      return c.json(invalid(["Event is larger than 512 KB"]), 400);
    }
    let event: unknown;
    try {
      event = JSON.parse(raw);
    } catch {
      return c.json({
        status: "Unrecognized object",
        message: "Event object format is unrecognized",
        errors: ["JSON parse error"],
      }, 400);
    }
    if (!isObject(event)) {
      return c.json(invalid(["Event is not an object"]), 400);
    }
    const errors = problems(event);
    if (errors.length) return c.json(invalid(errors), 400);
    const integration = state.eventsIntegrations.get(
      event.routing_key as string,
    );
    // _(unpublished)_: an unknown key of the right length. PagerDuty does not document it; answering 400 makes a
    // wrong key visible in tests instead of silently dropping the event.
    if (!integration) {
      return c.json(invalid(["No integration with this routing key"]), 400);
    }
    const dedupKey = typeof event.dedup_key === "string"
      ? event.dedup_key
      : randomUUID().replaceAll("-", "");
    const accepted = {
      status: "success",
      message: "Event processed",
      dedup_key: dedupKey,
    };
    const existing = openAlert(integration.id, dedupKey);

    if (event.event_action === "trigger") {
      // A trigger for an open alert is a new trigger log entry on it, not a new alert.
      if (existing) return c.json(accepted, 202);
      const payload = event.payload as Json;
      const summary = payload.summary as string;
      const incident = groupingIncident(integration.serviceId) ??
        commands.create({
          type: "incident",
          title: summary,
          service: { id: integration.serviceId, type: "service_reference" },
          incident_key: dedupKey,
        }, automation);
      const alert: SimAlert = {
        id: newId(state),
        incidentId: incident.id,
        serviceId: integration.serviceId,
        integrationId: integration.id,
        alertKey: dedupKey,
        severity: payload.severity as AlertSeverity,
        summary,
        createdAt: now().toISOString(),
        resolvedAt: null,
        event,
      };
      state.alerts.push(alert);
      return c.json(accepted, 202);
    }
    // acknowledge / resolve for no open alert: dropped (02-Trigger-Events.md, "Alert De-Duplication").
    if (!existing) return c.json(accepted, 202);
    const incident = state.incidents.get(existing.incidentId);
    if (event.event_action === "acknowledge") {
      if (incident?.status === "triggered") {
        commands.update(incident.id, {
          type: "incident_reference",
          status: "acknowledged",
        }, automation);
      }
      return c.json(accepted, 202);
    }
    existing.resolvedAt = now().toISOString();
    const stillOpen = state.alerts.some((a) =>
      a.incidentId === existing.incidentId && a.resolvedAt === null
    );
    if (incident && incident.status !== "resolved" && !stillOpen) {
      commands.update(incident.id, {
        type: "incident_reference",
        status: "resolved",
      }, automation);
    }
    return c.json(accepted, 202);
  });
  return app;
}
