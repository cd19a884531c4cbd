// Every incident write of the simulator, as one object for the routes and the control API: the state machine
// (create, update, bulk update) plus activity (notes, status updates, responders, snooze, workflows), incident
// response (custom fields, roles, tasks, action invocations) and service writes.

import {
  createIncidentContext,
  type IncidentCommandsOptions,
} from "./create-incident-context.ts";
import { createIncidentActivity } from "./create-incident-activity.ts";
import { createIncidentLifecycle } from "./create-incident-lifecycle.ts";
import { createIncidentResponse } from "./create-incident-response.ts";
import { createServiceCommands } from "./create-service-commands.ts";

export type {
  Actor,
  IncidentCommandsOptions,
} from "./create-incident-context.ts";
export { findIncident } from "./find-incident.ts";
export { INCIDENT_STATUSES, URGENCIES } from "./incident-input.ts";

export function createIncidentCommands(options: IncidentCommandsOptions) {
  const context = createIncidentContext(options);
  return {
    authorize: context.authorize,
    ...createIncidentLifecycle(context),
    ...createIncidentActivity(context),
    ...createIncidentResponse(context),
    ...createServiceCommands(context),
  };
}

export type IncidentCommands = ReturnType<typeof createIncidentCommands>;
