// Service writes (REST spec): POST /services (201), PUT /services/{id} (200), DELETE /services/{id} (204). Reads
// are in directory-routes.ts. Each write publishes its `service.*` V3 event (create-service-commands.ts). The
// OAuth scope (`services.write`) is checked by create-pagerduty-app.ts from the spec's x-pd-requires-scope.

import { Hono } from "hono";
import { renderService } from "./render-rest-resource.ts";
import {
  actorFor,
  jsonBody,
  type SimEnv,
  type SimulatorServices,
} from "./request-context.ts";

export function serviceRoutes({ state, commands }: SimulatorServices) {
  const app = new Hono<SimEnv>();

  app.post("/services", (c) => {
    const actor = actorFor(c, state, false);
    const service = commands.createService(jsonBody(c).service, actor);
    return c.json({ service: renderService(state, service) }, 201);
  });

  app.put("/services/:id", (c) => {
    const actor = actorFor(c, state, false);
    const service = commands.updateService(
      c.req.param("id"),
      jsonBody(c).service,
      actor,
    );
    return c.json({ service: renderService(state, service) });
  });

  app.delete("/services/:id", (c) => {
    commands.deleteService(c.req.param("id"), actorFor(c, state, false));
    return c.body(null, 204);
  });

  return app;
}
