// What each PagerDuty role may do through the REST API, as one table (PagerDuty "User roles" knowledge-base
// article; the REST API enforces the token's user role). Denials answer 403 code 2010.

import type { UserRole } from "./simulator-state.ts";

export type PermissionAction =
  | "read"
  | "incident.create"
  | "incident.manage"
  | "user.create"
  | "webhook.manage"
  /** Creating, changing and deleting services: Managers and above (PagerDuty "User roles"). */
  | "service.manage";

/** `assigned`: only on incidents currently assigned to the user. */
export type PermissionGrant = "any" | "assigned" | "none";

const ROLE_PERMISSIONS: Record<
  UserRole,
  Record<PermissionAction, PermissionGrant>
> = {
  owner: {
    "read": "any",
    "incident.create": "any",
    "incident.manage": "any",
    "user.create": "any",
    "webhook.manage": "any",
    "service.manage": "any",
  },
  admin: {
    "read": "any",
    "incident.create": "any",
    "incident.manage": "any",
    "user.create": "any",
    "webhook.manage": "any",
    "service.manage": "any",
  },
  // "Manager" in the web UI.
  user: {
    "read": "any",
    "incident.create": "any",
    "incident.manage": "any",
    "user.create": "none",
    "webhook.manage": "none",
    "service.manage": "any",
  },
  // "Responder" in the web UI.
  limited_user: {
    "read": "any",
    "incident.create": "any",
    "incident.manage": "any",
    "user.create": "none",
    "webhook.manage": "none",
    "service.manage": "none",
  },
  // Observers may trigger, and act only on what they are assigned.
  observer: {
    "read": "any",
    "incident.create": "any",
    "incident.manage": "assigned",
    "user.create": "none",
    "webhook.manage": "none",
    "service.manage": "none",
  },
  // Restricted access users get per-team grants; the simulator treats them like observers (see README).
  restricted_access: {
    "read": "any",
    "incident.create": "any",
    "incident.manage": "assigned",
    "user.create": "none",
    "webhook.manage": "none",
    "service.manage": "none",
  },
  // Stakeholders (full and limited): read only.
  read_only_user: {
    "read": "any",
    "incident.create": "none",
    "incident.manage": "none",
    "user.create": "none",
    "webhook.manage": "none",
    "service.manage": "none",
  },
  read_only_limited_user: {
    "read": "any",
    "incident.create": "none",
    "incident.manage": "none",
    "user.create": "none",
    "webhook.manage": "none",
    "service.manage": "none",
  },
};

/** Whether `role` may do `action`; `assignedToUser` matters only for `assigned` grants. */
export function isAllowed(
  role: UserRole,
  action: PermissionAction,
  assignedToUser = false,
): boolean {
  const grant = ROLE_PERMISSIONS[role][action];
  return grant === "any" || (grant === "assigned" && assignedToUser);
}

/** OAuth scope needed per resource and access; `read`/`write` are PagerDuty's coarse scopes that cover all. */
export function hasScope(
  scopes: string[] | null,
  resource: string,
  access: "read" | "write",
): boolean {
  if (scopes === null) return true;
  if (scopes.includes(access) || scopes.includes(`${resource}.${access}`)) {
    return true;
  }
  // A write grant implies read, as PagerDuty's scope list documents.
  return access === "read" &&
    (scopes.includes("write") || scopes.includes(`${resource}.write`));
}

/** Whether a token's scopes cover `required`, a scope as the spec names it (`incidents.read`, `a:b.write`). */
export function tokenHasScope(
  scopes: string[] | null,
  required: string,
): boolean {
  const dot = required.lastIndexOf(".");
  const access = required.slice(dot + 1);
  if (dot < 0 || (access !== "read" && access !== "write")) {
    return scopes === null || scopes.includes(required);
  }
  return hasScope(scopes, required.slice(0, dot), access);
}
