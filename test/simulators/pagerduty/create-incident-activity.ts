// Incident activity besides status and routing: notes, status updates, responder requests (and their
// replies), snooze and incident workflow runs, each with the webhook event PagerDuty publishes for it.

import type {
  WebhookIncidentNote,
  WebhookIncidentResponder,
  WebhookIncidentStatusUpdate,
} from "../../../shared/pagerduty/webhook-event.ts";
import {
  buildIncidentEvent,
  type SimEvent,
  webhookIncidentReference,
} from "./build-webhook-event.ts";
import { levelUserIds } from "./compute-oncalls.ts";
import type { Actor, IncidentContext } from "./create-incident-context.ts";
import { isObject, type Json } from "./incident-input.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import {
  escalationPolicyReference,
  serviceReference,
  userReference,
} from "./render-rest-resource.ts";
import {
  newId,
  type SimIncident,
  type SimNote,
  type SimResponderRequest,
  type SimStatusUpdate,
  type SimWorkflowInstance,
} from "./simulator-state.ts";

export function createIncidentActivity(context: IncidentContext) {
  const { state, now, emit, authorize, cause, requireIncident } = context;

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
            ? escalationPolicyReference(state, target.id)
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
    // As in the current V3 overview's `incident_workflow_instance`: the instance is named after its workflow and
    // names the trigger that started it (the simulator's workflows have one manual trigger) and the service.
    const data = {
      type: "incident_workflow_instance",
      id: instance.id,
      summary: workflow.name,
      incident: webhookIncidentReference(state, incident),
      incident_workflow: {
        id: workflow.id,
        type: "incident_workflow_reference",
        summary: workflow.name,
      },
      workflow_trigger: {
        id: workflow.triggerId,
        type: "workflow_trigger_reference",
        summary: "Manual",
      },
      service: serviceReference(state, incident.serviceId),
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
    addNote,
    addStatusUpdate,
    requestResponders,
    replyToResponderRequest,
    snooze,
    startWorkflow,
  };
}
