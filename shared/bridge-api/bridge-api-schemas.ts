// The bridge API's request and response bodies, defined once: the bridge validates with them
// (bridge/api/to-valibot.ts), the hosted app's client (slack-app/bridge/bridge-client.ts) is typed by them.
// Connections follow PagerDuty's own Slack connections model (`integration-slack-openapiv3.json`,
// SlackConnection), with full event type names.
import { INCIDENT_EVENT_TYPES } from "../pagerduty/event-types.ts";
import {
  array,
  boolean,
  type Infer,
  nullable,
  number,
  object,
  optional,
  picklist,
  string,
} from "./schema.ts";

const channelId = string({
  pattern: /^[CG][A-Z0-9]{2,}$/,
  expects: "a Slack channel id (C… or G…)",
});
/**
 * A Slack workspace's team id (T…; E… for an Enterprise Grid organisation is not a workspace and is refused). The
 * hosted app sends its own (its function context's `team_id`); required once the bridge serves several workspaces.
 */
const teamId = string({
  pattern: /^T[A-Z0-9]{2,}$/,
  expects: "a Slack team id (T…)",
});
/** Connection ids (chosen by the hosted app) and PagerDuty ids, `no_priority` included. */
const id = (expects: string) =>
  string({ pattern: /^[A-Za-z0-9_.-]{1,64}$/, expects });

export const CONNECTION_ID = id("1-64 letters, digits, _ . -");

const connectionFields = {
  /** The workspace the channel is in; the bridge answers it on every connection. */
  team_id: optional(teamId),
  channel_id: channelId,
  source_type: picklist(["service", "team"]),
  source_id: id("a PagerDuty id"),
  notification_type: picklist(["responder", "stakeholder"]),
  events: array(
    picklist(INCIDENT_EVENT_TYPES, {
      expects: `one of ${INCIDENT_EVENT_TYPES.join(", ")}`,
    }),
    { unique: true },
  ),
  urgency: nullable(picklist(["high", "low"]), { missingIsNull: true }),
  priorities: nullable(
    array(id('a priority id or "no_priority"'), { unique: true }),
    { missingIsNull: true, expects: "an array of priority ids or null" },
  ),
  thread_updates: boolean(),
  /**
   * Post "Now on call for <service>" at each shift change of the service's escalation policy (level 1), with the
   * incidents still open. Service connections only; absent: off.
   */
  handoffs: optional(boolean()),
} as const;

/** A channel connection as the bridge stores and answers it. */
export const Connection = object({ id: CONNECTION_ID, ...connectionFields });
export type Connection = Infer<typeof Connection>;

/** `PUT /api/v1/connections/{id}`: the path names the connection; an `id` in the body must match it. */
export const ConnectionRequest = object({
  id: optional(CONNECTION_ID),
  ...connectionFields,
});
export type ConnectionRequest = Infer<typeof ConnectionRequest>;

/**
 * What keeps the bridge from posting in a channel: Slack refused its bot token (`workspace`) or this channel
 * (`channel`); its cards and updates wait until that is fixed.
 */
export const DeliveryProblem = object({
  scope: picklist(["workspace", "channel"]),
  /** Slack's error code. */
  error: string(),
  since: string(),
  /** Cards and updates for the channel waiting to be posted. */
  parked_jobs: number({ integer: true, min: 0 }),
});
export type DeliveryProblem = Infer<typeof DeliveryProblem>;

/** `GET /api/v1/connections`. */
export const ConnectionList = object({ connections: array(Connection) });
export type ConnectionList = Infer<typeof ConnectionList>;

/** `GET /api/v1/connections?channel_id=…`: one channel's connections, and what keeps cards out of it now. */
export const ChannelConnections = object({
  connections: array(Connection),
  delivery_problem: nullable(DeliveryProblem),
});
export type ChannelConnections = Infer<typeof ChannelConnections>;

/** `POST /api/v1/incidents/{id}/channels`: attach a channel, or have the bridge create one. */
export const IncidentChannelRequest = object({
  /** The workspace the channel is (or is created) in: the one the hosted app asking runs in. */
  team_id: optional(teamId),
  channel_id: optional(channelId),
  create: optional(object({
    private: boolean(),
    name: optional(string({
      pattern: /^[a-z0-9_-]{1,80}$/,
      expects: "1-80 lowercase letters, digits, - or _",
    })),
  })),
  invite_user_ids: optional(array(
    string({ pattern: /^[UW][A-Z0-9]+$/, expects: "a Slack user id" }),
  )),
}, { exactlyOne: ["channel_id", "create"] });
export type IncidentChannelRequest = Infer<typeof IncidentChannelRequest>;

/** 201 to `POST /api/v1/incidents/{id}/channels`. */
export const IncidentChannel = object({ channel_id: channelId });
export type IncidentChannel = Infer<typeof IncidentChannel>;

/** 202 to `POST /api/v1/incidents/{id}/refresh`: how many cards will be rendered again. */
export const CardRefresh = object({ cards: number({ integer: true, min: 0 }) });
export type CardRefresh = Infer<typeof CardRefresh>;

/** Every 4xx/5xx body. A 400 names the first bad field and lists every problem. */
export const ApiError = object({
  error: string(),
  field: optional(string()),
  problems: optional(array(object({ field: string(), problem: string() }))),
});
export type ApiError = Infer<typeof ApiError>;

/**
 * The hosted app's workflows the bridge links to (slash command answers), by the name of their link trigger.
 * `incident_action` is the cards' trigger (also SLACK_ACTIONS_TRIGGER_URL).
 */
export const WORKFLOW_TRIGGER_NAMES = [
  "help",
  "trigger_incident",
  "who_is_on_call",
  "connect_channel",
  "link_account",
  "unlink_account",
  "invite_user",
  "incident_action",
  "my_notifications",
] as const;
export type WorkflowTriggerName = (typeof WORKFLOW_TRIGGER_NAMES)[number];

/** One link trigger URL, as `slack trigger create` printed it. */
export const WorkflowTrigger = object({
  name: picklist(WORKFLOW_TRIGGER_NAMES, {
    expects: `one of ${WORKFLOW_TRIGGER_NAMES.join(", ")}`,
  }),
  url: string({
    pattern:
      /^https:\/\/([a-z0-9-]+\.)*slack\.com\/shortcuts\/Ft[0-9A-Z]+\/[0-9A-Za-z]+$/,
    expects: "a link trigger URL (https://slack.com/shortcuts/Ft…/…)",
  }),
});
export type WorkflowTrigger = Infer<typeof WorkflowTrigger>;

/** `PUT /api/v1/workflow-triggers` (the triggers named are replaced, others kept) and its 200 / the GET's answer. */
export const WorkflowTriggerList = object({
  /** The workspace whose hosted app registers them: each workspace's buttons start its own workflows. */
  team_id: optional(teamId),
  triggers: array(WorkflowTrigger),
});
export type WorkflowTriggerList = Infer<typeof WorkflowTriggerList>;

/** A Slack user group id (S…). */
const usergroupId = string({
  pattern: /^S[A-Z0-9]{2,}$/,
  expects: "a Slack user group id (S…)",
});

const oncallGroupFields = {
  team_id: optional(teamId),
  usergroup_id: usergroupId,
  /** A schedule, or one level of an escalation policy (`escalation_level`, 1-based). */
  source_type: picklist(["schedule", "escalation_policy"]),
  source_id: id("a PagerDuty id"),
  escalation_level: nullable(number({ integer: true, min: 1 }), {
    missingIsNull: true,
    expects: "a level from 1, or null for a schedule",
  }),
} as const;

/**
 * `PUT /api/v1/oncall-groups/{id}`: the bridge keeps the user group's members equal to who is on call. Putting a
 * group again (the Connect workflow's "resume") also ends a drift: the bridge sets the members again.
 */
export const OncallGroupRequest = object({
  id: optional(CONNECTION_ID),
  ...oncallGroupFields,
});
export type OncallGroupRequest = Infer<typeof OncallGroupRequest>;

/**
 * An on-call group and how its sync stands. `state`: `in_sync` (the members are the bridge's), `drift` (someone
 * edited the group by hand: the bridge leaves it alone until resumed or until it equals `last_set` again),
 * `problem` (the last sync could not set the members: `problem` says why), `pending` (not synced yet).
 */
export const OncallGroup = object({
  id: CONNECTION_ID,
  ...oncallGroupFields,
  state: picklist(["in_sync", "drift", "problem", "pending"]),
  last_set: nullable(array(string())),
  drift_members: nullable(array(string())),
  problem: nullable(string()),
  synced_at: nullable(string()),
});
export type OncallGroup = Infer<typeof OncallGroup>;

export const OncallGroupList = object({ oncall_groups: array(OncallGroup) });
export type OncallGroupList = Infer<typeof OncallGroupList>;

/** One Slack user group as the Connect workflow offers it (from the bridge's `usergroups.list`). */
export const Usergroup = object({
  id: usergroupId,
  /** Without the `@`. */
  handle: string(),
  name: string(),
});
export type Usergroup = Infer<typeof Usergroup>;

/**
 * `GET /api/v1/usergroups?team_id=`: the workspace's enabled user groups, listed by the bridge's bot (it has
 * `usergroups:read`; the hosted app does not). `unavailable`: why Slack would not list them (a plan without user
 * groups, a bot installed before `usergroups:read`), with `usergroups` empty; null when listed.
 */
export const UsergroupList = object({
  usergroups: array(Usergroup),
  unavailable: nullable(string(), { missingIsNull: true }),
});
export type UsergroupList = Infer<typeof UsergroupList>;
/**
 * Incident DMs, per person (issue 18): `off` (the default until they opt in), `high_urgency` (only high-urgency
 * incidents start a DM) or `all`.
 */
export const INCIDENT_DM_MODES = ["off", "high_urgency", "all"] as const;
export type IncidentDmMode = (typeof INCIDENT_DM_MODES)[number];

const slackUserId = string({
  pattern: /^[UW][A-Z0-9]{2,}$/,
  expects: "a Slack user id (U… or W…)",
});

const notificationFields = {
  /** The workspace the person is in: the one the hosted app asking runs in. */
  team_id: optional(teamId),
  /** Their linked PagerDuty account (user_links): incidents assigned to it reach them. Required unless `off`. */
  pagerduty_user_id: nullable(id("a PagerDuty user id"), {
    missingIsNull: true,
  }),
  incident_dms: picklist(INCIDENT_DM_MODES, {
    expects: `one of ${INCIDENT_DM_MODES.join(", ")}`,
  }),
} as const;

/** `PUT /api/v1/notification-preferences/{slack_user_id}`: the path names the person. */
export const NotificationPreferencesRequest = object(notificationFields);
export type NotificationPreferencesRequest = Infer<
  typeof NotificationPreferencesRequest
>;

/** The answer to the PUT and to `GET /api/v1/notification-preferences/{slack_user_id}` (defaults when unset). */
export const NotificationPreferences = object({
  slack_user_id: slackUserId,
  ...notificationFields,
  /** Slack's refusal to DM them (a deactivated user…), cleared when they save again; null when none. */
  dm_refused: nullable(string(), { missingIsNull: true }),
});
export type NotificationPreferences = Infer<typeof NotificationPreferences>;

/** Slack user ids as the routes take them in the path. */
export const SLACK_USER_ID = slackUserId;
