// Starts the PagerDuty simulator: a real HTTP server on 127.0.0.1 (random port) serving the REST API v2 subset,
// plus a typed control API for tests, the demo and benchmarks (seed data, read state, inject faults, manage
// webhook delivery). See README.md in this folder.

import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import {
  type Actor,
  createIncidentCommands,
  findIncident,
} from "./incident-commands.ts";
import {
  createPagerDutyApp,
  type RequestLogEntry,
} from "./create-pagerduty-app.ts";
import { createRestFaults, type RestFaults } from "./create-rest-faults.ts";
import {
  createSeeder,
  newWebhookSecret,
  type Seeder,
} from "./create-seeder.ts";
import { createOAuthGrants, type OAuthGrants } from "./oauth-grants.ts";
import { createRateLimiter } from "./rate-limiter.ts";
import { renderIncident } from "./render-rest-resource.ts";
import type { SimulatorServices } from "./request-context.ts";
import type {
  InvocationState,
  TaskChanges,
  TaskInput,
} from "./create-incident-response.ts";
import {
  createSimulatorState,
  type SimActionInvocation,
  type SimIncident,
  type SimIncidentTask,
  type SimNote,
  type SimRoleAssignment,
  type SimulatorState,
  type SimWebhookSubscription,
} from "./simulator-state.ts";
import {
  createWebhookDispatcher,
  type DeliveryRecord,
  type WebhookFaults,
  type WebhookTimingOptions,
} from "./webhook-dispatcher.ts";

export interface PagerDutySimulatorOptions {
  /** Clock for timestamps and the rate-limit window. Defaults to the real clock. */
  now?: () => Date;
  rateLimit?: { limit?: number; windowMs?: number };
  webhooks?: WebhookTimingOptions & {
    faults?: Partial<WebhookFaults>;
    seed?: number;
  };
  /** Reject requests without `Accept: application/vnd.pagerduty+json;version=2` (default true). */
  strictAccept?: boolean;
  /** PagerDuty only delivers to HTTPS URLs; off by default so tests can use loopback HTTP receivers. */
  requireHttpsWebhookUrls?: boolean;
  /** Base URLs written into `self` / `html_url`. `self` defaults to the simulator's own URL. */
  apiUrl?: string;
  webUrl?: string;
}

export interface TriggerIncidentInput {
  serviceId: string;
  title: string;
  urgency?: "high" | "low";
  /** Priority name (e.g. "P1"). */
  priority?: string;
  incidentKey?: string;
  details?: string;
}

export interface PagerDutySimulator {
  /** e.g. http://127.0.0.1:54321 (no trailing slash); use it as the REST API base. */
  url: string;
  close(): Promise<void>;
  /** The live account. Prefer the helpers below; direct mutation skips webhooks. */
  state: SimulatorState;
  seed: Seeder;
  /** Triggers an incident as an integration would (no agent), emitting `incident.triggered`. */
  triggerIncident(input: TriggerIncidentInput): SimIncident;
  /** Runs a REST-equivalent incident update as the given user (or as automation with null), emitting events. */
  updateIncident(
    incidentId: string,
    changes: Record<string, unknown>,
    userId: string | null,
  ): SimIncident;
  /** A requested responder accepts or declines (done in PagerDuty's apps, not the REST API). */
  replyToResponderRequest(
    incidentId: string,
    userId: string,
    answer: "accepted" | "declined",
  ): void;
  /**
   * Changes PagerDuty makes in its web UI, mobile app or workflows without a public REST call, each publishing
   * its V3 event (create-incident-response.ts): incident roles (`incident.role.assigned`; `userId: null`
   * unassigns), tasks (`incident.task.created`, `.updated`, `.completed` when `status: "done"`) and the progress
   * of automation action runs (`incident.action_invocation.updated` / `.terminated` as the runner reports).
   * `agentUserId` null acts as automation.
   */
  assignIncidentRole(
    incidentId: string,
    input: { role: string; userId: string | null },
    agentUserId: string | null,
  ): SimRoleAssignment;
  createIncidentTask(
    incidentId: string,
    input: TaskInput,
    agentUserId: string | null,
  ): SimIncidentTask;
  updateIncidentTask(
    taskId: string,
    changes: TaskChanges,
    agentUserId: string | null,
  ): SimIncidentTask;
  /** As POST /automation_actions/actions/{id}/invocations, or an incident workflow step (agent null). */
  invokeAction(
    actionId: string,
    incidentId: string,
    agentUserId: string | null,
  ): SimActionInvocation;
  updateActionInvocation(
    invocationId: string,
    state: InvocationState,
  ): SimActionInvocation;
  incidents(): SimIncident[];
  incident(idOrNumber: string): SimIncident | undefined;
  /** The REST representation, as GET /incidents/{id} would answer. */
  renderIncident(id: string): Record<string, unknown>;
  notes(incidentId?: string): SimNote[];
  requests(): RequestLogEntry[];
  clearRequests(): void;
  faults: Pick<RestFaults, "failNext" | "rateLimitNext" | "clear">;
  /**
   * OAuth clients and user grants (Scoped OAuth lifetimes: access token a day, refresh token 30 days). Tokens
   * refresh at `${url}/oauth/token`.
   */
  oauth: OAuthGrants;
  webhooks: {
    /** Creates a subscription directly (as PagerDuty's UI would); returns it with its secret. */
    subscribe(
      input: Parameters<Seeder["webhookSubscription"]>[0],
    ): SimWebhookSubscription;
    /** Adds a new secret; deliveries are then signed with every secret until `retireSecrets`. */
    rotateSecret(subscriptionId: string, secret?: string): string;
    /** Keeps only the newest secret. */
    retireSecrets(subscriptionId: string): void;
    setFaults(faults: Partial<WebhookFaults>): void;
    deliveries(): DeliveryRecord[];
    clearDeliveries(): void;
    waitForIdle(): Promise<void>;
    deliverRaw(
      subscriptionId: string,
      body: string | object,
      meta?: {
        incidentId?: string | null;
        eventType?: string;
        eventId?: string;
      },
    ): DeliveryRecord;
    subscription(id: string): SimWebhookSubscription | undefined;
  };
}

export async function startPagerDutySimulator(
  options: PagerDutySimulatorOptions = {},
): Promise<PagerDutySimulator> {
  const now = options.now ?? (() => new Date());
  const state = createSimulatorState({
    apiUrl: options.apiUrl,
    webUrl: options.webUrl,
  });
  const webhooks = createWebhookDispatcher({
    state,
    now,
    timing: options.webhooks,
    faults: options.webhooks?.faults,
    seed: options.webhooks?.seed,
  });
  const commands = createIncidentCommands({
    state,
    now,
    emit: (events) => webhooks.publish(events),
  });
  const services: SimulatorServices = { state, commands, webhooks, now };
  const oauth = createOAuthGrants(state, now);
  const faults = createRestFaults();
  const requestLog: RequestLogEntry[] = [];
  const app = createPagerDutyApp({
    oauth,
    services,
    rateLimiter: createRateLimiter({
      limit: options.rateLimit?.limit,
      windowMs: options.rateLimit?.windowMs,
      now: () => now().getTime(),
    }),
    faults,
    requestLog,
    strictAccept: options.strictAccept ?? true,
    requireHttpsWebhookUrls: options.requireHttpsWebhookUrls ?? false,
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      { fetch: app.fetch, hostname: "127.0.0.1", port: 0 },
      () => resolve(s),
    );
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  if (!options.apiUrl) state.apiUrl = url;

  const automation: Actor = { userId: null, via: "api_key", clientName: null };
  const requireSubscription = (id: string) => {
    const subscription = state.webhookSubscriptions.get(id);
    if (!subscription) throw new Error(`unknown webhook subscription ${id}`);
    return subscription;
  };

  return {
    url,
    state,
    seed: createSeeder(state, now),
    oauth,
    triggerIncident(input) {
      return commands.create({
        type: "incident",
        title: input.title,
        service: { id: input.serviceId, type: "service_reference" },
        ...(input.urgency ? { urgency: input.urgency } : {}),
        ...(input.priority ? { priority: input.priority } : {}),
        ...(input.incidentKey ? { incident_key: input.incidentKey } : {}),
        ...(input.details
          ? { body: { type: "incident_body", details: input.details } }
          : {}),
      }, automation);
    },
    updateIncident(incidentId, changes, userId) {
      return commands.update(incidentId, {
        type: "incident_reference",
        ...changes,
      }, {
        userId,
        via: "user_token",
        clientName: null,
      });
    },
    replyToResponderRequest: (incidentId, userId, answer) =>
      commands.replyToResponderRequest(incidentId, userId, answer),
    assignIncidentRole: (incidentId, input, agentUserId) =>
      commands.assignRole(incidentId, input, agentUserId),
    createIncidentTask: (incidentId, input, agentUserId) =>
      commands.createTask(incidentId, input, agentUserId),
    updateIncidentTask: (taskId, changes, agentUserId) =>
      commands.updateTask(taskId, changes, agentUserId),
    invokeAction: (actionId, incidentId, agentUserId) =>
      commands.invokeAction(
        actionId,
        { invocation: { metadata: { incident_id: incidentId } } },
        { userId: agentUserId, via: "user_token", clientName: null },
      ),
    updateActionInvocation: (invocationId, next) =>
      commands.updateActionInvocation(invocationId, next),
    incidents: () => [...state.incidents.values()],
    incident: (idOrNumber) => findIncident(state, idOrNumber),
    renderIncident(id) {
      const incident = state.incidents.get(id);
      if (!incident) throw new Error(`unknown incident ${id}`);
      return renderIncident(state, incident);
    },
    notes: (incidentId) =>
      state.notes.filter((n) =>
        incidentId === undefined || n.incidentId === incidentId
      ),
    requests: () => requestLog,
    clearRequests: () => {
      requestLog.length = 0;
    },
    faults: {
      failNext: faults.failNext,
      rateLimitNext: faults.rateLimitNext,
      clear: faults.clear,
    },
    webhooks: {
      subscribe: (input) => createSeeder(state, now).webhookSubscription(input),
      rotateSecret(subscriptionId, secret = newWebhookSecret()) {
        requireSubscription(subscriptionId).secrets.push(secret);
        return secret;
      },
      retireSecrets(subscriptionId) {
        const subscription = requireSubscription(subscriptionId);
        subscription.secrets = subscription.secrets.slice(-1);
      },
      setFaults: (next) => webhooks.setFaults(next),
      deliveries: () => webhooks.deliveries(),
      clearDeliveries: () => webhooks.clearDeliveries(),
      waitForIdle: () => webhooks.waitForIdle(),
      deliverRaw: (subscriptionId, body, meta) =>
        webhooks.deliverRaw(requireSubscription(subscriptionId), body, meta),
      subscription: (id) => state.webhookSubscriptions.get(id),
    },
    close() {
      webhooks.close();
      return new Promise<void>((resolve, reject) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
