import { escapeMrkdwn } from "../../shared/cards/escape-mrkdwn.ts";
import type {
  ApiError,
  CardRefresh,
  ChannelConnections,
  Connection,
  IncidentChannel,
  IncidentChannelRequest,
  NotificationPreferences,
  NotificationPreferencesRequest,
  OncallGroup,
  OncallGroupList,
  OncallGroupRequest,
  UsergroupList,
  WorkflowTrigger,
  WorkflowTriggerList,
} from "../../shared/bridge-api/bridge-api-schemas.ts";

/** Why a bridge call failed; `describeBridgeFailure` turns it into a sentence. */
export type BridgeFailure =
  | { kind: "not_configured" }
  | { kind: "unreachable"; cause: string }
  | { kind: "unauthorized" }
  | { kind: "invalid"; field: string | undefined; message: string }
  | { kind: "not_found" }
  | { kind: "server"; status: number; message: string };

export type BridgeResult<T> = { ok: true; value: T } | {
  ok: false;
  failure: BridgeFailure;
};

export interface BridgeClient {
  listConnections(
    channelId: string,
  ): Promise<BridgeResult<ChannelConnections>>;
  putConnection(
    connection: Connection,
  ): Promise<BridgeResult<Connection>>;
  deleteConnection(id: string): Promise<BridgeResult<void>>;
  setIncidentChannel(
    incidentId: string,
    request: IncidentChannelRequest,
  ): Promise<BridgeResult<IncidentChannel>>;
  refreshCards(incidentId: string): Promise<BridgeResult<CardRefresh>>;
  /** Registers link trigger URLs (the ones named; others are kept) for the bridge's `/pd` answers. */
  putWorkflowTriggers(
    triggers: WorkflowTrigger[],
  ): Promise<BridgeResult<WorkflowTriggerList>>;
  /** The registered link trigger URLs (what the bridge's `/pd` answers link to). */
  listWorkflowTriggers(): Promise<BridgeResult<WorkflowTriggerList>>;
  /** This workspace's on-call user groups, with how each one's sync stands (drift: someone edited it by hand). */
  listOncallGroups(): Promise<BridgeResult<OncallGroupList>>;
  /** The workspace's Slack user groups, as the bridge's bot lists them (the hosted app has no usergroups:read). */
  listUsergroups(): Promise<BridgeResult<UsergroupList>>;
  /** Creates or changes one; saving it again is "resume" after a drift (the bridge sets the members again). */
  putOncallGroup(
    id: string,
    group: OncallGroupRequest,
  ): Promise<BridgeResult<OncallGroup>>;
  deleteOncallGroup(id: string): Promise<BridgeResult<void>>;
  /** One person's incident-DM choice (off when they never chose). */
  getNotificationPreferences(
    slackUserId: string,
  ): Promise<BridgeResult<NotificationPreferences>>;
  putNotificationPreferences(
    slackUserId: string,
    request: NotificationPreferencesRequest,
  ): Promise<BridgeResult<NotificationPreferences>>;
}

export interface BridgeClientOptions {
  /** `env.BRIDGE_URL`; undefined makes every call fail with `not_configured`. */
  baseUrl: string | undefined;
  /** `env.BRIDGE_API_TOKEN`. */
  token: string | undefined;
  /**
   * The workspace the hosted app runs in (its function context's `team_id`): connections carry it, since the
   * bridge may post in several workspaces and needs to know whose channel this is.
   */
  teamId?: string;
  fetch?: typeof fetch;
  /** Longest wait for an answer: a hung bridge must not hold Help or a reply until Slack's function timeout. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 3_000;

/**
 * The bridge API (bearer token), its bodies typed by the contract the bridge validates them with
 * (shared/bridge-api/). Never throws: callers must say something when the bridge is away. */
export function createBridgeClient(
  {
    baseUrl,
    token,
    teamId,
    fetch: fetchImpl = fetch,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  }: BridgeClientOptions,
): BridgeClient {
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<BridgeResult<T>> => {
    if (!baseUrl || !token) {
      return { ok: false, failure: { kind: "not_configured" } };
    }
    let response: Response;
    try {
      response = await fetchImpl(baseUrl.replace(/\/+$/, "") + path, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error)?.name === "TimeoutError";
      return {
        ok: false,
        failure: {
          kind: "unreachable",
          cause: timedOut ? `no answer within ${timeoutMs} ms` : String(error),
        },
      };
    }
    if (response.status === 204) return { ok: true, value: undefined as T };
    // The body can stall too; the same signal aborts it, and a stalled body reads as no JSON.
    const json = await response.json().catch(() => undefined);
    if (response.ok) return { ok: true, value: json as T };
    // A proxy in front of the bridge may answer something else entirely.
    const error = json as Partial<ApiError> | undefined;
    const message = typeof error?.error === "string"
      ? error.error
      : `HTTP ${response.status}`;
    if (response.status === 401 || response.status === 403) {
      return { ok: false, failure: { kind: "unauthorized" } };
    }
    if (response.status === 404) {
      return { ok: false, failure: { kind: "not_found" } };
    }
    // 409: the request conflicts with what is stored (a user group another on-call group follows); like a 400 it
    // names the field and says why, which the person can act on.
    if (response.status === 400 || response.status === 409) {
      const field = typeof error?.field === "string" ? error.field : undefined;
      return { ok: false, failure: { kind: "invalid", field, message } };
    }
    return {
      ok: false,
      failure: { kind: "server", status: response.status, message },
    };
  };
  const id = encodeURIComponent;
  return {
    listConnections: (channelId) =>
      call("GET", `/api/v1/connections?channel_id=${id(channelId)}`),
    putConnection: (c) =>
      call(
        "PUT",
        `/api/v1/connections/${id(c.id)}`,
        teamId && !c.team_id ? { ...c, team_id: teamId } : c,
      ),
    deleteConnection: (connectionId) =>
      call("DELETE", `/api/v1/connections/${id(connectionId)}`),
    setIncidentChannel: (incidentId, request) =>
      call(
        "POST",
        `/api/v1/incidents/${id(incidentId)}/channels`,
        // The channel is created (or attached) in the workspace the app runs in, with that workspace's bot.
        teamId && !request.team_id ? { ...request, team_id: teamId } : request,
      ),
    refreshCards: (incidentId) =>
      call("POST", `/api/v1/incidents/${id(incidentId)}/refresh`),
    putWorkflowTriggers: (triggers) =>
      call("PUT", "/api/v1/workflow-triggers", {
        ...(teamId ? { team_id: teamId } : {}),
        triggers,
      }),
    listOncallGroups: () =>
      call(
        "GET",
        `/api/v1/oncall-groups${teamId ? `?team_id=${id(teamId)}` : ""}`,
      ),
    listUsergroups: () =>
      call(
        "GET",
        `/api/v1/usergroups${teamId ? `?team_id=${id(teamId)}` : ""}`,
      ),
    putOncallGroup: (groupId, group) =>
      call(
        "PUT",
        `/api/v1/oncall-groups/${id(groupId)}`,
        teamId && !group.team_id ? { ...group, team_id: teamId } : group,
      ),
    deleteOncallGroup: (groupId) =>
      call("DELETE", `/api/v1/oncall-groups/${id(groupId)}`),
    listWorkflowTriggers: () =>
      call(
        "GET",
        teamId
          ? `/api/v1/workflow-triggers?team_id=${encodeURIComponent(teamId)}`
          : "/api/v1/workflow-triggers",
      ),
    getNotificationPreferences: (userId) =>
      call(
        "GET",
        `/api/v1/notification-preferences/${id(userId)}${
          teamId ? `?team_id=${id(teamId)}` : ""
        }`,
      ),
    putNotificationPreferences: (userId, request) =>
      call("PUT", `/api/v1/notification-preferences/${id(userId)}`, {
        ...(teamId && !request.team_id ? { team_id: teamId } : {}),
        ...request,
      }),
  };
}

/** One table of bridge failures → what the person should do. */
export function describeBridgeFailure(
  failure: BridgeFailure,
  attempted: string,
): string {
  switch (failure.kind) {
    case "not_configured":
      return `:electric_plug: Could not ${attempted}: this app has no bridge configured. Ask whoever installed pagerslack to set BRIDGE_URL and BRIDGE_API_TOKEN with \`slack env add\`.`;
    case "unreachable":
      return `:electric_plug: Could not ${attempted}: the pagerslack bridge is unreachable right now. Try again in a minute; if it persists, tell whoever runs the bridge.`;
    case "unauthorized":
      return `:electric_plug: Could not ${attempted}: the bridge refused this app's token. Ask whoever installed pagerslack to check BRIDGE_API_TOKEN.`;
    case "invalid":
      return `:no_entry: Could not ${attempted}: ${
        escapeMrkdwn(failure.message)
      }.`;
    case "not_found":
      return `:mag: Could not ${attempted}: the bridge does not know it (it may have been removed already).`;
    case "server":
      return `:warning: Could not ${attempted}: the bridge had an error (${failure.status}). Try again in a minute.`;
  }
}
