// Control-API writes that set up an account: the things PagerDuty admins configure in the web UI and that the
// REST subset does not create (teams, schedules, policies, services, priorities, workflows, keys and tokens).

import { randomBytes } from "node:crypto";
import { INCIDENT_EVENT_TYPES } from "../../../shared/pagerduty/event-types.ts";
import {
  type EscalationTarget,
  newId,
  type SimApiKey,
  type SimAutomationAction,
  type SimCustomField,
  type SimEscalationPolicy,
  type SimEventsIntegration,
  type SimIncidentType,
  type SimPriority,
  type SimSchedule,
  type SimScheduleLayer,
  type SimService,
  type SimShift,
  type SimTeam,
  type SimulatorState,
  type SimUser,
  type SimUserToken,
  type SimWebhookSubscription,
  type SimWorkflow,
  type UserRole,
} from "./simulator-state.ts";

export interface SeedUser {
  id?: string;
  name: string;
  email: string;
  role?: UserRole;
  timeZone?: string;
  teamIds?: string[];
}

export interface SeedSchedule {
  id?: string;
  name: string;
  timeZone?: string;
  /** Explicit shifts, or `userIds` for one open-ended shift per user starting a day ago (all on call now). */
  shifts?: SimShift[];
  userIds?: string[];
  /** Rotations (on call changes over the simulator's clock); with them `userIds` seeds no shifts. */
  layers?: SimScheduleLayer[];
}

export interface SeedEscalationPolicy {
  id?: string;
  name: string;
  description?: string;
  numLoops?: number;
  teamIds?: string[];
  levels: { delayMinutes?: number; targets: EscalationTarget[] }[];
}

export interface SeedService {
  id?: string;
  name: string;
  description?: string;
  escalationPolicyId: string;
  teamIds?: string[];
  /** Time-based alert grouping (see SimService.alertGrouping); the spec allows 1 to 1440 minutes, or 0. */
  alertGrouping?: SimService["alertGrouping"];
}

export interface SeedWebhookSubscription {
  url: string;
  events?: string[];
  filter?: SimWebhookSubscription["filter"];
  /** Defaults to a random 64-character secret, like PagerDuty's. */
  secret?: string;
  description?: string;
}

export function newWebhookSecret(): string {
  return randomBytes(32).toString("base64url").slice(0, 64);
}

export function createSeeder(state: SimulatorState, now: () => Date) {
  const stamp = () => now().toISOString();
  function requireUser(id: string): void {
    if (!state.users.has(id)) throw new Error(`seed: unknown user ${id}`);
  }
  return {
    team(input: { id?: string; name: string; description?: string }): SimTeam {
      const team = {
        id: input.id ?? newId(state),
        name: input.name,
        description: input.description ?? "",
      };
      state.teams.set(team.id, team);
      return team;
    },
    user(input: SeedUser): SimUser {
      const email = input.email.toLowerCase();
      if ([...state.users.values()].some((u) => u.email === email)) {
        throw new Error(`seed: email ${email} already used`);
      }
      const user: SimUser = {
        id: input.id ?? newId(state),
        name: input.name,
        email,
        role: input.role ?? "user",
        timeZone: input.timeZone ?? "Etc/UTC",
        teamIds: input.teamIds ?? [],
        createdAt: stamp(),
      };
      state.users.set(user.id, user);
      return user;
    },
    schedule(input: SeedSchedule): SimSchedule {
      const dayAgo = new Date(now().getTime() - 86_400_000).toISOString();
      const shifts = input.shifts ?? (input.layers ? [] : input.userIds ?? [])
        .map((userId) => ({
          userId,
          start: dayAgo,
          end: null,
        }));
      shifts.forEach((s) => requireUser(s.userId));
      input.layers?.forEach((l) => l.userIds.forEach(requireUser));
      const schedule: SimSchedule = {
        id: input.id ?? newId(state),
        name: input.name,
        timeZone: input.timeZone ?? "Etc/UTC",
        shifts,
        ...(input.layers ? { layers: input.layers } : {}),
      };
      state.schedules.set(schedule.id, schedule);
      return schedule;
    },
    escalationPolicy(input: SeedEscalationPolicy): SimEscalationPolicy {
      if (input.levels.length === 0) {
        throw new Error("seed: an escalation policy needs a level");
      }
      for (const level of input.levels) {
        for (const target of level.targets) {
          const known = target.type === "user"
            ? state.users.has(target.id)
            : state.schedules.has(target.id);
          if (!known) {
            throw new Error(`seed: unknown ${target.type} ${target.id}`);
          }
        }
      }
      const policy: SimEscalationPolicy = {
        id: input.id ?? newId(state),
        name: input.name,
        description: input.description ?? "",
        numLoops: input.numLoops ?? 0,
        teamIds: input.teamIds ?? [],
        levels: input.levels.map((level) => ({
          id: newId(state),
          delayMinutes: level.delayMinutes ?? 30,
          targets: level.targets,
        })),
      };
      state.escalationPolicies.set(policy.id, policy);
      return policy;
    },
    service(input: SeedService): SimService {
      if (!state.escalationPolicies.has(input.escalationPolicyId)) {
        throw new Error(
          `seed: unknown escalation policy ${input.escalationPolicyId}`,
        );
      }
      const service: SimService = {
        id: input.id ?? newId(state),
        name: input.name,
        description: input.description ?? "",
        escalationPolicyId: input.escalationPolicyId,
        teamIds: input.teamIds ?? [],
        status: "active",
        createdAt: stamp(),
        alertGrouping: input.alertGrouping ?? null,
      };
      state.services.set(service.id, service);
      return service;
    },
    /** Turns time-based alert grouping on (or off, with null) for a service, as its settings page does. */
    alertGrouping(
      serviceId: string,
      grouping: NonNullable<SimService["alertGrouping"]> | null,
    ): void {
      const service = state.services.get(serviceId);
      if (!service) throw new Error(`seed: unknown service ${serviceId}`);
      if (
        grouping &&
        !(grouping.timeoutMinutes === 0 ||
          (grouping.timeoutMinutes >= 1 && grouping.timeoutMinutes <= 1440))
      ) {
        // TimeBasedAlertGroupingConfiguration: 1 to 1440 minutes, or 0 for "until resolved".
        throw new Error(`seed: grouping timeout ${grouping.timeoutMinutes}`);
      }
      service.alertGrouping = grouping;
    },
    /**
     * An Events API v2 integration on a service; `key` defaults to a random 32-character integration key (the
     * `routing_key` events are sent with).
     */
    eventsIntegration(
      input: { serviceId: string; key?: string; name?: string },
    ): SimEventsIntegration {
      if (!state.services.has(input.serviceId)) {
        throw new Error(`seed: unknown service ${input.serviceId}`);
      }
      const integration: SimEventsIntegration = {
        id: newId(state),
        key: input.key ?? randomBytes(16).toString("hex"),
        serviceId: input.serviceId,
        name: input.name ?? "Events API V2",
      };
      state.eventsIntegrations.set(integration.key, integration);
      return integration;
    },
    /** Replaces the account's priorities (highest first, like PagerDuty's list); `null` disables the feature. */
    priorities(names: string[] | null): SimPriority[] | null {
      state.priorities = names === null
        ? null
        : names.map((name) => ({ id: newId(state), name, description: "" }));
      return state.priorities;
    },
    workflow(
      input: {
        id?: string;
        name: string;
        description?: string;
        serviceIds?: string[];
      },
    ): SimWorkflow {
      const workflow: SimWorkflow = {
        id: input.id ?? newId(state),
        name: input.name,
        description: input.description ?? "",
        createdAt: stamp(),
        triggerServiceIds: input.serviceIds ?? null,
        triggerId: newId(state),
      };
      state.workflows.set(workflow.id, workflow);
      return workflow;
    },
    /** A custom field on incidents or services (PagerDuty's "Custom Fields" settings). */
    customField(
      input: {
        namespace: SimCustomField["namespace"];
        name: string;
        displayName?: string;
        description?: string;
        dataType?: SimCustomField["dataType"];
        fieldType?: SimCustomField["fieldType"];
      },
    ): SimCustomField {
      const field: SimCustomField = {
        id: newId(state),
        namespace: input.namespace,
        name: input.name,
        displayName: input.displayName ?? input.name,
        description: input.description ?? null,
        dataType: input.dataType ?? "string",
        fieldType: input.fieldType ?? "single_value",
      };
      state.customFields.set(field.id, field);
      return field;
    },
    /** An automation action with its runner (PagerDuty's "Automation Actions" settings). */
    automationAction(
      input: { name: string; actionType?: SimAutomationAction["actionType"] },
    ): SimAutomationAction {
      const action: SimAutomationAction = {
        id: newId(state),
        name: input.name,
        actionType: input.actionType ?? "script",
        runnerId: newId(state),
      };
      state.automationActions.set(action.id, action);
      return action;
    },
    /** An incident type besides the base `incident_default` (PagerDuty's "Incident Types" settings). */
    incidentType(
      input: { name: string; displayName?: string },
    ): SimIncidentType {
      const type: SimIncidentType = {
        id: newId(state),
        name: input.name,
        displayName: input.displayName ?? input.name,
      };
      state.incidentTypes.set(type.id, type);
      return type;
    },
    apiKey(
      input: { key?: string; readOnly?: boolean; description?: string } = {},
    ): SimApiKey {
      const apiKey: SimApiKey = {
        key: input.key ?? `u+${randomBytes(12).toString("base64url")}`,
        readOnly: input.readOnly ?? false,
        description: input.description ?? "",
      };
      state.apiKeys.set(apiKey.key, apiKey);
      return apiKey;
    },
    userToken(
      input: {
        userId: string;
        token?: string;
        scopes?: string[] | null;
        clientName?: string | null;
      },
    ): SimUserToken {
      requireUser(input.userId);
      const token: SimUserToken = {
        token: input.token ?? `pdus+${randomBytes(16).toString("base64url")}`,
        userId: input.userId,
        scopes: input.scopes ?? null,
        clientName: input.clientName ?? null,
      };
      state.userTokens.set(token.token, token);
      return token;
    },
    webhookSubscription(
      input: SeedWebhookSubscription,
    ): SimWebhookSubscription {
      const subscription: SimWebhookSubscription = {
        id: newId(state),
        url: input.url,
        description: input.description ?? "",
        events: input.events ?? [...INCIDENT_EVENT_TYPES],
        filter: input.filter ?? { type: "account_reference", id: null },
        secrets: [input.secret ?? newWebhookSecret()],
        active: true,
        temporarilyDisabled: false,
        consecutiveDrops: 0,
        customHeaders: [],
        deliveryMethodId: newId(state),
      };
      state.webhookSubscriptions.set(subscription.id, subscription);
      return subscription;
    },
  };
}

export type Seeder = ReturnType<typeof createSeeder>;
