/**
 * `usergroups.list`, `usergroups.users.list` and `usergroups.users.update`, as methods/usergroups.*.json document
 * them (docs.slack.dev/reference/methods/usergroups.users.update): the update replaces the whole member list,
 * cannot empty a group (`no_users_provided`; Slack points to `usergroups.disable` instead), and refuses bots,
 * guests and unknown ids (`invalid_users`). An unknown group id is `no_such_subteam`, the code the users.list
 * page documents (unpublished for the update: its documented neighbour's). People edit groups in Slack's UI too:
 * `editUsergroupByHand` plays that for tests.
 */
import type { MethodContext, MethodHandler } from "./method-handler.ts";
import { SlackMethodError } from "./slack-method-error.ts";

export interface SimUsergroup {
  id: string;
  name: string;
  handle: string;
  description: string;
  users: string[];
  dateCreate: number;
  dateUpdate: number;
  /** Who changed the members last (a bot or a person). */
  updatedBy: string;
  disabled: boolean;
}

const byWorkspace = new WeakMap<object, Map<string, SimUsergroup>>();

/** The user groups of `ws` by id. */
export function workspaceUsergroups(ws: object): Map<string, SimUsergroup> {
  let groups = byWorkspace.get(ws);
  if (!groups) byWorkspace.set(ws, groups = new Map());
  return groups;
}

/** A group as an admin makes it in Slack (test setup). */
export function createUsergroup(
  ws: { nextId(prefix: string): string; now(): number },
  group: { handle: string; name?: string; users?: string[]; by?: string },
): SimUsergroup {
  const now = Math.floor(ws.now() / 1000);
  const created: SimUsergroup = {
    id: ws.nextId("S"),
    name: group.name ?? group.handle,
    handle: group.handle,
    description: "",
    users: [...(group.users ?? [])],
    dateCreate: now,
    dateUpdate: now,
    updatedBy: group.by ?? "USLACKBOT",
    disabled: false,
  };
  workspaceUsergroups(ws).set(created.id, created);
  return created;
}

/** A person changes the members in Slack's UI (what the bridge must not overwrite). */
export function editUsergroupByHand(
  ws: { now(): number },
  groupId: string,
  users: string[],
  by: string,
): void {
  const group = workspaceUsergroups(ws).get(groupId);
  if (!group) throw new Error(`no user group ${groupId}`);
  group.users = [...users];
  group.updatedBy = by;
  group.dateUpdate = Math.floor(ws.now() / 1000);
}

function render(group: SimUsergroup, teamId: string, withUsers: boolean) {
  return {
    id: group.id,
    team_id: teamId,
    is_usergroup: true,
    name: group.name,
    description: group.description,
    handle: group.handle,
    is_external: false,
    date_create: group.dateCreate,
    date_update: group.dateUpdate,
    date_delete: group.disabled ? group.dateUpdate : 0,
    auto_type: null,
    created_by: "USLACKBOT",
    updated_by: group.updatedBy,
    deleted_by: null,
    prefs: { channels: [], groups: [] },
    ...(withUsers ? { users: [...group.users] } : {}),
    user_count: group.users.length,
  };
}

function groupOf(ctx: MethodContext) {
  const id = ctx.args.string("usergroup");
  const group = id ? workspaceUsergroups(ctx.ws).get(id) : undefined;
  if (!group || (group.disabled && !ctx.args.bool("include_disabled"))) {
    throw new SlackMethodError("no_such_subteam");
  }
  return group;
}

/** `users`: a comma-separated string (form) or an array (JSON body), as the page's `array` type allows. */
function userList(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== "string") return [];
  return raw.split(",").map((u) => u.trim()).filter((u) => u !== "");
}

export const USERGROUPS_METHODS: Readonly<Record<string, MethodHandler>> = {
  "usergroups.list": (ctx) => {
    const withUsers = ctx.args.bool("include_users");
    const includeDisabled = ctx.args.bool("include_disabled");
    const usergroups = [...workspaceUsergroups(ctx.ws).values()]
      .filter((g) => includeDisabled || !g.disabled)
      .map((g) => render(g, ctx.ws.teamId, withUsers));
    return { ok: true, usergroups };
  },
  "usergroups.users.list": (ctx) => {
    const group = groupOf(ctx);
    return { ok: true, users: [...group.users] };
  },
  "usergroups.users.update": (ctx) => {
    if (!ctx.args.has("usergroup")) {
      throw new SlackMethodError("missing_argument");
    }
    const users = userList(ctx.args.raw.users);
    if (users.length === 0) throw new SlackMethodError("no_users_provided");
    const group = groupOf(ctx);
    for (const id of users) {
      const user = ctx.ws.users.get(id);
      if (!user || user.isBot) throw new SlackMethodError("invalid_users");
    }
    group.users = [...new Set(users)];
    group.updatedBy = ctx.auth.userId;
    group.dateUpdate = Math.floor(ctx.ws.now() / 1000);
    return { ok: true, usergroup: render(group, ctx.ws.teamId, true) };
  },
};
