// Service writes: POST /services, PUT /services/{id}, DELETE /services/{id} and
// PUT /services/{id}/custom_fields/values (REST spec), each publishing its V3 event (`service.created`,
// `.updated`, `.deleted`, `.custom_field_values.updated`; data type `service` / `service_field_values`, as in
// https://docs.pagerduty.com/developer/webhooks-overview).

import {
  buildServiceEvent,
  webhookServiceData,
} from "./build-webhook-event.ts";
import type { Actor, IncidentContext } from "./create-incident-context.ts";
import {
  applyFieldValues,
  currentFieldValues,
  type FieldChange,
  parseFieldValues,
  webhookFieldValue,
} from "./custom-field-values.ts";
import {
  isObject,
  type Json,
  REFERENCE_TYPES,
  referenceId,
} from "./incident-input.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import { serviceReference } from "./render-rest-resource.ts";
import { newId, type SimService } from "./simulator-state.ts";

/** `status` values a client may set; `warning` and `critical` follow from open incidents. */
const WRITABLE_STATUSES = ["active", "disabled", "maintenance"] as const;

export function createServiceCommands(context: IncidentContext) {
  const { state, now, emit, authorize, cause } = context;

  function requireService(id: string): SimService {
    const service = state.services.get(id);
    if (!service) throw new PagerDutyError("notFound", ["Service Not Found"]);
    return service;
  }

  /** Checks and reads the writable fields of a `service` body; `creating` makes name and policy required. */
  function parseService(
    input: unknown,
    creating: boolean,
    selfId: string | null,
  ): Partial<SimService> {
    if (!isObject(input)) {
      throw new PagerDutyError("invalidInput", ["service is required"]);
    }
    const errors: string[] = [];
    const out: Partial<SimService> = {};
    if (input.name !== undefined || creating) {
      if (typeof input.name !== "string" || input.name.trim() === "") {
        errors.push("Name can't be blank");
      } else if (
        [...state.services.values()].some((s) =>
          s.id !== selfId && s.name === input.name
        )
      ) errors.push("Name has already been taken");
      else out.name = input.name;
    }
    if (input.description !== undefined) {
      if (typeof input.description !== "string") {
        errors.push("Description must be a string");
      } else out.description = input.description;
    }
    if (input.status !== undefined) {
      if (
        !(WRITABLE_STATUSES as readonly unknown[]).includes(input.status) ||
        (creating && input.status !== "active")
      ) errors.push("Status is invalid");
      else out.status = input.status as SimService["status"];
    }
    if (errors.length) throw new PagerDutyError("invalidInput", errors);
    if (input.escalation_policy !== undefined || creating) {
      const id = referenceId(
        input.escalation_policy,
        REFERENCE_TYPES.escalationPolicy,
        "escalation_policy",
      );
      if (!state.escalationPolicies.has(id)) {
        throw new PagerDutyError("escalationPolicyNotFound");
      }
      out.escalationPolicyId = id;
    }
    if (input.teams !== undefined) {
      if (!Array.isArray(input.teams)) {
        throw new PagerDutyError("invalidInput", ["teams must be an array"]);
      }
      out.teamIds = input.teams.map((team: Json) => {
        const id = isObject(team) ? team.id : undefined;
        if (typeof id !== "string" || !state.teams.has(id)) {
          throw new PagerDutyError("invalidInput", [`Team ${id} not found`]);
        }
        return id;
      });
    }
    return out;
  }

  function createService(input: unknown, actor: Actor): SimService {
    authorize(actor, "service.manage");
    const fields = parseService(input, true, null);
    const at = now();
    const service: SimService = {
      id: newId(state),
      name: fields.name!,
      description: fields.description ?? "",
      escalationPolicyId: fields.escalationPolicyId!,
      teamIds: fields.teamIds ?? [],
      status: "active",
      createdAt: at.toISOString(),
    };
    state.services.set(service.id, service);
    emit([
      buildServiceEvent(state, "service.created", service, cause(actor), at),
    ]);
    return service;
  }

  function updateService(id: string, input: unknown, actor: Actor): SimService {
    const service = requireService(id);
    authorize(actor, "service.manage");
    Object.assign(service, parseService(input, false, service.id));
    emit([
      buildServiceEvent(state, "service.updated", service, cause(actor), now()),
    ]);
    return service;
  }

  /** The service's incidents stay readable; the webhook carries the service as it was. */
  function deleteService(id: string, actor: Actor): void {
    const service = requireService(id);
    authorize(actor, "service.manage");
    const data = webhookServiceData(state, service);
    state.services.delete(service.id);
    emit([
      buildServiceEvent(
        state,
        "service.deleted",
        service,
        cause(actor),
        now(),
        data,
      ),
    ]);
  }

  function setServiceFieldValues(
    id: string,
    body: unknown,
    actor: Actor,
  ): FieldChange[] {
    const service = requireService(id);
    authorize(actor, "service.manage");
    const changes = parseFieldValues(state, "services", body);
    const previous = applyFieldValues(state, service.id, changes);
    const current = currentFieldValues(state, "services", service.id);
    if (previous.length > 0) {
      const ref = serviceReference(state, service.id);
      emit([
        buildServiceEvent(
          state,
          "service.custom_field_values.updated",
          service,
          cause(actor),
          now(),
          {
            service: { id: ref.id, summary: ref.summary, type: ref.type },
            custom_fields: current.map(webhookFieldValue),
            // As in PagerDuty's example: the changed fields with their previous value.
            changed_custom_fields: previous.map(webhookFieldValue),
            type: "service_field_values",
          },
        ),
      ]);
    }
    return current;
  }

  return {
    requireService,
    createService,
    updateService,
    deleteService,
    setServiceFieldValues,
  };
}
