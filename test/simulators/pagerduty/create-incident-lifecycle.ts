// The incident state machine: create, and every change PUT /incidents/{id} (and the bulk PUT /incidents)
// allows, with PagerDuty's rules and error codes and the V3 webhook events each change publishes. Changes are
// made on a copy and committed only when the whole request is valid, so a rejected request leaves the incident
// untouched and emits nothing.

import {
  buildIncidentEvent,
  type SimEvent,
  webhookIncidentReference,
} from "./build-webhook-event.ts";
import { levelUserIds } from "./compute-oncalls.ts";
import type { Actor, IncidentContext } from "./create-incident-context.ts";
import {
  INCIDENT_STATUSES,
  isObject,
  type Json,
  REFERENCE_TYPES,
  referenceId,
  referenceProblem,
  URGENCIES,
} from "./incident-input.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import {
  BASE_INCIDENT_TYPE,
  newId,
  type SimIncident,
} from "./simulator-state.ts";

/** PUT /incidents takes at most this many incidents per request. */
const BULK_UPDATE_MAX = 250;

export function createIncidentLifecycle(context: IncidentContext) {
  const { state, now, emit, authorize, cause, requireIncident } = context;

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
      incidentTypeId: BASE_INCIDENT_TYPE.id,
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
    events.push(...planAttributes(next, input, actor, when));

    if (reopening) {
      setStatus(next, "triggered", actor, at);
      next.reopenedAt = at;
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

  /**
   * The fields of PUT /incidents/{id} besides status and routing that publish their own event (REST spec
   * IncidentBody: `conference_bridge`, `incident_type`, `service`; V3 events
   * `incident.conference_bridge.updated`, `incident.incident_type.changed`, `incident.service_updated`).
   */
  function planAttributes(
    next: SimIncident,
    input: Json,
    actor: Actor,
    when: Date,
  ): SimEvent[] {
    const events: SimEvent[] = [];
    if (input.service !== undefined) {
      const serviceId = referenceId(
        input.service,
        REFERENCE_TYPES.service,
        "service",
      );
      if (!state.services.has(serviceId)) {
        throw new PagerDutyError("invalidInput", [
          `Service ${serviceId} not found`,
        ]);
      }
      if (serviceId !== next.serviceId) {
        next.serviceId = serviceId;
        events.push(
          buildIncidentEvent(
            state,
            "incident.service_updated",
            next,
            cause(actor),
            when,
          ),
        );
      }
    }
    if (input.incident_type !== undefined) {
      const ref = input.incident_type;
      const type = isObject(ref)
        ? [...state.incidentTypes.values()].find((t) =>
          t.id === ref.id || t.name === ref.name
        )
        : undefined;
      if (!type) {
        throw new PagerDutyError("invalidInput", ["Incident type not found"]);
      }
      if (type.id !== next.incidentTypeId) {
        next.incidentTypeId = type.id;
        events.push(
          buildIncidentEvent(
            state,
            "incident.incident_type.changed",
            next,
            cause(actor),
            when,
          ),
        );
      }
    }
    if (input.conference_bridge !== undefined) {
      const bridge = parseConferenceBridge(input.conference_bridge);
      if (JSON.stringify(bridge) !== JSON.stringify(next.conferenceBridge)) {
        next.conferenceBridge = bridge;
        events.push(
          buildIncidentEvent(
            state,
            "incident.conference_bridge.updated",
            next,
            cause(actor),
            when,
            conferenceBridgeData(state, next),
          ),
        );
      }
    }
    return events;
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

  /** PUT /incidents: at most BULK_UPDATE_MAX items, all checked first; one invalid item rejects the whole request. */
  function updateMany(items: unknown, actor: Actor): SimIncident[] {
    if (!Array.isArray(items) || items.length === 0) {
      throw new PagerDutyError("invalidInput", [
        "incidents must be a non-empty array",
      ]);
    }
    // "A maximum of 250 incidents may be updated at a time. If more than this number of incidents are given, the
    // API will respond with status 413" (REST reference, PUT /incidents).
    if (items.length > BULK_UPDATE_MAX) {
      throw new PagerDutyError("tooManyIncidents", [
        `At most ${BULK_UPDATE_MAX} incidents can be updated at once`,
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

  return { create, update, updateMany };
}

/** `conference_bridge` of an incident update: both fields optional strings (REST spec `ConferenceBridge`). */
function parseConferenceBridge(
  value: unknown,
): SimIncident["conferenceBridge"] {
  if (value === null) return null;
  if (!isObject(value)) {
    throw new PagerDutyError("invalidInput", [
      "conference_bridge must be an object",
    ]);
  }
  const bridge: NonNullable<SimIncident["conferenceBridge"]> = {};
  for (const field of ["conference_number", "conference_url"] as const) {
    const raw = value[field];
    if (raw === undefined) continue;
    if (typeof raw !== "string") {
      throw new PagerDutyError("invalidInput", [`${field} must be a string`]);
    }
    bridge[field] = raw;
  }
  return bridge;
}

/**
 * `data` of `incident.conference_bridge.updated` (type `incident_conference_bridge`): numbers as a list of
 * `{label, number}`, unlike the single `conference_number` of incident data
 * (https://docs.pagerduty.com/developer/webhooks-overview, "incident_conference_bridge").
 */
function conferenceBridgeData(
  state: Parameters<typeof webhookIncidentReference>[0],
  incident: SimIncident,
) {
  const bridge = incident.conferenceBridge;
  return {
    type: "incident_conference_bridge",
    incident: webhookIncidentReference(state, incident),
    conference_numbers: bridge?.conference_number
      ? [{ label: "", number: bridge.conference_number }]
      : [],
    conference_url: bridge?.conference_url ?? null,
  };
}
