// A connection's PUT body against the shared contract, with the path's id.
import type { Context } from "hono";
import {
  type Connection,
  CONNECTION_ID,
  ConnectionRequest,
} from "../../shared/bridge-api/bridge-api-schemas.ts";
import { readBody, type ReadBodyResult } from "./read-body.ts";
import { type BodyProblem, toValibot } from "./to-valibot.ts";

const REQUEST = toValibot(ConnectionRequest);

/** What the path's id adds: it must be a connection id, and an `id` in the body must be the same. */
export const pathIdProblems =
  (id: string) => (body: unknown): BodyProblem[] => {
    if (!CONNECTION_ID.pattern!.test(id)) {
      return [{ field: "id", problem: `must be ${CONNECTION_ID.expects}` }];
    }
    const bodyId = typeof body === "object" && body !== null
      ? (body as { id?: unknown }).id
      : undefined;
    return bodyId !== undefined && bodyId !== id
      ? [{ field: "id", problem: "must match the id in the path" }]
      : [];
  };

/** The connection `PUT /api/v1/connections/{id}` saves (the path names it), or every problem with the body. */
export async function validateConnection(
  c: Context,
  id: string,
): Promise<ReadBodyResult<Connection>> {
  const body = await readBody(c, REQUEST, (value) => [
    ...pathIdProblems(id)(value),
    ...handoffProblems(value),
  ]);
  if (!body.ok) return body;
  const { id: _sameId, ...fields } = body.value;
  return { ok: true, value: { id, ...fields } };
}

/** Handoffs follow a service's escalation policy: a team connection has none to follow. */
function handoffProblems(body: unknown): BodyProblem[] {
  const b = typeof body === "object" && body !== null
    ? body as { handoffs?: unknown; source_type?: unknown }
    : {};
  return b.handoffs === true && b.source_type === "team"
    ? [{
      field: "handoffs",
      problem:
        "needs a service connection: handoffs follow the service's escalation policy",
    }]
    : [];
}
