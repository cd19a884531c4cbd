// The workspace's Slack user groups, for the Connect workflow's on-call group form: the hosted app has no
// `usergroups:read` (and should not ask every workspace for it), the bridge's bot has it for bridge/oncall/.
import { Hono } from "hono";
import type { UsergroupList } from "../../shared/bridge-api/bridge-api-schemas.ts";
import { parseApiTokens } from "./api-token-teams.ts";
import type { BridgeApiOptions } from "./bridge-api-route.ts";
import { resolveTeam } from "./connection-routes.ts";
import { refuseTeam, requestTeam } from "./request-team.ts";
import type { PacedSlackClient } from "../slack/paced-slack-client.ts";
import type { SlackClient } from "../slack/slack-client.ts";

const LIST_WAIT_MS = 1_500;

/** Slack refusals that will not pass by trying again: the form says why instead of offering groups. */
const UNAVAILABLE: Readonly<Record<string, string>> = {
  missing_scope:
    "the bridge's Slack app lacks usergroups:read (add usergroups:read and usergroups:write to it, then reinstall it)",
  plan_upgrade_required: "this Slack plan has no user groups",
};

interface SlackUsergroup {
  id: string;
  handle: string;
  name: string;
  date_delete?: number;
}

export function usergroupRoutes(
  { slack, logger, workspaces, tokens }: BridgeApiOptions,
) {
  const app = new Hono();
  const apiTokens = parseApiTokens(tokens);

  app.get("/", async (c) => {
    const team = await requestTeam(
      { apiTokens, workspaces },
      c,
      c.req.query("team_id") || undefined,
      "whose user groups to list",
    );
    if (!team.ok) return refuseTeam(c, team);
    const resolved = await resolveTeam(workspaces, team.team ?? undefined);
    if (!resolved.ok) {
      return c.json({ error: resolved.problem, field: "team_id" }, 400);
    }
    // usergroups.list has no pagination (docs.slack.dev/reference/methods/usergroups.list): one call lists all;
    // disabled groups are left out unless `include_disabled`.
    // Tier 2 (20 a minute per workspace): with the budget spent, answer 503 before the hosted app's client gives
    // up (3 s) rather than sleep for the slot (the API's 5 s), so the person reads "rate limited", not "unreachable".
    const client = (resolved.slack ?? slack) as SlackClient & {
      call: PacedSlackClient["call"];
    };
    const listed = await client.call<{ usergroups: SlackUsergroup[] }>(
      "usergroups.list",
      {},
      { maxWaitMs: LIST_WAIT_MS },
    );
    if (!listed.ok) {
      const code = listed.error.error;
      const unavailable = UNAVAILABLE[code];
      if (unavailable) {
        return c.json(
          { usergroups: [], unavailable } satisfies UsergroupList,
        );
      }
      logger.warn(
        { team_id: team.team, error: code },
        "could not list the Slack user groups",
      );
      return c.json(
        {
          error:
            `Slack did not list the user groups (${code}): try again in a minute`,
        },
        listed.error.outcome === "retryable" ||
          listed.error.outcome === "rate_limited"
          ? 503
          : 502,
      );
    }
    const usergroups = listed.data.usergroups
      .filter((g) => !g.date_delete)
      .map(({ id, handle, name }) => ({ id, handle, name }))
      .sort((a, b) => a.handle.localeCompare(b.handle));
    return c.json({ usergroups, unavailable: null } satisfies UsergroupList);
  });
  return app;
}
