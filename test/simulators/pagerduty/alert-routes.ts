// GET /incidents/{id}/alerts (REST spec `listIncidentAlerts`): the incident's alerts with offset pagination,
// `statuses[]` (triggered, resolved), `alert_key`, `sort_by` (created_at / resolved_at, `:asc` or `:desc`, at
// most two fields, ascending by default) and `include[]` (services, first_trigger_log_entries, incidents).
// The spec lists no 404 for it; an unknown incident answers 404 code 2100 as every incident route does.

import { Hono } from "hono";
import { findIncident } from "./incident-commands.ts";
import { paginateOffset } from "./paginate-offset.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import { alertStatus } from "./alert-counts.ts";
import { renderAlert } from "./render-alert.ts";
import {
  checkEnum,
  queryList,
  type SimEnv,
  type SimulatorServices,
} from "./request-context.ts";
import type { SimAlert } from "./simulator-state.ts";

const ALERT_STATUSES = ["triggered", "resolved"] as const;
const ALERT_INCLUDES = [
  "services",
  "first_trigger_log_entries",
  "incidents",
] as const;
const SORT_FIELDS = ["created_at", "resolved_at"] as const;

export function alertRoutes({ state }: SimulatorServices) {
  const app = new Hono<SimEnv>();

  app.get("/incidents/:id/alerts", (c) => {
    const incident = findIncident(state, c.req.param("id"));
    if (!incident) throw new PagerDutyError("notFound");
    const statuses = queryList(c, "statuses");
    const include = queryList(c, "include");
    checkEnum("statuses[]", statuses, ALERT_STATUSES);
    checkEnum("include[]", include, ALERT_INCLUDES);
    const sorts = (c.req.query("sort_by") ?? "created_at").split(",");
    if (sorts.length > 2) {
      throw new PagerDutyError("invalidInput", [
        "sort_by takes at most two fields",
      ]);
    }
    const order = sorts.map((s) => {
      const [field = "", direction = "asc"] = s.split(":");
      checkEnum("sort_by", [field], SORT_FIELDS);
      checkEnum("sort_by direction", [direction], ["asc", "desc"]);
      return { field: field as typeof SORT_FIELDS[number], direction };
    });
    const alertKey = c.req.query("alert_key");
    const matching = state.alerts.filter((a) =>
      a.incidentId === incident.id &&
      (statuses.length === 0 ||
        statuses.includes(alertStatus(state, a))) &&
      (alertKey === undefined || a.alertKey === alertKey)
    );
    const value = (a: SimAlert, field: typeof SORT_FIELDS[number]) =>
      field === "created_at" ? a.createdAt : a.resolvedAt ?? "";
    // state.alerts is oldest first: a stable sort keeps creation order among equal keys.
    matching.sort((a, b) => {
      for (const { field, direction } of order) {
        const [x, y] = [value(a, field), value(b, field)];
        if (x !== y) return (x < y ? -1 : 1) * (direction === "desc" ? -1 : 1);
      }
      return 0;
    });
    const page = paginateOffset(matching, c.req.query());
    return c.json({
      alerts: page.items.map((a) => renderAlert(state, a, new Set(include))),
      limit: page.limit,
      offset: page.offset,
      more: page.more,
      total: page.total,
    });
  });
  return app;
}
