// On-call groups (list, upsert, delete), for the Connect workflow: a Slack user group kept equal to who is on call
// on a PagerDuty schedule or one level of an escalation policy (bridge/oncall/). Saving one again resumes a group
// that drifted (someone edited it by hand): the bridge sets its members again at the next sync.
import { type Context, Hono } from "hono";
import {
  type OncallGroupList,
  OncallGroupRequest,
} from "../../shared/bridge-api/bridge-api-schemas.ts";
import {
  deleteOncallGroup,
  listOncallGroups,
  oncallGroupFromRow,
  putOncallGroup,
} from "../oncall/oncall-group-store.ts";
import {
  apiTokenTeam,
  otherWorkspaceMessage,
  parseApiTokens,
} from "./api-token-teams.ts";
import type { BridgeApiOptions } from "./bridge-api-route.ts";
import { resolveTeam } from "./connection-routes.ts";
import { badRequest, readBody } from "./read-body.ts";
import { toValibot } from "./to-valibot.ts";
import { pathIdProblems } from "./validate-connection.ts";

const REQUEST = toValibot(OncallGroupRequest);

/** What Slack's answer to reading the group means for the person saving it. */
const GROUP_PROBLEMS: Readonly<Record<string, string>> = {
  no_such_subteam:
    "names no Slack user group of this workspace (or a disabled one)",
  missing_scope:
    "cannot be read: the bridge's Slack app lacks usergroups:read and usergroups:write (add them, reinstall)",
  plan_upgrade_required: "cannot be used: this Slack plan has no user groups",
};

export function oncallGroupRoutes(
  {
    db,
    slack,
    logger,
    now = () => new Date(),
    workspaces,
    tokens,
    onOncallChanged,
  }: BridgeApiOptions,
) {
  const app = new Hono();
  const apiTokens = parseApiTokens(tokens);
  const limitedTo = (c: Context) =>
    apiTokenTeam(apiTokens, c.req.header("authorization"));

  app.get("/", async (c) => {
    const limit = limitedTo(c);
    // The hosted app names its own workspace: its Connect form shows that workspace's groups only.
    const asked = c.req.query("team_id") || undefined;
    if (limit && asked && asked !== limit) {
      return c.json({
        error: otherWorkspaceMessage(limit, asked),
        field: "team_id",
      }, 403);
    }
    const teamId = asked ?? limit;
    const rows = await listOncallGroups(db, teamId ? { teamId } : {});
    return c.json(
      { oncall_groups: rows.map(oncallGroupFromRow) } satisfies OncallGroupList,
    );
  });

  app.put("/:id", async (c) => {
    const id = c.req.param("id");
    const body = await readBody(c, REQUEST, (value) => {
      const problems = pathIdProblems(id)(value);
      const b = value as
        | { source_type?: unknown; escalation_level?: unknown }
        | null;
      if (
        b?.source_type === "escalation_policy" &&
        (b.escalation_level ?? null) === null
      ) {
        problems.push({
          field: "escalation_level",
          problem: "is required for an escalation policy (1 = first level)",
        });
      }
      return problems;
    });
    if (!body.ok) return badRequest(c, body.problems);
    const limit = limitedTo(c);
    if (limit && body.value.team_id && body.value.team_id !== limit) {
      return c.json({
        error: otherWorkspaceMessage(limit, body.value.team_id),
        field: "team_id",
      }, 403);
    }
    const team = await resolveTeam(
      workspaces,
      body.value.team_id ?? limit ?? undefined,
    );
    if (!team.ok) {
      return badRequest(c, [{ field: "team_id", problem: team.problem }]);
    }
    const teamId = team.teamId;
    const taken = await db.selectFrom("oncall_groups").select("id")
      .where("usergroup_id", "=", body.value.usergroup_id)
      .where("id", "!=", id)
      .where((eb) =>
        teamId === null ? eb("team_id", "is", null) : eb("team_id", "=", teamId)
      )
      .executeTakeFirst();
    if (taken) {
      return c.json({
        error:
          `user group ${body.value.usergroup_id} already follows on-call group ${taken.id}: change that one`,
        field: "usergroup_id",
      }, 409);
    }
    // The group must exist and be readable, or the bridge would only find out at its first sync.
    const listed = await (team.slack ?? slack).call("usergroups.users.list", {
      usergroup: body.value.usergroup_id,
    });
    if (!listed.ok) {
      const problem = GROUP_PROBLEMS[listed.error.error];
      if (problem) return badRequest(c, [{ field: "usergroup_id", problem }]);
      logger.warn({
        usergroup: body.value.usergroup_id,
        error: listed.error.error,
      }, "could not check the user group; saved anyway");
    }
    await putOncallGroup(db, id, { ...body.value, team_id: teamId }, now());
    logger.info(
      { oncall_group: id, usergroup: body.value.usergroup_id },
      "on-call group saved",
    );
    onOncallChanged?.();
    const row = await db.selectFrom("oncall_groups").selectAll().where(
      "id",
      "=",
      id,
    )
      .executeTakeFirstOrThrow();
    return c.json(oncallGroupFromRow(row), 200);
  });

  app.delete("/:id", async (c) => {
    const limit = limitedTo(c);
    const row = await db.selectFrom("oncall_groups").select("team_id")
      .where("id", "=", c.req.param("id")).executeTakeFirst();
    if (limit && row && row.team_id !== limit) {
      return c.json({
        error: otherWorkspaceMessage(
          limit,
          row.team_id ?? "the default workspace",
        ),
        field: "team_id",
      }, 403);
    }
    if (!await deleteOncallGroup(db, c.req.param("id"))) {
      return c.json({ error: "on-call group not found" }, 404);
    }
    return c.body(null, 204);
  });
  return app;
}
