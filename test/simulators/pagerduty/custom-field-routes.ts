// Custom field values (REST spec): GET and PUT /incidents/{id}/custom_fields/values and
// /services/{id}/custom_fields/values. PUT answers 201 with every field's value, as the spec documents, and
// publishes `incident.custom_field_values.updated` / `service.custom_field_values.updated` when a value changed.
// OAuth scopes come from the spec's x-pd-requires-scope (create-pagerduty-app.ts).

import { Hono } from "hono";
import { currentFieldValues, renderFieldValue } from "./custom-field-values.ts";
import { findIncident } from "./find-incident.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import {
  actorFor,
  jsonBody,
  type SimEnv,
  type SimulatorServices,
} from "./request-context.ts";

export function customFieldRoutes({ state, commands }: SimulatorServices) {
  const app = new Hono<SimEnv>();

  app.get("/incidents/:id/custom_fields/values", (c) => {
    const incident = findIncident(state, c.req.param("id"));
    if (!incident) throw new PagerDutyError("notFound", ["Incident Not Found"]);
    return c.json({
      custom_fields: currentFieldValues(state, "incidents", incident.id).map(
        renderFieldValue,
      ),
    });
  });

  app.put("/incidents/:id/custom_fields/values", (c) => {
    const actor = actorFor(c, state, false);
    const values = commands.setIncidentFieldValues(
      c.req.param("id"),
      jsonBody(c),
      actor,
    );
    return c.json({ custom_fields: values.map(renderFieldValue) }, 201);
  });

  app.get("/services/:id/custom_fields/values", (c) => {
    const service = commands.requireService(c.req.param("id"));
    return c.json({
      custom_fields: currentFieldValues(state, "services", service.id).map(
        renderFieldValue,
      ),
    });
  });

  app.put("/services/:id/custom_fields/values", (c) => {
    const actor = actorFor(c, state, false);
    const values = commands.setServiceFieldValues(
      c.req.param("id"),
      jsonBody(c),
      actor,
    );
    return c.json({ custom_fields: values.map(renderFieldValue) }, 201);
  });

  return app;
}
