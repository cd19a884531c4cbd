// Automation Actions (REST spec): POST /automation_actions/actions/{id}/invocations runs an action on an incident
// (`invocation.metadata.incident_id`), answers 201 with the invocation and publishes
// `incident.action_invocation.created`. Its progress (`.updated`, `.terminated`) comes from the runner: the
// control API's `updateActionInvocation`.

import { Hono } from "hono";
import { incidentReference, userReference } from "./render-rest-resource.ts";
import {
  actorFor,
  jsonBody,
  type SimEnv,
  type SimulatorServices,
} from "./request-context.ts";
import type { SimActionInvocation, SimulatorState } from "./simulator-state.ts";

/** REST `AutomationActionsInvocation`. */
export function renderInvocation(
  state: SimulatorState,
  invocation: SimActionInvocation,
) {
  const action = state.automationActions.get(invocation.actionId)!;
  const incident = state.incidents.get(invocation.incidentId)!;
  const { id, type } = incidentReference(state, incident);
  return {
    id: invocation.id,
    type: "invocation",
    action_snapshot: { name: action.name, action_type: action.actionType },
    runner_id: action.runnerId,
    timing: invocation.timing,
    state: invocation.state,
    action_id: action.id,
    metadata: {
      // An API key without `From` acts as the account (the spec's `account_reference` agent).
      agent: invocation.agentUserId
        ? userReference(state, invocation.agentUserId)
        : { id: "PACCOUNT", type: "account_reference" },
      incident: { id, type },
    },
  };
}

export function automationActionRoutes(
  { state, commands }: SimulatorServices,
) {
  const app = new Hono<SimEnv>();

  app.post("/automation_actions/actions/:id/invocations", (c) => {
    const invocation = commands.invokeAction(
      c.req.param("id"),
      jsonBody(c),
      actorFor(c, state, false),
    );
    return c.json({ invocation: renderInvocation(state, invocation) }, 201);
  });

  return app;
}
