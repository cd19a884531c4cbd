// Read routes for the account's directory (users, teams, services, escalation policies, schedules, on-calls,
// priorities, abilities) plus POST /users, which only admins and owners may use.

import { Hono } from "hono";
import { computeOncalls } from "./compute-oncalls.ts";
import { paginateOffset } from "./paginate-offset.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import {
  escalationPolicyReference,
  renderEscalationPolicy,
  renderPriority,
  renderSchedule,
  renderService,
  renderTeam,
  renderUser,
  scheduleReference,
  userReference,
} from "./render-rest-resource.ts";
import {
  actorFor,
  checkEnum,
  jsonBody,
  queryList,
  type SimContext,
  type SimEnv,
  type SimulatorServices,
} from "./request-context.ts";
import { isAllowed } from "./role-permissions.ts";
import { newId, USER_ROLES, type UserRole } from "./simulator-state.ts";

function listResponse<T>(
  c: SimContext,
  key: string,
  items: readonly T[],
  render: (item: T) => unknown,
) {
  const page = paginateOffset(items, c.req.query());
  return c.json({
    [key]: page.items.map(render),
    limit: page.limit,
    offset: page.offset,
    more: page.more,
    total: page.total,
  });
}

function matchesQuery(query: string | undefined, ...fields: string[]): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return fields.some((f) => f.toLowerCase().includes(q));
}

export function directoryRoutes({ state, now }: SimulatorServices) {
  const app = new Hono<SimEnv>();

  // Only a user token has a "me"; PagerDuty answers 400 to account API keys.
  app.get("/users/me", (c) => {
    const auth = c.get("auth");
    if (auth.kind !== "user_token" || !auth.user) {
      throw new PagerDutyError("invalidInput", [
        "This endpoint can only be used with a user-level API key or a key generated through an OAuth flow.",
      ]);
    }
    return c.json({ user: renderUser(state, auth.user) });
  });

  app.get("/users", (c) => {
    const query = c.req.query("query");
    const teamIds = queryList(c, "team_ids");
    const users = [...state.users.values()].filter((u) =>
      matchesQuery(query, u.name, u.email) &&
      (!teamIds.length || u.teamIds.some((t) => teamIds.includes(t)))
    );
    return listResponse(c, "users", users, (u) => renderUser(state, u));
  });

  app.get("/users/:id", (c) => {
    const user = state.users.get(c.req.param("id"));
    if (!user) throw new PagerDutyError("notFound", ["User Not Found"]);
    return c.json({ user: renderUser(state, user) });
  });

  app.post("/users", (c) => {
    const actor = actorFor(c, state, true);
    const caller = actor.userId ? state.users.get(actor.userId) : undefined;
    if (caller && !isAllowed(caller.role, "user.create")) {
      throw new PagerDutyError(
        actor.via === "user_token" ? "accessDenied" : "requesterNotAuthorized",
        [
          "Only account owners and admins can add users",
        ],
      );
    }
    const input = jsonBody(c).user;
    if (typeof input !== "object" || input === null) {
      throw new PagerDutyError("invalidInput", ["user is required"]);
    }
    const { name, email, type, role, time_zone } = input as Record<
      string,
      unknown
    >;
    const errors: string[] = [];
    if (type !== "user") errors.push('User type must be "user"');
    if (typeof name !== "string" || !name.trim()) {
      errors.push("Name can't be blank");
    }
    if (
      typeof email !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)
    ) {
      errors.push("Email is invalid");
    }
    if (
      role !== undefined && !(USER_ROLES as readonly unknown[]).includes(role)
    ) {
      errors.push(`Role must be one of ${USER_ROLES.join(", ")}`);
    }
    if (errors.length) throw new PagerDutyError("invalidInput", errors);
    const normalized = (email as string).toLowerCase();
    if ([...state.users.values()].some((u) => u.email === normalized)) {
      throw new PagerDutyError("invalidInput", [
        "Email has already been taken",
      ]);
    }
    const user = {
      id: newId(state),
      name: name as string,
      email: normalized,
      role: (role as UserRole | undefined) ?? "user",
      timeZone: typeof time_zone === "string" ? time_zone : "Etc/UTC",
      teamIds: [],
      createdAt: now().toISOString(),
    };
    state.users.set(user.id, user);
    return c.json({ user: renderUser(state, user) }, 201);
  });

  app.get("/teams", (c) => {
    const query = c.req.query("query");
    const teams = [...state.teams.values()].filter((t) =>
      matchesQuery(query, t.name)
    );
    return listResponse(c, "teams", teams, (t) => renderTeam(state, t));
  });

  app.get("/teams/:id", (c) => {
    const team = state.teams.get(c.req.param("id"));
    if (!team) throw new PagerDutyError("notFound", ["Team Not Found"]);
    return c.json({ team: renderTeam(state, team) });
  });

  app.get("/services", (c) => {
    const query = c.req.query("query");
    const teamIds = queryList(c, "team_ids");
    const services = [...state.services.values()].filter((s) =>
      matchesQuery(query, s.name) &&
      (!teamIds.length || s.teamIds.some((t) => teamIds.includes(t)))
    );
    return listResponse(
      c,
      "services",
      services,
      (s) => renderService(state, s),
    );
  });

  app.get("/services/:id", (c) => {
    const service = state.services.get(c.req.param("id"));
    if (!service) throw new PagerDutyError("notFound", ["Service Not Found"]);
    return c.json({ service: renderService(state, service) });
  });

  app.get("/escalation_policies", (c) => {
    const query = c.req.query("query");
    const userIds = queryList(c, "user_ids");
    const teamIds = queryList(c, "team_ids");
    const policies = [...state.escalationPolicies.values()].filter((p) =>
      matchesQuery(query, p.name) &&
      (!teamIds.length || p.teamIds.some((t) => teamIds.includes(t))) &&
      (!userIds.length ||
        p.levels.some((l) =>
          l.targets.some((t) => t.type === "user" && userIds.includes(t.id))
        ))
    );
    return listResponse(
      c,
      "escalation_policies",
      policies,
      (p) => renderEscalationPolicy(state, p),
    );
  });

  app.get("/escalation_policies/:id", (c) => {
    const policy = state.escalationPolicies.get(c.req.param("id"));
    if (!policy) {
      throw new PagerDutyError("notFound", ["Escalation Policy Not Found"]);
    }
    return c.json({ escalation_policy: renderEscalationPolicy(state, policy) });
  });

  app.get("/schedules", (c) => {
    const query = c.req.query("query");
    const schedules = [...state.schedules.values()].filter((s) =>
      matchesQuery(query, s.name)
    );
    return listResponse(
      c,
      "schedules",
      schedules,
      (s) => renderSchedule(state, s),
    );
  });

  app.get("/schedules/:id", (c) => {
    const schedule = state.schedules.get(c.req.param("id"));
    if (!schedule) throw new PagerDutyError("notFound", ["Schedule Not Found"]);
    return c.json({ schedule: renderSchedule(state, schedule) });
  });

  app.get("/oncalls", (c) => {
    const at = now();
    const since = parseOptionalDate(c.req.query("since")) ?? at;
    const until = parseOptionalDate(c.req.query("until")) ?? since;
    const earliest = c.req.query("earliest");
    if (earliest !== undefined && earliest !== "true" && earliest !== "false") {
      throw new PagerDutyError("invalidInput", [
        "earliest must be true or false",
      ]);
    }
    const entries = computeOncalls(state, {
      escalationPolicyIds: queryList(c, "escalation_policy_ids"),
      scheduleIds: queryList(c, "schedule_ids"),
      userIds: queryList(c, "user_ids"),
      escalationLevels: levelList(queryList(c, "escalation_levels")),
      since,
      until,
      earliest: earliest === "true",
    });
    const include = queryList(c, "include");
    checkEnum("include[]", include, ONCALL_INCLUDES);
    // `include[]` swaps references for full objects (e.g. users with their email for mentions).
    const full = (kind: typeof ONCALL_INCLUDES[number]) =>
      include.includes(kind);
    return listResponse(c, "oncalls", entries, (e) => {
      const policy = state.escalationPolicies.get(e.escalationPolicyId);
      const schedule = e.scheduleId
        ? state.schedules.get(e.scheduleId)
        : undefined;
      const user = state.users.get(e.userId);
      return {
        escalation_policy: full("escalation_policies") && policy
          ? renderEscalationPolicy(state, policy)
          : escalationPolicyReference(state, e.escalationPolicyId),
        escalation_level: e.escalationLevel,
        schedule: e.scheduleId === null
          ? null
          : full("schedules") && schedule
          ? renderSchedule(state, schedule)
          : scheduleReference(state, e.scheduleId),
        user: full("users") && user
          ? renderUser(state, user)
          : userReference(state, e.userId),
        start: e.start,
        end: e.end,
      };
    });
  });

  app.get("/priorities", (c) => {
    if (state.priorities === null) {
      throw new PagerDutyError("featureUnavailable", [
        "Priorities are not enabled for this account",
      ]);
    }
    return listResponse(
      c,
      "priorities",
      state.priorities,
      (p) => renderPriority(state, p),
    );
  });

  app.get("/abilities", (c) => {
    return c.json({ abilities: state.abilities });
  });

  return app;
}

const ONCALL_INCLUDES = ["escalation_policies", "users", "schedules"] as const;

function parseOptionalDate(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) {
    throw new PagerDutyError("invalidInput", [
      "Invalid 'since' or 'until' Parameter Values",
    ]);
  }
  return date;
}

/** `escalation_levels[]`: integers from 1 (PagerDuty's parameter type); anything else is invalid input. */
function levelList(values: string[]): number[] {
  return values.map((v) => {
    const level = Number(v);
    if (!Number.isInteger(level) || level < 1) {
      throw new PagerDutyError("invalidInput", [
        "escalation_levels must be integers from 1",
      ]);
    }
    return level;
  });
}
