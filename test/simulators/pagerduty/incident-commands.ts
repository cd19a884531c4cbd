// The incident state machine: every write the REST API allows on incidents, with PagerDuty's rules and error
// codes, and the V3 webhook events each change publishes. Changes are made on a copy and committed only when
// the whole request is valid, so a rejected request leaves the incident untouched and emits nothing.

import type {
  WebhookIncidentNote,
  WebhookIncidentResponder,
  WebhookIncidentStatusUpdate,
} from "../../../shared/pagerduty/webhook-event.ts";
import {
  buildIncidentEvent,
  type EventCause,
  type SimEvent,
  webhookIncidentReference,
} from "./build-webhook-event.ts";
import { levelUserIds } from "./compute-oncalls.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import { userReference } from "./render-rest-resource.ts";
import { isAllowed, type PermissionAction } from "./role-permissions.ts";
import {
  newId,
  type SimIncident,
  type SimNote,
  type SimResponderRequest,
  type SimStatusUpdate,
  type SimulatorState,
  type SimWorkflowInstance,
} from "./simulator-state.ts";

/** Who is making a request: the token's user, the `From` user of an API key, or nobody (API key alone). */
export interface Actor {
  userId: string | null;
  via: "api_key" | "user_token";
  clientName: string | null;
}

export const INCIDENT_STATUSES = [
  "triggered",
  "acknowledged",
  "resolved",
] as const;
export const URGENCIES = ["high", "low"] as const;

export interface IncidentCommandsOptions {
  state: SimulatorState;
  now: () => Date;
  emit: (events: SimEvent[]) => void;
}

type Json = Record<string, unknown>;

export function createIncidentCommands(
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

  function resolvePriority(value: unknown): string {
    const priorities = state.priorities ?? [];
    if (typeof value === "string") {
      const match = priorities.find((p) => p.name === value);
      if (!match) {
        throw new PagerDutyError("invalidPriority", [
          `No priority named ${value}`,
        ]);
      }
      return match.id;
    }
    const id = referenceId(value, REFERENCE_TYPES.priority, "priority");
    const match = priorities.find((p) => p.id === id);
    if (!match) {
      throw new PagerDutyError("invalidPriority", [`Priority ${id} not found`]);
    }
    return match.id;
  }

  function parseAssignees(value: unknown): string[] {
    if (!Array.isArray(value) || value.length === 0) {
      throw new PagerDutyError("invalidInput", [
        "Assignments must be a non-empty array",
      ]);
    }
    return value.map((item) => {
      const id = referenceId(
        isObject(item) ? item.assignee : undefined,
        REFERENCE_TYPES.user,
        "assignee",
      );
      if (!state.users.has(id)) {
        throw new PagerDutyError("invalidInput", [`Assignee ${id} not found`]);
      }
      return id;
    });
  }

  function assignToLevel(
    incident: SimIncident,
    policyId: string,
    level: number,
    at: string,
  ): void {
    incident.escalationPolicyId = policyId;
    incident.escalationLevel = level;
    incident.assignedVia = "escalation_policy";
    incident.assignments = levelUserIds(state, policyId, level, new Date(at))
      .map((userId) => ({ userId, at }));
  }

  function setStatus(
    incident: SimIncident,
    status: SimIncident["status"],
    actor: Actor,
    at: string,
  ): void {
    incident.status = status;
    incident.lastStatusChangeAt = at;
    incident.lastStatusChangeById = actor.userId;
    if (status !== "acknowledged") {
      incident.acknowledgements = [];
      incident.snoozedUntil = null;
    }
    if (status === "resolved") {
      incident.assignments = [];
      incident.resolvedAt = at;
    } else {
      incident.resolvedAt = null;
    }
  }

  function create(input: unknown, actor: Actor): SimIncident {
    authorize(actor, "incident.create");
    if (!isObject(input)) {
      throw new PagerDutyError("invalidInput", ["incident is required"]);
    }
    const errors: string[] = [];
    if (input.type !== "incident") {
      errors.push('Incident type must be "incident"');
    }
    if (typeof input.title !== "string" || input.title.trim() === "") {
      errors.push("Incident title can't be blank");
    }
    const serviceRef = input.service;
    const serviceProblem = referenceProblem(
      serviceRef,
      REFERENCE_TYPES.service,
      "service",
    );
    if (serviceProblem) errors.push(serviceProblem);
    if (
      input.urgency !== undefined &&
      !(URGENCIES as readonly unknown[]).includes(input.urgency)
    ) {
      errors.push("Urgency must be one of high, low");
    }
    if (
      input.incident_key !== undefined && typeof input.incident_key !== "string"
    ) {
      errors.push("incident_key must be a string");
    }
    if (
      input.assignments !== undefined && input.escalation_policy !== undefined
    ) {
      errors.push(
        "Assignments and escalation policy cannot be specified at the same time",
      );
    }
    if (input.body !== undefined) {
      const body = input.body;
      if (
        !isObject(body) || body.type !== "incident_body" ||
        (body.details !== undefined && typeof body.details !== "string" &&
          !isObject(body.details))
      ) {
        errors.push(
          'Incident body must be {type: "incident_body", details: string}',
        );
      }
    }
    if (errors.length) throw new PagerDutyError("invalidInput", errors);

    const serviceId = (serviceRef as Json).id as string;
    const service = state.services.get(serviceId);
    if (!service) {
      throw new PagerDutyError("invalidInput", [
        `Service ${serviceId} not found`,
      ]);
    }
    const incidentKey = (input.incident_key as string | undefined) ?? null;
    if (
      incidentKey !== null &&
      [...state.incidents.values()].some((i) =>
        i.serviceId === serviceId && i.incidentKey === incidentKey &&
        i.status !== "resolved"
      )
    ) {
      throw new PagerDutyError("invalidInput", [
        "Open incident with matching dedup key already exists on this service",
      ]);
    }
    let policyId = service.escalationPolicyId;
    if (input.escalation_policy !== undefined) {
      policyId = requirePolicy(input.escalation_policy);
    }
    const priorityId = input.priority === undefined
      ? null
      : resolvePriority(input.priority);
    const assignees = input.assignments === undefined
      ? null
      : parseAssignees(input.assignments);

    const at = now().toISOString();
    const incident: SimIncident = {
      id: newId(state, "incident"),
      number: state.nextIncidentNumber++,
      title: input.title as string,
      status: "triggered",
      urgency: (input.urgency as SimIncident["urgency"] | undefined) ?? "high",
      serviceId,
      escalationPolicyId: policyId,
      escalationLevel: 1,
      assignedVia: "escalation_policy",
      assignments: [],
      acknowledgements: [],
      priorityId,
      incidentKey,
      details: isObject(input.body)
        ? (input.body.details as SimIncident["details"]) ?? null
        : null,
      conferenceBridge: isObject(input.conference_bridge)
        ? input.conference_bridge as SimIncident["conferenceBridge"]
        : null,
      createdAt: at,
      updatedAt: at,
      lastStatusChangeAt: at,
      lastStatusChangeById: actor.userId,
      resolvedAt: null,
      snoozedUntil: null,
      responderIds: [],
    };
    if (assignees) {
      incident.assignedVia = "direct_assignment";
      incident.assignments = assignees.map((userId) => ({ userId, at }));
    } else {
      assignToLevel(incident, policyId, 1, at);
    }
    const when = now();
    const events = [
      buildIncidentEvent(
        state,
        "incident.triggered",
        incident,
        cause(actor),
        when,
      ),
    ];
    // Assigning an incident to yourself on creation acknowledges it at once, as the web UI does.
    if (
      assignees && actor.userId !== null && assignees.length === 1 &&
      assignees[0] === actor.userId
    ) {
      setStatus(incident, "acknowledged", actor, at);
      incident.acknowledgements = [{ userId: actor.userId, at }];
      events.push(
        buildIncidentEvent(
          state,
          "incident.acknowledged",
          incident,
          cause(actor),
          when,
        ),
      );
    }
    state.incidents.set(incident.id, incident);
    emit(events);
    return incident;
  }

  /** Applies one incident's changes (PUT /incidents/{id} or one item of PUT /incidents) without committing. */
  function plan(
    current: SimIncident,
    input: unknown,
    actor: Actor,
  ): { next: SimIncident; events: SimEvent[] } {
    if (!isObject(input)) {
      throw new PagerDutyError("invalidInput", ["incident is required"]);
    }
    authorize(actor, "incident.manage", current);
    const errors: string[] = [];
    // `type` is required on updates (REST spec, PUT /incidents/{id} and PUT /incidents).
    if (input.type !== "incident" && input.type !== "incident_reference") {
      errors.push("Incident type must be incident or incident_reference");
    }
    if (
      input.urgency !== undefined &&
      !(URGENCIES as readonly unknown[]).includes(input.urgency)
    ) errors.push("Urgency must be one of high, low");
    if (
      input.title !== undefined &&
      (typeof input.title !== "string" || input.title.trim() === "")
    ) errors.push("Incident title can't be blank");
    if (
      input.assignments !== undefined && input.escalation_policy !== undefined
    ) {
      errors.push(
        "Assignments and escalation policy cannot be specified at the same time",
      );
    }
    if (
      input.escalation_level !== undefined &&
      (!Number.isInteger(input.escalation_level) ||
        (input.escalation_level as number) < 1)
    ) errors.push("Escalation level must be a positive integer");
    if (errors.length) throw new PagerDutyError("invalidInput", errors);
    if (
      input.status !== undefined &&
      !(INCIDENT_STATUSES as readonly unknown[]).includes(input.status)
    ) {
      throw new PagerDutyError("invalidStatus", [
        "Status must be one of triggered, acknowledged, resolved",
      ]);
    }

    const next: SimIncident = structuredClone(current);
    const events: SimEvent[] = [];
    const when = now();
    const at = when.toISOString();
    const event = (type: string) =>
      events.push(buildIncidentEvent(state, type, next, cause(actor), when));
    const status = input.status as SimIncident["status"] | undefined;
    const reopening = current.status === "resolved" &&
      (status === "triggered" || status === "acknowledged");
    const routing = input.assignments !== undefined ||
      input.escalation_policy !== undefined ||
      input.escalation_level !== undefined;
    if (current.status === "resolved" && routing && !reopening) {
      throw new PagerDutyError("incidentAlreadyResolved");
    }

    if (input.title !== undefined) next.title = input.title as string;
    if (input.urgency !== undefined) {
      next.urgency = input.urgency as SimIncident["urgency"];
    }
    if (input.priority !== undefined) {
      const priorityId = resolvePriority(input.priority);
      if (priorityId !== next.priorityId) {
        next.priorityId = priorityId;
        event("incident.priority_updated");
      }
    }

    if (reopening) {
      setStatus(next, "triggered", actor, at);
      if (input.assignments !== undefined) {
        next.assignedVia = "direct_assignment";
        next.assignments = parseAssignees(input.assignments).map((userId) => ({
          userId,
          at,
        }));
      } else if (input.escalation_policy !== undefined) {
        assignToLevel(next, requirePolicy(input.escalation_policy), 1, at);
      } else if (status === "acknowledged" && actor.userId !== null) {
        // Reopening as acknowledged assigns the incident to the requester (REST spec, PUT /incidents/{id}).
        next.assignedVia = "direct_assignment";
        next.assignments = [{ userId: actor.userId, at }];
      } else {
        assignToLevel(next, next.escalationPolicyId, 1, at);
      }
      event("incident.reopened");
      if (status === "acknowledged") {
        setStatus(next, "acknowledged", actor, at);
        next.acknowledgements = actor.userId
          ? [{ userId: actor.userId, at }]
          : [];
        event("incident.acknowledged");
      }
    } else {
      if (input.escalation_policy !== undefined) {
        assignToLevel(next, requirePolicy(input.escalation_policy), 1, at);
        retrigger(next, actor, at);
        event("incident.delegated");
      } else if (input.assignments !== undefined) {
        next.assignedVia = "direct_assignment";
        next.assignments = parseAssignees(input.assignments).map((userId) => ({
          userId,
          at,
        }));
        retrigger(next, actor, at);
        event("incident.reassigned");
      }
      if (input.escalation_level !== undefined) {
        const level = input.escalation_level as number;
        const policy = state.escalationPolicies.get(next.escalationPolicyId);
        const levels = policy?.levels.length ?? 0;
        if (level > levels) {
          throw new PagerDutyError("cannotEscalate", [
            `Escalation level ${level} is beyond the last level (${levels}) of the escalation policy`,
          ]);
        }
        assignToLevel(next, next.escalationPolicyId, level, at);
        retrigger(next, actor, at);
        event("incident.escalated");
      }
      if (status !== undefined) applyStatus(next, status, actor, at, event);
    }
    if (typeof input.resolution === "string" && next.status === "resolved") {
      // PagerDuty keeps the resolution as a note on the resolve log entry.
      state.notes.push({
        id: newId(state),
        incidentId: next.id,
        userId: actor.userId,
        content: input.resolution,
        createdAt: at,
      });
    }
    next.updatedAt = at;
    return { next, events };
  }

  function requirePolicy(ref: unknown): string {
    const id = referenceId(
      ref,
      REFERENCE_TYPES.escalationPolicy,
      "escalation_policy",
    );
    if (!state.escalationPolicies.has(id)) {
      throw new PagerDutyError("escalationPolicyNotFound");
    }
    return id;
  }

  /** Re-routing an acknowledged incident makes it triggered again: the new assignees must acknowledge. */
  function retrigger(incident: SimIncident, actor: Actor, at: string): void {
    if (incident.status === "acknowledged") {
      setStatus(incident, "triggered", actor, at);
    }
  }

  function applyStatus(
    next: SimIncident,
    status: SimIncident["status"],
    actor: Actor,
    at: string,
    event: (type: string) => void,
  ): void {
    if (status === "resolved") {
      if (next.status === "resolved") {
        throw new PagerDutyError("incidentAlreadyResolved");
      }
      setStatus(next, "resolved", actor, at);
      event("incident.resolved");
    } else if (status === "acknowledged") {
      if (next.status === "acknowledged") {
        throw new PagerDutyError("incidentAlreadyAcknowledged");
      }
      setStatus(next, "acknowledged", actor, at);
      next.acknowledgements = actor.userId
        ? [{ userId: actor.userId, at }]
        : [];
      event("incident.acknowledged");
    } else {
      if (next.status !== "acknowledged") {
        throw new PagerDutyError("incidentNotAcknowledged");
      }
      setStatus(next, "triggered", actor, at);
      event("incident.unacknowledged");
    }
  }

  function update(id: string, input: unknown, actor: Actor): SimIncident {
    const current = requireIncident(id);
    const { next, events } = plan(current, input, actor);
    state.incidents.set(next.id, next);
    emit(events);
    return next;
  }

  /** PUT /incidents: all items are checked first; one invalid item rejects the whole request. */
  function updateMany(items: unknown, actor: Actor): SimIncident[] {
    if (!Array.isArray(items) || items.length === 0) {
      throw new PagerDutyError("invalidInput", [
        "incidents must be a non-empty array",
      ]);
    }
    if (items.length > 500) {
      throw new PagerDutyError("invalidInput", [
        "At most 500 incidents can be updated at once",
      ]);
    }
    const plans = items.map((item) => {
      const id = isObject(item) ? item.id : undefined;
      if (typeof id !== "string") {
        throw new PagerDutyError("invalidInput", ["Each incident needs an id"]);
      }
      return plan(requireIncident(id), item, actor);
    });
    for (const { next } of plans) state.incidents.set(next.id, next);
    emit(plans.flatMap((p) => p.events));
    return plans.map((p) => p.next);
  }

  function addNote(id: string, input: unknown, actor: Actor): SimNote {
    const incident = requireIncident(id);
    authorize(actor, "incident.manage", incident);
    if (
      !isObject(input) || typeof input.content !== "string" ||
      input.content === ""
    ) {
      throw new PagerDutyError("invalidInput", ["Note content can't be blank"]);
    }
    const when = now();
    const note: SimNote = {
      id: newId(state),
      incidentId: incident.id,
      userId: actor.userId,
      content: input.content,
      createdAt: when.toISOString(),
    };
    state.notes.push(note);
    const data: WebhookIncidentNote = {
      id: note.id,
      type: "incident_note",
      incident: webhookIncidentReference(state, incident),
      content: note.content,
      trimmed: false,
    };
    emit([
      buildIncidentEvent(
        state,
        "incident.annotated",
        incident,
        cause(actor),
        when,
        data,
      ),
    ]);
    return note;
  }

  function addStatusUpdate(
    id: string,
    input: unknown,
    actor: Actor,
  ): SimStatusUpdate {
    const incident = requireIncident(id);
    authorize(actor, "incident.manage", incident);
    if (
      !isObject(input) || typeof input.message !== "string" ||
      input.message === ""
    ) {
      throw new PagerDutyError("invalidInput", ["Message can't be blank"]);
    }
    for (const field of ["subject", "html_message"] as const) {
      if (input[field] !== undefined && typeof input[field] !== "string") {
        throw new PagerDutyError("invalidInput", [`${field} must be a string`]);
      }
    }
    const when = now();
    const update: SimStatusUpdate = {
      id: newId(state),
      incidentId: incident.id,
      senderId: actor.userId,
      message: input.message,
      subject: (input.subject as string | undefined) ?? null,
      htmlMessage: (input.html_message as string | undefined) ?? null,
      createdAt: when.toISOString(),
    };
    state.statusUpdates.push(update);
    const data: WebhookIncidentStatusUpdate = {
      id: update.id,
      type: "incident_status_update",
      incident: webhookIncidentReference(state, incident),
      message: update.message,
      trimmed: false,
    };
    emit([
      buildIncidentEvent(
        state,
        "incident.status_update_published",
        incident,
        cause(actor),
        when,
        data,
      ),
    ]);
    return update;
  }

  function requestResponders(
    id: string,
    input: unknown,
    actor: Actor,
  ): SimResponderRequest {
    const incident = requireIncident(id);
    const errors: string[] = [];
    if (!isObject(input)) {
      throw new PagerDutyError("invalidInput", ["Body is required"]);
    }
    if (typeof input.requester_id !== "string") {
      errors.push("requester_id is required");
    }
    if (typeof input.message !== "string") errors.push("message is required");
    if (
      !Array.isArray(input.responder_request_targets) ||
      input.responder_request_targets.length === 0
    ) {
      errors.push("responder_request_targets must be a non-empty array");
    }
    if (errors.length) throw new PagerDutyError("invalidInput", errors);
    const requesterId = input.requester_id as string;
    if (!state.users.has(requesterId)) {
      throw new PagerDutyError("invalidInput", [
        `Requester ${requesterId} not found`,
      ]);
    }
    const requester: Actor = actor.via === "user_token"
      ? actor
      : { ...actor, userId: requesterId };
    authorize(requester, "incident.manage", incident);
    const targets = (input.responder_request_targets as unknown[]).map(
      (raw) => {
        const target = isObject(raw) && isObject(raw.responder_request_target)
          ? raw.responder_request_target
          : raw;
        if (!isObject(target) || typeof target.id !== "string") {
          throw new PagerDutyError("invalidInput", [
            "Each target needs an id and a type",
          ]);
        }
        if (target.type === "user_reference" || target.type === "user") {
          if (!state.users.has(target.id)) {
            throw new PagerDutyError("invalidInput", [
              `User ${target.id} not found`,
            ]);
          }
          return { type: "user" as const, id: target.id };
        }
        if (
          target.type === "escalation_policy_reference" ||
          target.type === "escalation_policy"
        ) {
          if (!state.escalationPolicies.has(target.id)) {
            throw new PagerDutyError("escalationPolicyNotFound");
          }
          return { type: "escalation_policy" as const, id: target.id };
        }
        throw new PagerDutyError("invalidInput", [
          "Target type must be user_reference or escalation_policy_reference",
        ]);
      },
    );
    const when = now();
    const request: SimResponderRequest = {
      id: newId(state),
      incidentId: incident.id,
      requesterId,
      message: input.message as string,
      requestedAt: when.toISOString(),
      targets,
    };
    state.responderRequests.push(request);
    const events: SimEvent[] = [];
    for (const target of targets) {
      const userIds = target.type === "user"
        ? [target.id]
        : levelUserIds(state, target.id, 1, when);
      for (const userId of userIds) {
        if (!incident.responderIds.includes(userId)) {
          incident.responderIds.push(userId);
        }
        const data: WebhookIncidentResponder = {
          type: "incident_responder",
          incident: webhookIncidentReference(state, incident),
          user: userReference(state, userId),
          escalation_policy: target.type === "escalation_policy"
            ? { id: target.id, type: "escalation_policy_reference" }
            : null,
          message: request.message,
          state: "pending",
          requester: userReference(state, requesterId),
        };
        events.push(
          buildIncidentEvent(
            state,
            "incident.responder.added",
            incident,
            cause(requester),
            when,
            data,
          ),
        );
      }
    }
    emit(events);
    return request;
  }

  /**
   * A requested responder accepts or declines (in PagerDuty's apps; the REST API has no call for it):
   * publishes `incident.responder.replied`.
   */
  function replyToResponderRequest(
    id: string,
    userId: string,
    answer: "accepted" | "declined",
  ): void {
    const incident = requireIncident(id);
    const request = [...state.responderRequests].reverse().find((r) =>
      r.incidentId === incident.id &&
      r.targets.some((t) => t.type === "user" && t.id === userId)
    );
    if (!request) {
      throw new PagerDutyError("notFound", [
        `No responder request for ${userId} on ${incident.id}`,
      ]);
    }
    const when = now();
    const data: WebhookIncidentResponder = {
      type: "incident_responder",
      incident: webhookIncidentReference(state, incident),
      user: userReference(state, userId),
      escalation_policy: null,
      message: request.message,
      state: answer,
      requester: userReference(state, request.requesterId),
    };
    emit([
      buildIncidentEvent(
        state,
        "incident.responder.replied",
        incident,
        { agentUserId: userId, clientName: null },
        when,
        data,
      ),
    ]);
  }

  function snooze(id: string, input: unknown, actor: Actor): SimIncident {
    const incident = requireIncident(id);
    authorize(actor, "incident.manage", incident);
    const duration = isObject(input) ? input.duration : undefined;
    if (
      !Number.isInteger(duration) || (duration as number) < 1 ||
      (duration as number) > 604800
    ) {
      throw new PagerDutyError("invalidInput", [
        "Duration must be an integer number of seconds between 1 and 604800",
      ]);
    }
    if (incident.status === "resolved") {
      throw new PagerDutyError("incidentAlreadyResolved");
    }
    if (incident.status !== "acknowledged") {
      throw new PagerDutyError("incidentNotAcknowledged");
    }
    const when = now();
    incident.snoozedUntil = new Date(
      when.getTime() + (duration as number) * 1000,
    ).toISOString();
    incident.updatedAt = when.toISOString();
    return incident;
  }

  function startWorkflow(
    workflowId: string,
    input: unknown,
    actor: Actor,
  ): SimWorkflowInstance {
    const workflow = state.workflows.get(workflowId);
    if (!workflow) {
      throw new PagerDutyError("notFound", ["Incident Workflow Not Found"]);
    }
    const body = isObject(input) ? input.incident_workflow_instance : undefined;
    const incidentRef = isObject(body) ? body.incident : undefined;
    if (!isObject(incidentRef) || typeof incidentRef.id !== "string") {
      throw new PagerDutyError("invalidInput", [
        "incident_workflow_instance.incident.id is required",
      ]);
    }
    if (
      incidentRef.type !== undefined &&
      incidentRef.type !== "incident_reference"
    ) {
      throw new PagerDutyError("invalidInput", [
        "incident type must be incident_reference",
      ]);
    }
    const incident = requireIncident(incidentRef.id);
    authorize(actor, "incident.manage", incident);
    const when = now();
    const instance: SimWorkflowInstance = {
      id: typeof (body as Json).id === "string"
        ? (body as Json).id as string
        : newId(state),
      workflowId,
      incidentId: incident.id,
      createdAt: when.toISOString(),
    };
    state.workflowInstances.push(instance);
    const data = {
      type: "incident_workflow_instance",
      id: instance.id,
      incident: webhookIncidentReference(state, incident),
      incident_workflow: {
        id: workflow.id,
        type: "incident_workflow_reference",
        summary: workflow.name,
      },
    };
    // Workflow steps run in PagerDuty's background; the simulator's workflows have no steps and complete at once.
    emit(
      ["incident.workflow.started", "incident.workflow.completed"].map((type) =>
        buildIncidentEvent(state, type, incident, cause(actor), when, data)
      ),
    );
    return instance;
  }

  return {
    authorize,
    create,
    update,
    updateMany,
    addNote,
    addStatusUpdate,
    requestResponders,
    replyToResponderRequest,
    snooze,
    startWorkflow,
  };
}

export type IncidentCommands = ReturnType<typeof createIncidentCommands>;

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

/** Reference `type` values the REST spec allows per field of incident writes. */
const REFERENCE_TYPES = {
  service: ["service_reference"],
  user: ["user_reference"],
  escalationPolicy: ["escalation_policy_reference"],
  priority: ["priority_reference", "priority"],
} as const;

/** Why `value` is not a reference of one of `types` (`{id, type}`), or null when it is one. */
function referenceProblem(
  value: unknown,
  types: readonly string[],
  name: string,
): string | null {
  if (!isObject(value) || typeof value.id !== "string") {
    return `${name} must be a reference with an id`;
  }
  if (typeof value.type !== "string" || !types.includes(value.type)) {
    return `${name}.type must be one of ${types.join(", ")}`;
  }
  return null;
}

function referenceId(
  value: unknown,
  types: readonly string[],
  name: string,
): string {
  const problem = referenceProblem(value, types, name);
  if (problem) throw new PagerDutyError("invalidInput", [problem]);
  return (value as Json).id as string;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
