// The REST shape of an alert (REST spec `Alert`, and the spec's listIncidentAlerts example): references to its
// service, incident and integration, and `body` with `contexts` (the event's links and images), `details` (its
// custom details) and `cef_details`, the PD-CEF normalisation PagerDuty adds to alert bodies
// (https://support.pagerduty.com/docs/pd-cef: summary, severity, source → source_origin, component →
// source_component, group → service_group, class → event_class, custom details → details).

import {
  incidentReference,
  renderIncident,
  renderService,
  serviceReference,
} from "./render-rest-resource.ts";
import type { SimAlert, SimulatorState } from "./simulator-state.ts";
import { alertStatus } from "./alert-counts.ts";

type Json = Record<string, unknown>;
const asObject = (v: unknown): Json =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? v as Json : {};
const asList = (v: unknown): Json[] => Array.isArray(v) ? v.map(asObject) : [];

/** Events API v2 `links` and `images` as alert contexts (`type` link / image, spec `Context`). */
function contextsOf(event: Json): Json[] {
  return [
    ...asList(event.links).map((l) => ({
      type: "link",
      href: l.href,
      ...(typeof l.text === "string" ? { text: l.text } : {}),
    })),
    ...asList(event.images).map((i) => ({
      type: "image",
      src: i.src,
      ...(typeof i.href === "string" ? { href: i.href } : {}),
      ...(typeof i.alt === "string" ? { alt: i.alt } : {}),
    })),
  ];
}

export function renderAlert(
  state: SimulatorState,
  alert: SimAlert,
  include: ReadonlySet<string> = new Set(),
) {
  const payload = asObject(alert.event.payload);
  const details = asObject(payload.custom_details);
  const contexts = contextsOf(alert.event);
  const str = (v: unknown) => typeof v === "string" ? v : null;
  const service = state.services.get(alert.serviceId);
  const incident = state.incidents.get(alert.incidentId);
  const integration = [...state.eventsIntegrations.values()].find((i) =>
    i.id === alert.integrationId
  );
  return {
    id: alert.id,
    type: "alert",
    summary: alert.summary,
    self: `${state.apiUrl}/incidents/${alert.incidentId}/alerts/${alert.id}`,
    html_url: `${state.webUrl}/alerts/${alert.id}`,
    created_at: alert.createdAt,
    status: alertStatus(state, alert),
    resolved_at: alert.resolvedAt,
    alert_key: alert.alertKey,
    service: include.has("services") && service
      ? renderService(state, service)
      : serviceReference(state, alert.serviceId),
    incident: include.has("incidents") && incident
      ? renderIncident(state, incident)
      : incident
      ? incidentReference(state, incident)
      : { id: alert.incidentId, type: "incident_reference" },
    suppressed: false,
    severity: alert.severity,
    integration: {
      id: alert.integrationId,
      type: "events_api_v2_inbound_integration_reference",
      summary: integration?.name ?? "Events API V2",
      self:
        `${state.apiUrl}/services/${alert.serviceId}/integrations/${alert.integrationId}`,
      html_url:
        `${state.webUrl}/services/${alert.serviceId}/integrations/${alert.integrationId}`,
    },
    body: {
      type: "alert_body",
      contexts,
      details,
      cef_details: {
        client: str(alert.event.client),
        client_url: str(alert.event.client_url),
        contexts,
        creation_time: str(payload.timestamp) ?? alert.createdAt,
        dedup_key: alert.alertKey,
        description: alert.summary,
        details,
        event_class: str(payload.class),
        message: alert.summary,
        severity: alert.severity,
        service_group: str(payload.group),
        source_component: str(payload.component),
        source_origin: str(payload.source),
        summary: alert.summary,
        version: "1.0",
      },
    },
  };
}
