// Incident response beyond status and routing: custom field values and automation action invocations (REST),
// and what PagerDuty's web UI, mobile app and incident workflows change without a public REST call (incident
// roles, incident tasks, an invocation's progress reported by its runner), each with the V3 event PagerDuty
// publishes for it. Payload shapes follow the examples of https://docs.pagerduty.com/developer/webhooks-overview and
// https://developer.pagerduty.com/docs/webhooks/early-access-webhooks (copied in
// test/fixtures/pagerduty-v3-examples.ts).

import { randomUUID } from "node:crypto";
import {
  buildIncidentEvent,
  webhookIncidentReference,
} from "./build-webhook-event.ts";
import type { Actor, IncidentContext } from "./create-incident-context.ts";
import {
  applyFieldValues,
  currentFieldValues,
  type FieldChange,
  parseFieldValues,
  webhookFieldValue,
} from "./custom-field-values.ts";
import { isObject } from "./incident-input.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import { userReference } from "./render-rest-resource.ts";
import {
  newId,
  type SimActionInvocation,
  type SimIncident,
  type SimIncidentTask,
  type SimRoleAssignment,
} from "./simulator-state.ts";

/** Invocation states after which nothing more happens (Automation Actions invocation `state`). */
const TERMINAL_INVOCATION_STATES = ["completed", "error", "aborted"] as const;
/** Invocation states of the REST spec (`automation_actions_invocation_state`). */
const INVOCATION_STATES = [
  "prepared",
  "created",
  "sent",
  "queued",
  "running",
  "unknown",
  ...TERMINAL_INVOCATION_STATES,
] as const;
export type InvocationState = typeof INVOCATION_STATES[number];

export interface TaskInput {
  name: string;
  description?: string | null;
  assigneeIds?: string[];
}

export interface TaskChanges {
  name?: string;
  description?: string | null;
  status?: SimIncidentTask["status"];
  assigneeIds?: string[];
}

export function createIncidentResponse(context: IncidentContext) {
  const { state, now, emit, authorize, cause, requireIncident } = context;

  const person = (userId: string | null): Actor => ({
    userId,
    via: "user_token",
    clientName: null,
  });

  function requireUser(id: string): void {
    if (!state.users.has(id)) {
      throw new PagerDutyError("invalidInput", [`User ${id} not found`]);
    }
  }

  /** PUT /incidents/{id}/custom_fields/values → `incident.custom_field_values.updated` when a value changed. */
  function setIncidentFieldValues(
    id: string,
    body: unknown,
    actor: Actor,
  ): FieldChange[] {
    const incident = requireIncident(id);
    authorize(actor, "incident.manage", incident);
    const changes = parseFieldValues(state, "incidents", body);
    const previous = applyFieldValues(state, incident.id, changes);
    const current = currentFieldValues(state, "incidents", incident.id);
    if (previous.length > 0) {
      // PagerDuty's examples show the full set in `custom_fields` and, in `changed_custom_fields`, the changed
      // fields with the value they had before (the service example: "Some new value" / "Some old value").
      emit([
        buildIncidentEvent(
          state,
          "incident.custom_field_values.updated",
          incident,
          cause(actor),
          now(),
          {
            incident: webhookIncidentReference(state, incident),
            custom_fields: current.map(webhookFieldValue),
            changed_custom_fields: previous.map(webhookFieldValue),
            type: "incident_field_values",
          },
        ),
      ]);
    }
    return current;
  }

  /**
   * Assigns an incident role (web UI / mobile app; no public REST call) to `userId`, or unassigns it with null:
   * `incident.role.assigned` either way, with the previous holder in `old_assignee`.
   */
  function assignRole(
    id: string,
    input: { role: string; userId: string | null },
    agentUserId: string | null,
  ): SimRoleAssignment {
    const incident = requireIncident(id);
    authorize(person(agentUserId), "incident.manage", incident);
    if (input.userId !== null) requireUser(input.userId);
    const existing = state.roleAssignments.find((a) =>
      a.incidentId === incident.id && a.roleName === input.role
    );
    const roleId = existing?.roleId ??
      state.roleAssignments.find((a) => a.roleName === input.role)?.roleId ??
      newId(state);
    const assignment: SimRoleAssignment = {
      id: randomUUID(),
      incidentId: incident.id,
      roleId,
      roleName: input.role,
      userId: input.userId,
      previousUserId: existing?.userId ?? null,
      // _(unpublished)_ an unassignment is reported as an inactive assignment without assignee.
      status: input.userId === null ? "inactive" : "active",
    };
    state.roleAssignments = state.roleAssignments.filter((a) => a !== existing);
    state.roleAssignments.push(assignment);
    const ref = (userId: string | null) =>
      userId === null ? null : userReference(state, userId);
    emit([
      buildIncidentEvent(
        state,
        "incident.role.assigned",
        incident,
        cause(person(agentUserId)),
        now(),
        {
          type: "incident_role_assignment",
          incident_role_assignments: [{
            assignee: ref(assignment.userId),
            id: assignment.id,
            incident: webhookIncidentReference(state, incident),
            old_assignee: ref(assignment.previousUserId),
            role: {
              id: roleId,
              summary: input.role,
              type: "role_reference",
            },
            status: assignment.status,
            type: "role_assignment_reference",
          }],
        },
      ),
    ]);
    return assignment;
  }

  function taskData(task: SimIncidentTask, incident: SimIncident) {
    return {
      name: task.name,
      description: task.description,
      id: task.id,
      summary: task.name,
      type: "incident_task",
      status: task.status,
      assignees: task.assigneeIds.map((u) => userReference(state, u)),
      incident: webhookIncidentReference(state, incident),
    };
  }

  /** Adds an incident task (web UI; early-access feature without REST): `incident.task.created`. */
  function createTask(
    id: string,
    input: TaskInput,
    agentUserId: string | null,
  ): SimIncidentTask {
    const incident = requireIncident(id);
    authorize(person(agentUserId), "incident.manage", incident);
    if (input.name.trim() === "") {
      throw new PagerDutyError("invalidInput", ["Task name can't be blank"]);
    }
    input.assigneeIds?.forEach(requireUser);
    const task: SimIncidentTask = {
      id: newId(state),
      incidentId: incident.id,
      name: input.name,
      description: input.description ?? null,
      status: "todo",
      assigneeIds: input.assigneeIds ?? [],
    };
    state.incidentTasks.push(task);
    emit([
      buildIncidentEvent(
        state,
        "incident.task.created",
        incident,
        cause(person(agentUserId)),
        now(),
        taskData(task, incident),
      ),
    ]);
    return task;
  }

  /** Edits a task: `incident.task.completed` when it becomes done, else `incident.task.updated`. */
  function updateTask(
    taskId: string,
    changes: TaskChanges,
    agentUserId: string | null,
  ): SimIncidentTask {
    const task = state.incidentTasks.find((t) => t.id === taskId);
    if (!task) {
      throw new PagerDutyError("notFound", [`Task ${taskId} not found`]);
    }
    const incident = requireIncident(task.incidentId);
    authorize(person(agentUserId), "incident.manage", incident);
    changes.assigneeIds?.forEach(requireUser);
    const completing = changes.status === "done" && task.status !== "done";
    Object.assign(task, changes);
    emit([
      buildIncidentEvent(
        state,
        completing ? "incident.task.completed" : "incident.task.updated",
        incident,
        cause(person(agentUserId)),
        now(),
        taskData(task, incident),
      ),
    ]);
    return task;
  }

  function invocationData(
    invocation: SimActionInvocation,
    incident: SimIncident,
  ) {
    const action = state.automationActions.get(invocation.actionId);
    const actionPath = `rundeck-actions/actions/${invocation.actionId}`;
    return {
      id: invocation.id,
      self: `${state.apiUrl}/automation/invocations/${invocation.id}`,
      html_url:
        `${state.webUrl}/${actionPath}/invocations/${invocation.id}/report`,
      incident: webhookIncidentReference(state, incident),
      action: {
        html_url: `${state.webUrl}/${actionPath}`,
        id: invocation.actionId,
        self: `${state.apiUrl}/automation/actions/${invocation.actionId}`,
        summary: action?.name ?? invocation.actionId,
        type: "action_reference",
      },
      state: invocation.state,
      type: "incident_action_invocation",
    };
  }

  /**
   * POST /automation_actions/actions/{id}/invocations with `metadata.incident_id` (or a workflow step):
   * `incident.action_invocation.created`.
   */
  function invokeAction(
    actionId: string,
    body: unknown,
    actor: Actor,
  ): SimActionInvocation {
    if (!state.automationActions.has(actionId)) {
      throw new PagerDutyError("notFound", ["Action not found"]);
    }
    const invocationBody = isObject(body) ? body.invocation : undefined;
    const metadata = isObject(invocationBody)
      ? invocationBody.metadata
      : undefined;
    const incidentId = isObject(metadata) ? metadata.incident_id : undefined;
    if (typeof incidentId !== "string") {
      throw new PagerDutyError("invalidInput", [
        "invocation.metadata.incident_id is required",
      ]);
    }
    const incident = requireIncident(incidentId);
    authorize(actor, "incident.manage", incident);
    const when = now();
    const invocation: SimActionInvocation = {
      id: newId(state),
      incidentId: incident.id,
      actionId,
      agentUserId: actor.userId,
      state: "created",
      timing: [{ timestamp: when.toISOString(), state: "created" }],
    };
    state.actionInvocations.push(invocation);
    emit([
      buildIncidentEvent(
        state,
        "incident.action_invocation.created",
        incident,
        cause(actor),
        when,
        invocationData(invocation, incident),
      ),
    ]);
    return invocation;
  }

  /**
   * The runner reports progress (no public REST call): `incident.action_invocation.updated`, or `.terminated`
   * once the invocation reaches a terminal state (completed, error, aborted). Done by automation: agent null.
   */
  function updateActionInvocation(
    invocationId: string,
    next: InvocationState,
  ): SimActionInvocation {
    const invocation = state.actionInvocations.find((i) =>
      i.id === invocationId
    );
    if (!invocation) {
      throw new PagerDutyError("notFound", [
        `Invocation ${invocationId} not found`,
      ]);
    }
    if (!(INVOCATION_STATES as readonly string[]).includes(next)) {
      throw new PagerDutyError("invalidInput", [`Unknown state ${next}`]);
    }
    const isTerminal = (value: string) =>
      (TERMINAL_INVOCATION_STATES as readonly string[]).includes(value);
    if (isTerminal(invocation.state)) {
      throw new PagerDutyError("invalidInput", [
        `Invocation ${invocationId} has already terminated`,
      ]);
    }
    const when = now();
    invocation.state = next;
    invocation.timing.push({ timestamp: when.toISOString(), state: next });
    const incident = requireIncident(invocation.incidentId);
    emit([
      buildIncidentEvent(
        state,
        isTerminal(next)
          ? "incident.action_invocation.terminated"
          : "incident.action_invocation.updated",
        incident,
        { agentUserId: null, clientName: null },
        when,
        invocationData(invocation, incident),
      ),
    ]);
    return invocation;
  }

  return {
    setIncidentFieldValues,
    assignRole,
    createTask,
    updateTask,
    invokeAction,
    updateActionInvocation,
  };
}
