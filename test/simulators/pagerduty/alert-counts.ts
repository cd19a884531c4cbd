// An incident's alerts counted as the REST incident answers them (REST spec `Incident.alert_counts`, schema
// `AlertCount`: `all`, `triggered` and `resolved` alerts grouped into the incident).
import type { SimAlert, SimulatorState } from "./simulator-state.ts";

/** A resolved incident's alerts are resolved with it (PagerDuty resolves an incident's alerts on resolve). */
export function alertStatus(
  state: SimulatorState,
  alert: SimAlert,
): "triggered" | "resolved" {
  return alert.resolvedAt !== null ||
      state.incidents.get(alert.incidentId)?.status === "resolved"
    ? "resolved"
    : "triggered";
}

export function alertCounts(
  state: SimulatorState,
  incidentId: string,
): { all: number; triggered: number; resolved: number } {
  const alerts = state.alerts.filter((a) => a.incidentId === incidentId);
  const triggered =
    alerts.filter((a) => alertStatus(state, a) === "triggered").length;
  return {
    all: alerts.length,
    triggered,
    resolved: alerts.length - triggered,
  };
}
