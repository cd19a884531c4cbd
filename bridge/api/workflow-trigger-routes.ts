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
  { db, logger, now = () => new Date() }: BridgeApiOptions,
) {
  const app = new Hono();

  app.get("/", async (c) =>
    c.json(
      {
        triggers: await readWorkflowTriggers(db),
      } satisfies WorkflowTriggerList,
    ));

  app.put("/", async (c) => {
    const body = await readBody(c, TRIGGER_LIST);
    if (!body.ok) return badRequest(c, body.problems);
    await putWorkflowTriggers(db, body.value.triggers, now());
    logger.info(
      { triggers: body.value.triggers.map((t) => t.name) },
      "workflow triggers registered",
    );
    return c.json(
      {
        triggers: await readWorkflowTriggers(db),
      } satisfies WorkflowTriggerList,
    );
  });

  return app;
}
