// Connections (list with what keeps cards out of a channel, upsert, delete), for the Connect workflow.
import { type Context, Hono } from "hono";
import {
  apiTokenTeam,
  otherWorkspaceMessage,
  parseApiTokens,
} from "./api-token-teams.ts";
import type {
  ChannelConnections,
  ConnectionList,
} from "../../shared/bridge-api/bridge-api-schemas.ts";
import {
  deleteConnection,
  listConnections,
  putConnection,
} from "../connections/connection-store.ts";
import {
  clearDeliveryBlock,
  readDeliveryBlocks,
} from "../outbox/delivery-blocks.ts";
import { assignLegacyTeam } from "../db/assign-legacy-team.ts";
import { workspaceBlockKey } from "../outbox/workspace-block-key.ts";
import { botMembership } from "../slack/bot-membership.ts";
import { joinChannel } from "../slack/join-channel.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import type { SlackWorkspaces } from "../slack/slack-workspaces.ts";
import type { BridgeApiOptions } from "./bridge-api-route.ts";
import { badRequest } from "./read-body.ts";
import { validateConnection } from "./validate-connection.ts";

type TeamResolution =
  | { ok: true; teamId: string | null; slack: SlackClient | null }
  | { ok: false; problem: string };

/**
 * The workspace a connection is in: the one the request names, else the single workspace. Naming it is required
 * once the bridge serves several: the channel alone does not say which workspace's token may post there.
 */
export async function resolveTeam(
  workspaces: SlackWorkspaces | undefined,
  named: string | undefined,
): Promise<TeamResolution> {
  if (!workspaces) return { ok: true, teamId: named ?? null, slack: null };
  if (!named) {
    const teams = await workspaces.teams();
    if (teams.length > 1) {
      return {
        ok: false,
        problem:
          `is required: the bridge posts in ${teams.length} Slack workspaces (${
            teams.join(", ")
          }); name the one the channel is in`,
      };
    }
  }
  const lookup = await workspaces.clientFor(named ?? null, {
    maxWaitMs: API_SLACK_WAIT_MS,
  });
  if (!lookup.ok) {
    // SLACK_BOT_TOKEN's team not known yet (auth.test has not answered): the channel is checked by Slack later.
    if (lookup.reason === "team_pending") {
      return { ok: true, teamId: named ?? null, slack: null };
    }
    return { ok: false, problem: lookup.message };
  }
  return {
    ok: true,
    teamId: lookup.workspace.teamId ?? named ?? null,
    slack: lookup.workspace.slack,
  };
}

/** How long saving a connection may wait for a pacing slot of the membership check (as start-bridge.ts's API). */
const API_SLACK_WAIT_MS = 5_000;

export function connectionRoutes(
  {
    db,
    slack,
    logger,
    now = () => new Date(),
    onEnqueued,
    workspaces,
    tokens,
  }: BridgeApiOptions,
) {
  const app = new Hono();
  const apiTokens = parseApiTokens(tokens);
  /** The one workspace the caller's API token may touch; null: any. */
  const limitedTo = (c: Context) =>
    apiTokenTeam(apiTokens, c.req.header("authorization"));
  const forbidden = (c: Context, limit: string, asked: string | null) =>
    c.json({
      error: otherWorkspaceMessage(limit, asked ?? "the default workspace"),
      field: "team_id",
    }, 403);

  app.get("/", async (c) => {
    const channelId = c.req.query("channel_id");
    const limit = limitedTo(c);
    const connections = await listConnections(db, {
      channelId,
      ...(limit ? { teamId: limit } : {}),
    });
    if (!channelId) return c.json({ connections } satisfies ConnectionList);
    // What keeps cards out of this channel now, for the Connect workflow to tell the admin: a block of the
    // channel, or of ITS workspace (another workspace's refused token is not this channel's problem).
    const team = connections[0]?.team_id ??
      (await db.selectFrom("outbox").select("team_id")
        .where("channel_id", "=", channelId).where("status", "=", "pending")
        .limit(1).executeTakeFirst())?.team_id ??
      null;
    const blocks = await readDeliveryBlocks(
      db,
      workspaceBlockKey(team, workspaces?.botTokenClient()?.teamId ?? null),
    );
    const block = blocks.channels.get(channelId) ?? blocks.workspace;
    if (!block) {
      return c.json(
        { connections, delivery_problem: null } satisfies ChannelConnections,
      );
    }
    const pending = await db.selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "pending").where("channel_id", "=", channelId)
      .executeTakeFirst();
    return c.json(
      {
        connections,
        delivery_problem: {
          scope: block.scope,
          error: block.error,
          since: block.since,
          parked_jobs: Number(pending?.n ?? 0),
        },
      } satisfies ChannelConnections,
    );
  });

  app.put("/:id", async (c) => {
    const result = await validateConnection(c, c.req.param("id"));
    if (!result.ok) return badRequest(c, result.problems);
    const limit = limitedTo(c);
    if (limit && result.value.team_id && result.value.team_id !== limit) {
      return forbidden(c, limit, result.value.team_id);
    }
    // A token limited to one workspace speaks for it: the team need not be named.
    const team = await resolveTeam(
      workspaces,
      result.value.team_id ?? limit ?? undefined,
    );
    if (!team.ok) {
      return badRequest(c, [{ field: "team_id", problem: team.problem }]);
    }
    const connection = {
      ...result.value,
      ...(team.teamId ? { team_id: team.teamId } : {}),
    };
    const channelSlack = team.slack ?? slack;
    let membership = await botMembership(channelSlack, connection.channel_id);
    // A public channel the bot is not in: it joins (one step less for the admin). A private one needs an invite.
    if (
      membership === "not_member" &&
      await joinChannel(channelSlack, connection.channel_id)
    ) {
      logger.info(
        { channel_id: connection.channel_id },
        "joined the public channel being connected",
      );
      membership = "member";
    }
    if (membership === "not_member") {
      return badRequest(c, [{
        field: "channel_id",
        problem:
          "names a private channel the PagerSlack bot is not in, so no card could be posted there: invite it (/invite @PagerSlack in the channel), then save again",
      }]);
    }
    if (membership === "unknown") {
      logger.warn(
        { channel_id: connection.channel_id },
        "could not check the bot's membership of the channel; saved anyway",
      );
    }
    await putConnection(db, connection, now());
    // Saved without a team because auth.test had not named SLACK_BOT_TOKEN's workspace when the team was looked
    // up: learnBotTeam assigns the rows without a team once it answers, but it may have done so while this request
    // waited for Slack, before the row existed. The row would then stay without a team for good, and what matches
    // rows by team (a DM card looking for its incident's card in a channel) would take it for another workspace.
    // Checked after the row is committed: either the team is known here, or learnBotTeam assigns it later.
    const botTeam = workspaces?.botTokenClient()?.teamId;
    if (!connection.team_id && botTeam) await assignLegacyTeam(db, botTeam);
    logger.info({ connection_id: connection.id }, "connection saved");
    // Saving again is how an admin says "fixed": the bot is in the channel (checked above), so try at once.
    if (await clearDeliveryBlock(db, "channel", connection.channel_id)) {
      logger.info(
        { channel_id: connection.channel_id },
        "connection saved again: delivering the channel's parked work",
      );
      onEnqueued?.();
    }
    return c.json(connection, 200);
  });

  app.delete("/:id", async (c) => {
    const limit = limitedTo(c);
    if (limit) {
      const row = await db.selectFrom("connections").select("team_id")
        .where("id", "=", c.req.param("id")).executeTakeFirst();
      if (row && row.team_id !== limit) {
        return forbidden(c, limit, row.team_id);
      }
    }
    const deleted = await deleteConnection(db, c.req.param("id"));
    if (!deleted) return c.json({ error: "connection not found" }, 404);
    return c.body(null, 204);
  });

  return app;
}
