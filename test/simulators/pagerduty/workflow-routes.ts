// Incident workflows: list (offset pagination), manual triggers for an incident (cursor pagination) and
// starting an instance on an incident.

import { Hono } from "hono";
import { findIncident } from "./incident-commands.ts";
import { paginateOffset } from "./paginate-offset.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import {
  incidentReference,
  renderWorkflow,
  renderWorkflowTrigger,
} from "./render-rest-resource.ts";
import {
  actorFor,
  checkEnum,
  jsonBody,
  type SimEnv,
  type SimulatorServices,
} from "./request-context.ts";

const TRIGGER_TYPES = ["manual", "conditional", "incident_type"] as const;

export function workflowRoutes({ state, commands }: SimulatorServices) {
  const app = new Hono<SimEnv>();

  app.get("/incident_workflows", (c) => {
    const query = c.req.query("query")?.toLowerCase();
    const workflows = [...state.workflows.values()].filter((w) =>
      !query || w.name.toLowerCase().includes(query)
    );
    const page = paginateOffset(workflows, c.req.query());
    return c.json({
      incident_workflows: page.items.map((w) => renderWorkflow(state, w)),
      limit: page.limit,
      offset: page.offset,
      more: page.more,
      total: page.total,
    });
  });

  app.get("/incident_workflows/triggers", (c) => {
    const triggerType = c.req.query("trigger_type");
    if (triggerType !== undefined) {
      checkEnum("trigger_type", [triggerType], TRIGGER_TYPES);
    }
    const incidentId = c.req.query("incident_id");
    const serviceFilter = c.req.query("service_id");
    const workflowId = c.req.query("workflow_id");
    let serviceId = serviceFilter;
    if (incidentId !== undefined) {
      const incident = findIncident(state, incidentId);
      if (!incident) {
        throw new PagerDutyError("invalidInput", [
          `Incident ${incidentId} not found`,
        ]);
      }
      serviceId = incident.serviceId;
    }
    // The simulator only has manual triggers.
    const all = triggerType !== undefined && triggerType !== "manual"
      ? []
      : [...state.workflows.values()].filter((w) =>
        (workflowId === undefined || w.id === workflowId) &&
        (serviceId === undefined || w.triggerServiceIds === null ||
          w.triggerServiceIds.includes(serviceId))
      );
    const limit = Math.min(Number(c.req.query("limit") ?? 100) || 100, 100);
    const cursor = c.req.query("cursor");
    let start = 0;
    if (cursor !== undefined) {
      start = decodeCursor(cursor);
    }
    const items = all.slice(start, start + limit);
    const nextStart = start + items.length;
    return c.json({
      triggers: items.map((w) => renderWorkflowTrigger(state, w)),
      limit,
      next_cursor: nextStart < all.length ? encodeCursor(nextStart) : null,
    });
  });

  app.post("/incident_workflows/:id/instances", (c) => {
    // The spec's x-pd-requires-scope for this operation is `incident_workflows:instances.write`, not
    // `incident_workflows.write` (which manages the workflows themselves).
    const actor = actorFor(c, state, false);
    const body = jsonBody(c);
    if (body.incident_workflow_instance === undefined) {
      throw new PagerDutyError("invalidInput", [
        "incident_workflow_instance is required",
      ]);
    }
    const instance = commands.startWorkflow(c.req.param("id"), body, actor);
    const incident = state.incidents.get(instance.incidentId)!;
    return c.json({
      incident_workflow_instance: {
        id: instance.id,
        type: "incident_workflow_instance",
        incident: incidentReference(state, incident),
      },
    }, 201);
  });

  return app;
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
}

function decodeCursor(cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString()) as {
      o?: unknown;
    };
    if (
      typeof parsed.o === "number" && Number.isInteger(parsed.o) &&
      parsed.o >= 0
    ) return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw new PagerDutyError("invalidInput", ["Invalid cursor"]);
}
