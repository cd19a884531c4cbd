// Which Slack workspace a bridge API request is about: the team it names, else the one its API token is limited
// to, else the single workspace; refused when the token is limited to another one (403) or when several are
// served and none is named (400, naming `team_id`).
import type { Context } from "hono";
import type { SlackWorkspaces } from "../slack/slack-workspaces.ts";
import {
  type ApiToken,
  apiTokenTeam,
  otherWorkspaceMessage,
} from "./api-token-teams.ts";
import { badRequest } from "./read-body.ts";

export type RequestTeam =
  | { ok: true; team: string | null }
  | { ok: false; status: 400 | 403; problem: string };

export async function requestTeam(
  { apiTokens, workspaces }: {
    apiTokens: readonly ApiToken[];
    workspaces?: SlackWorkspaces;
  },
  c: Context,
  asked: string | undefined,
  /** Finishes "name the one …" in the 400 (`"whose hosted app these triggers belong to"`). */
  whose: string,
): Promise<RequestTeam> {
  const limit = apiTokenTeam(apiTokens, c.req.header("authorization"));
  if (limit && asked && asked !== limit) {
    return {
      ok: false,
      status: 403,
      problem: otherWorkspaceMessage(limit, asked),
    };
  }
  const named = asked ?? limit ?? undefined;
  if (named || !workspaces) return { ok: true, team: named ?? null };
  const teams = await workspaces.teams();
  if (teams.length > 1) {
    return {
      ok: false,
      status: 400,
      problem:
        `is required: the bridge posts in ${teams.length} Slack workspaces (${
          teams.join(", ")
        }); name the one ${whose}`,
    };
  }
  return { ok: true, team: await workspaces.defaultTeam() };
}

/** The refusal as the bridge API answers it. */
export const refuseTeam = (
  c: Context,
  r: { status: 400 | 403; problem: string },
) =>
  r.status === 403
    ? c.json({ error: r.problem, field: "team_id" }, 403)
    : badRequest(c, [{ field: "team_id", problem: r.problem }]);
