// Each person's incident-DM choice, made in the hosted app (Link account, My notifications) and kept here, where
// the worker decides who is DMed: GET answers it (off by default), PUT replaces it.
import { type Context, Hono } from "hono";
import {
  NotificationPreferencesRequest,
  SLACK_USER_ID,
} from "../../shared/bridge-api/bridge-api-schemas.ts";
import {
  readNotificationPreferences,
  saveNotificationPreferences,
} from "../dms/notification-preference-store.ts";
import { parseApiTokens } from "./api-token-teams.ts";
import type { BridgeApiOptions } from "./bridge-api-route.ts";
import { badRequest, readBody } from "./read-body.ts";
import { refuseTeam, requestTeam } from "./request-team.ts";
import { toValibot } from "./to-valibot.ts";
import * as v from "valibot";

const REQUEST = toValibot(NotificationPreferencesRequest);
const USER = toValibot(SLACK_USER_ID);
const WHOSE = "the person is in";

export function notificationPreferenceRoutes(
  { db, logger, now = () => new Date(), workspaces, tokens }: BridgeApiOptions,
) {
  const app = new Hono();
  const apiTokens = parseApiTokens(tokens);
  const userOf = (c: Context) => {
    const id = c.req.param("slack_user_id") ?? "";
    return v.safeParse(USER, id).success ? id : null;
  };
  const badUser = (c: Context) =>
    badRequest(c, [{
      field: "slack_user_id",
      problem: "must be a Slack user id (U… or W…)",
    }]);

  app.get("/:slack_user_id", async (c) => {
    const user = userOf(c);
    if (!user) return badUser(c);
    const team = await requestTeam(
      { apiTokens, workspaces },
      c,
      c.req.query("team_id") || undefined,
      WHOSE,
    );
    if (!team.ok) return refuseTeam(c, team);
    return c.json(await readNotificationPreferences(db, team.team, user));
  });

  app.put("/:slack_user_id", async (c) => {
    const user = userOf(c);
    if (!user) return badUser(c);
    const body = await readBody(c, REQUEST, (value) => {
      const asked = value as {
        incident_dms?: unknown;
        pagerduty_user_id?: unknown;
      };
      // DMs follow the incidents of a PagerDuty account: turning them on without one could never DM anybody.
      return asked?.incident_dms !== "off" &&
          asked?.incident_dms !== undefined &&
          (asked?.pagerduty_user_id === undefined ||
            asked.pagerduty_user_id === null)
        ? [{
          field: "pagerduty_user_id",
          problem:
            "is required to turn incident DMs on: link your PagerDuty account first",
        }]
        : [];
    });
    if (!body.ok) return badRequest(c, body.problems);
    const team = await requestTeam(
      { apiTokens, workspaces },
      c,
      body.value.team_id,
      WHOSE,
    );
    if (!team.ok) return refuseTeam(c, team);
    await saveNotificationPreferences(db, {
      teamId: team.team,
      slackUserId: user,
      pagerDutyUserId: body.value.pagerduty_user_id,
      mode: body.value.incident_dms,
      now: now(),
    });
    logger.info(
      {
        team_id: team.team,
        slack_user_id: user,
        incident_dms: body.value.incident_dms,
      },
      "incident DM preference saved",
    );
    return c.json(await readNotificationPreferences(db, team.team, user));
  });

  return app;
}
