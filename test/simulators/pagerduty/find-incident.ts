import type { SimIncident, SimulatorState } from "./simulator-state.ts";

/** GET /incidents/{id} accepts the incident id or its number. */
export function findIncident(
  state: SimulatorState,
  idOrNumber: string,
): SimIncident | undefined {
  const byId = state.incidents.get(idOrNumber);
  if (byId) return byId;
  if (/^\d+$/.test(idOrNumber)) {
    const number = Number(idOrNumber);
    return [...state.incidents.values()].find((i) => i.number === number);
  }
  return undefined;
}
