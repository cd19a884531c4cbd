// Link trigger URLs of the hosted app's workflows (PUT to register some, GET to list), for the `/pd` answers.
import { type Context, Hono } from "hono";
import { parseApiTokens } from "./api-token-teams.ts";
import { refuseTeam, requestTeam } from "./request-team.ts";
import {
  WorkflowTriggerList,
} from "../../shared/bridge-api/bridge-api-schemas.ts";
import {
  putWorkflowTriggers,
  readWorkflowTriggers,
} from "../triggers/workflow-trigger-store.ts";
import { syncWorkspaceTrigger } from "../outbox/sync-workspace-trigger.ts";
import type { BridgeApiOptions } from "./bridge-api-route.ts";
import { badRequest, readBody } from "./read-body.ts";
import { toValibot } from "./to-valibot.ts";

const TRIGGER_LIST = toValibot(WorkflowTriggerList);

export function workflowTriggerRoutes(
  { db, logger, now = () => new Date(), workspaces, tokens, onEnqueued }:
    BridgeApiOptions,
) {
  const app = new Hono();
  const apiTokens = parseApiTokens(tokens);

  const teamOf = (c: Context, asked: string | undefined) =>
    requestTeam(
      { apiTokens, workspaces },
      c,
      asked,
      "whose hosted app these triggers belong to",
    );
  const refuse = refuseTeam;
  const answer = async (team: string | null) => ({
    ...(team ? { team_id: team } : {}),
    triggers: await readWorkflowTriggers(db, team),
  } satisfies WorkflowTriggerList);

  app.get("/", async (c) => {
    const team = await teamOf(c, c.req.query("team_id") || undefined);
    if (!team.ok) return refuse(c, team);
    return c.json(await answer(team.team));
  });

  app.put("/", async (c) => {
    const body = await readBody(c, TRIGGER_LIST);
    if (!body.ok) return badRequest(c, body.problems);
    const team = await teamOf(c, body.value.team_id);
    if (!team.ok) return refuse(c, team);
    const previous = (await readWorkflowTriggers(db, team.team)).find((t) =>
      t.name === "incident_action"
    );
    await putWorkflowTriggers(db, body.value.triggers, now(), team.team);
    logger.info(
      { team_id: team.team, triggers: body.value.triggers.map((t) => t.name) },
      "workflow triggers registered",
    );
    const actions = body.value.triggers.find((t) =>
      t.name === "incident_action"
    );
    if (actions) {
      const sync = await syncWorkspaceTrigger(db, {
        teamId: team.team,
        botTeam: workspaces?.botTokenClient()?.teamId ?? null,
        previousUrl: previous?.url ?? null,
        url: actions.url,
        now: now(),
      });
      if (sync.cards > 0) {
        logger.info(
          {
            team_id: team.team,
            cards: sync.cards,
            refusal_forgotten: sync.refusalForgotten,
          },
          `incident-actions trigger registered: rendering the ${sync.cards} cards of open incidents in this workspace again`,
        );
        onEnqueued?.();
      }
    }
    return c.json(await answer(team.team));
  });

  return app;
}
