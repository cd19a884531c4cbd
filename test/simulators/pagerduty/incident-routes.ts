// REST routes on incidents: create, read (by id or number), list with filters, update one or many, notes,
// status updates, responder requests and snooze.

import { Hono } from "hono";
import {
  findIncident,
  INCIDENT_STATUSES,
  URGENCIES,
} from "./incident-commands.ts";
import { paginateOffset } from "./paginate-offset.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import {
  incidentReference,
  renderIncident,
  renderNote,
  userReference,
} from "./render-rest-resource.ts";
import {
  actorFor,
  checkEnum,
  jsonBody,
  queryList,
  type SimEnv,
  type SimulatorServices,
} from "./request-context.ts";
import { incidentTeamIds } from "./render-rest-resource.ts";

const INCIDENT_INCLUDES = [
  "acknowledgers",
  "agents",
  "assignees",
  "conference_bridge",
  "escalation_policies",
  "first_trigger_log_entries",
  "priorities",
  "services",
  "teams",
  "users",
] as const;

const SORT_FIELDS = [
  "incident_number",
  "created_at",
  "resolved_at",
  "urgency",
] as const;

/** Default window of GET /incidents when neither since/until nor date_range=all is given. */
const DEFAULT_WINDOW_MS = 30 * 86_400_000;

export function incidentRoutes({ state, commands, now }: SimulatorServices) {
  const app = new Hono<SimEnv>();

  app.get("/incidents", (c) => {
    const statuses = queryList(c, "statuses");
    const urgencies = queryList(c, "urgencies");
    const include = queryList(c, "include");
    checkEnum("statuses[]", statuses, INCIDENT_STATUSES);
    checkEnum("urgencies[]", urgencies, URGENCIES);
    checkEnum("include[]", include, INCIDENT_INCLUDES);
    const serviceIds = queryList(c, "service_ids");
    const teamIds = queryList(c, "team_ids");
    const userIds = queryList(c, "user_ids");
    const incidentKey = c.req.query("incident_key");
    const dateRange = c.req.query("date_range");
    if (dateRange !== undefined) checkEnum("date_range", [dateRange], ["all"]);
    const since = parseDate(c.req.query("since"), "since");
    const until = parseDate(c.req.query("until"), "until");
    const end = until ?? now();
    const start = since ?? new Date(end.getTime() - DEFAULT_WINDOW_MS);
    if (start > end) {
      throw new PagerDutyError("invalidInput", ["since must be before until"]);
    }
    const [sortField = "created_at", sortOrder = "asc"] =
      (c.req.query("sort_by") ?? "created_at").split(":");
    checkEnum("sort_by", [sortField], SORT_FIELDS);
    checkEnum("sort_by order", [sortOrder], ["asc", "desc"]);

    const matching = [...state.incidents.values()].filter((incident) => {
      if (statuses.length && !statuses.includes(incident.status)) return false;
      if (urgencies.length && !urgencies.includes(incident.urgency)) {
        return false;
      }
      if (serviceIds.length && !serviceIds.includes(incident.serviceId)) {
        return false;
      }
      if (
        teamIds.length &&
        !incidentTeamIds(state, incident).some((t) => teamIds.includes(t))
      ) {
        return false;
      }
      if (
        userIds.length &&
        !incident.assignments.some((a) => userIds.includes(a.userId))
      ) return false;
      if (incidentKey !== undefined && incident.incidentKey !== incidentKey) {
        return false;
      }
      if (dateRange !== "all") {
        const created = Date.parse(incident.createdAt);
        if (created < start.getTime() || created > end.getTime()) return false;
      }
      return true;
    });
    const key = (i: typeof matching[number]): string | number =>
      sortField === "incident_number"
        ? i.number
        : sortField === "resolved_at"
        ? i.resolvedAt ?? ""
        : sortField === "urgency"
        ? i.urgency
        : i.createdAt;
    matching.sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order = x < y ? -1 : x > y ? 1 : a.number - b.number;
      return sortOrder === "desc" ? -order : order;
    });
    const page = paginateOffset(matching, c.req.query());
    const includes = new Set(include);
    return c.json({
      incidents: page.items.map((i) => renderIncident(state, i, includes)),
      limit: page.limit,
      offset: page.offset,
      more: page.more,
      total: page.total,
    });
  });

  app.post("/incidents", (c) => {
    const actor = actorFor(c, state, true);
    const body = jsonBody(c);
    if (body.incident === undefined) {
      throw new PagerDutyError("invalidInput", ["incident is required"]);
    }
    const incident = commands.create(body.incident, actor);
    return c.json({ incident: renderIncident(state, incident) }, 201);
  });

  app.put("/incidents", (c) => {
    const actor = actorFor(c, state, true);
    const body = jsonBody(c);
    const updated = commands.updateMany(body.incidents, actor);
    return c.json({
      incidents: updated.map((i) => renderIncident(state, i)),
      limit: updated.length,
      offset: 0,
      more: false,
      total: null,
    });
  });

  app.get("/incidents/:id", (c) => {
    const include = queryList(c, "include");
    // `custom_fields` is accepted and ignored; `body` is what the Incident schema says shows the details.
    checkEnum("include[]", include, [
      ...INCIDENT_INCLUDES,
      "custom_fields",
      "body",
    ]);
    const incident = findIncident(state, c.req.param("id"));
    if (!incident) throw new PagerDutyError("notFound", ["Incident Not Found"]);
    const rendered = renderIncident(state, incident, new Set(include));
    if (include.includes("body")) {
      rendered.body = {
        type: "incident_body",
        details: incident.details ?? "",
      };
    }
    return c.json({ incident: rendered });
  });

  app.put("/incidents/:id", (c) => {
    const actor = actorFor(c, state, true);
    const body = jsonBody(c);
    if (body.incident === undefined) {
      throw new PagerDutyError("invalidInput", ["incident is required"]);
    }
    const incident = commands.update(c.req.param("id"), body.incident, actor);
    return c.json({ incident: renderIncident(state, incident) });
  });

  app.get("/incidents/:id/notes", (c) => {
    const incident = findIncident(state, c.req.param("id"));
    if (!incident) throw new PagerDutyError("notFound", ["Incident Not Found"]);
    return c.json({
      notes: state.notes
        .filter((n) => n.incidentId === incident.id)
        .map((n) => renderNote(state, n)),
    });
  });

  app.post("/incidents/:id/notes", (c) => {
    const actor = actorFor(c, state, true);
    const body = jsonBody(c);
    const note = commands.addNote(c.req.param("id"), body.note, actor);
    return c.json({ note: renderNote(state, note) });
  });

  // Unwrapped body: `{message, subject?, html_message?}`.
  app.post("/incidents/:id/status_updates", (c) => {
    const actor = actorFor(c, state, true);
    const update = commands.addStatusUpdate(
      c.req.param("id"),
      jsonBody(c),
      actor,
    );
    return c.json({
      status_update: {
        id: update.id,
        message: update.message,
        created_at: update.createdAt,
        ...(update.senderId
          ? { sender: userReference(state, update.senderId) }
          : {}),
        ...(update.subject !== null ? { subject: update.subject } : {}),
        ...(update.htmlMessage !== null
          ? { html_message: update.htmlMessage }
          : {}),
      },
    });
  });

  // Unwrapped body: `{requester_id, message, responder_request_targets}`; no `From` (the requester is in it).
  app.post("/incidents/:id/responder_requests", (c) => {
    const actor = actorFor(c, state, false);
    const request = commands.requestResponders(
      c.req.param("id"),
      jsonBody(c),
      actor,
    );
    const incident = state.incidents.get(request.incidentId)!;
    const incidentRef = incidentReference(state, incident);
    return c.json({
      responder_request: {
        incident: incidentRef,
        requester: userReference(state, request.requesterId),
        requested_at: request.requestedAt,
        message: request.message,
        responder_request_targets: request.targets.map((target) => ({
          responder_request_target: {
            type: target.type,
            id: target.id,
            incidents_responders: target.type === "user"
              ? [{
                state: "pending",
                user: userReference(state, target.id),
                incident: incidentRef,
                updated_at: request.requestedAt,
                message: request.message,
                requester: userReference(state, request.requesterId),
                requested_at: request.requestedAt,
              }]
              : [],
          },
        })),
      },
    });
  });

  app.post("/incidents/:id/snooze", (c) => {
    const actor = actorFor(c, state, true);
    const incident = commands.snooze(c.req.param("id"), jsonBody(c), actor);
    return c.json({ incident: renderIncident(state, incident) }, 201);
  });

  return app;
}

function parseDate(raw: string | undefined, name: string): Date | undefined {
  if (raw === undefined) return undefined;
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) {
    throw new PagerDutyError("invalidInput", [`${name} is not a valid date`]);
  }
  return date;
}
