// What every incident command needs: the account, the clock, the event sink, and the checks that come first
// (does the incident exist, may this actor do this to it).

import type { EventCause, SimEvent } from "./build-webhook-event.ts";
import { findIncident } from "./find-incident.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import { isAllowed, type PermissionAction } from "./role-permissions.ts";
import type { SimIncident, SimulatorState } from "./simulator-state.ts";

/** Who is making a request: the token's user, the `From` user of an API key, or nobody (API key alone). */
export interface Actor {
  userId: string | null;
  via: "api_key" | "user_token";
  clientName: string | null;
}

export interface IncidentCommandsOptions {
  state: SimulatorState;
  now: () => Date;
  emit: (events: SimEvent[]) => void;
}

export function createIncidentContext(
  { state, now, emit }: IncidentCommandsOptions,
) {
  function authorize(
    actor: Actor,
    action: PermissionAction,
    incident?: SimIncident,
  ): void {
    if (actor.userId === null) return;
    const user = state.users.get(actor.userId);
    if (!user) throw new PagerDutyError("requesterNotFound");
    const assigned =
      incident?.assignments.some((a) => a.userId === actor.userId) ?? false;
    if (!isAllowed(user.role, action, assigned)) {
      // With a user token the token itself lacks the right; with an API key it is the `From` requester.
      throw new PagerDutyError(
        actor.via === "user_token" ? "accessDenied" : "requesterNotAuthorized",
        [`User ${user.email} (${user.role}) may not ${action} here`],
      );
    }
  }

  function cause(actor: Actor): EventCause {
    return { agentUserId: actor.userId, clientName: actor.clientName };
  }

  function requireIncident(id: string): SimIncident {
    const incident = findIncident(state, id);
    if (!incident) throw new PagerDutyError("notFound", ["Incident Not Found"]);
    return incident;
  }

  return { state, now, emit, authorize, cause, requireIncident };
}

export type IncidentContext = ReturnType<typeof createIncidentContext>;
