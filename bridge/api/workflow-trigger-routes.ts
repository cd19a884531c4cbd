// Link trigger URLs of the hosted app's workflows (PUT to register some, GET to list), for the `/pd` answers.
import { Hono } from "hono";
import {
  WorkflowTriggerList,
} from "../../shared/bridge-api/bridge-api-schemas.ts";
import {
  putWorkflowTriggers,
  readWorkflowTriggers,
} from "../triggers/workflow-trigger-store.ts";
import type { BridgeApiOptions } from "./bridge-api-route.ts";
import { badRequest, readBody } from "./read-body.ts";
import { toValibot } from "./to-valibot.ts";

const TRIGGER_LIST = toValibot(WorkflowTriggerList);

export function workflowTriggerRoutes(
  { db, logger, now = () => new Date(), workspaces }: BridgeApiOptions,
) {
  const app = new Hono();

  /** The workspace named, else the single one; an error once there are several and none is named. */
  const teamOf = async (named: string | undefined) => {
    if (named || !workspaces) return { ok: true as const, team: named ?? null };
    const teams = await workspaces.teams();
    if (teams.length > 1) {
      return {
        ok: false as const,
        problem:
          `is required: the bridge posts in ${teams.length} Slack workspaces (${
            teams.join(", ")
          }); name the one whose hosted app these triggers belong to`,
      };
    }
    return { ok: true as const, team: await workspaces.defaultTeam() };
  };
  const answer = async (team: string | null) => ({
    ...(team ? { team_id: team } : {}),
    triggers: await readWorkflowTriggers(db, team),
  } satisfies WorkflowTriggerList);

  app.get("/", async (c) => {
    const team = await teamOf(c.req.query("team_id") || undefined);
    if (!team.ok) {
      return badRequest(c, [{ field: "team_id", problem: team.problem }]);
    }
    return c.json(await answer(team.team));
  });

  app.put("/", async (c) => {
    const body = await readBody(c, TRIGGER_LIST);
    if (!body.ok) return badRequest(c, body.problems);
    const team = await teamOf(body.value.team_id);
    if (!team.ok) {
      return badRequest(c, [{ field: "team_id", problem: team.problem }]);
    }
    await putWorkflowTriggers(db, body.value.triggers, now(), team.team);
    logger.info(
      { team_id: team.team, triggers: body.value.triggers.map((t) => t.name) },
      "workflow triggers registered",
    );
    return c.json(await answer(team.team));
  });

  return app;
}
