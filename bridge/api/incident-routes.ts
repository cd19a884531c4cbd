// Incident channels (attach one, or have the bridge create it and invite people) and card refresh.
import { Hono } from "hono";
import type { SlackClient } from "../slack/slack-client.ts";
import {
  apiTokenTeam,
  otherWorkspaceMessage,
  parseApiTokens,
} from "./api-token-teams.ts";
import {
  type CardRefresh,
  type IncidentChannel,
  IncidentChannelRequest,
} from "../../shared/bridge-api/bridge-api-schemas.ts";
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";
import { enqueueCard } from "../jobs/enqueue-card.ts";
import { dmCardFollows } from "../outbox/dm-card-follows.ts";
import type { BridgeApiOptions } from "./bridge-api-route.ts";
import { channelNameFor } from "./channel-name-for.ts";
import { badRequest, readBody } from "./read-body.ts";
import { toValibot } from "./to-valibot.ts";

const CHANNEL_REQUEST = toValibot(IncidentChannelRequest);

export function incidentRoutes(
  {
    db,
    slack: defaultSlack,
    logger,
    now = () => new Date(),
    onEnqueued,
    enrich,
    workspaces,
    tokens,
  }: BridgeApiOptions,
) {
  const app = new Hono();
  const apiTokens = parseApiTokens(tokens);

  app.post("/:id/channels", async (c) => {
    const incidentId = c.req.param("id");
    const body = await readBody(c, CHANNEL_REQUEST);
    if (!body.ok) return badRequest(c, body.problems);
    const request = body.value;
    // The channel is created (and people invited) in the workspace of the connection asking, with its token.
    const limit = apiTokenTeam(apiTokens, c.req.header("authorization"));
    if (limit && request.team_id && request.team_id !== limit) {
      return c.json({
        error: otherWorkspaceMessage(limit, request.team_id),
        field: "team_id",
      }, 403);
    }
    const named = request.team_id ?? limit ?? null;
    let slack: SlackClient = defaultSlack;
    let teamId: string | null = named;
    let isDefaultTeam = true;
    if (workspaces) {
      const lookup = await workspaces.clientFor(named, { maxWaitMs: 5_000 });
      if (lookup.ok) {
        slack = lookup.workspace.slack;
        teamId = lookup.workspace.teamId ?? named;
        isDefaultTeam = lookup.workspace.source === "bot_token";
      } else if (lookup.reason !== "team_pending") {
        return badRequest(c, [{ field: "team_id", problem: lookup.message }]);
      }
    }
    const stateRow = await db.selectFrom("incident_states").select("state")
      .where("incident_id", "=", incidentId).executeTakeFirst();
    const snapshot =
      (stateRow ? JSON.parse(stateRow.state) as IncidentState | null : null)
        ?.snapshot ?? null;

    let channelId: string;
    if (request.channel_id !== undefined) {
      channelId = request.channel_id;
    } else {
      const name = request.create.name ?? channelNameFor(incidentId, snapshot);
      const created = await slack.call<{ channel: { id: string } }>(
        "conversations.create",
        { name, is_private: request.create.private },
      );
      if (!created.ok && created.error.outcome === "rate_limited") {
        // Slack's budget for creating channels (tier 2) is spent for longer than the API waits for a slot:
        // say when to try again rather than a bare failure.
        const retrySeconds = Math.max(
          1,
          Math.ceil((created.error.retryAfterMs ?? 1000) / 1000),
        );
        logger.warn(
          { incident_id: incidentId, retry_after_s: retrySeconds },
          "channel creation rate limited",
        );
        c.header("Retry-After", String(retrySeconds));
        return c.json({
          error:
            `Slack's rate limit for creating channels is spent: try again in ${retrySeconds} s`,
        }, 503);
      }
      if (!created.ok) {
        logger.warn(
          { incident_id: incidentId, error: created.error.error },
          "channel creation failed",
        );
        return c.json({
          error: `Slack refused to create the channel: ${created.error.error}`,
        }, 502);
      }
      channelId = created.data.channel.id;
    }

    // The people the incident is assigned to join too, when they map to Slack users (by email).
    // The shared enricher maps PagerDuty users to the default workspace's Slack users only.
    const assignees = snapshot && enrich && isDefaultTeam
      ? await enrich(snapshot).then(({ mentions }) =>
        snapshot.assignees.flatMap((a) => mentions[a.id] ?? [])
      )
      : [];
    const users = [
      ...new Set([...(request.invite_user_ids ?? []), ...assignees]),
    ];
    if (users.length > 0) {
      const invited = await slack.call("conversations.invite", {
        channel: channelId,
        users: users.join(","),
      });
      if (!invited.ok && invited.error.error !== "already_in_channel") {
        logger.warn({
          incident_id: incidentId,
          channel_id: channelId,
          error: invited.error.error,
        }, "inviting responders failed");
      }
    }

    const at = now();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("incident_channels").values({
        incident_id: incidentId,
        team_id: teamId,
        channel_id: channelId,
        created_at: at.toISOString(),
      }).onConflict((oc) => oc.doNothing()).execute();
      // Without a snapshot yet, the card follows the incident's first event (the worker routes incident
      // channels like connections).
      if (snapshot) {
        await enqueueCard(trx, {
          incidentId,
          channelId,
          kind: "responder",
          threadUpdates: false,
          enqueuedAt: at,
          now: at,
        });
      }
    });
    if (snapshot) onEnqueued?.();
    logger.info(
      { incident_id: incidentId, channel_id: channelId },
      "incident channel set",
    );
    return c.json({ channel_id: channelId } satisfies IncidentChannel, 201);
  });

  app.post("/:id/refresh", async (c) => {
    const incidentId = c.req.param("id");
    const at = now();
    const all = await db.selectFrom("cards")
      .select(["channel_id", "kind", "thread_updates", "team_id"])
      .where("incident_id", "=", incidentId).execute();
    // A DM card its person no longer has keeps what it said ("Reassigned to …").
    const cards: typeof all = [];
    for (const card of all) {
      if (await dmCardFollows(db, incidentId, card)) cards.push(card);
    }
    await db.transaction().execute(async (trx) => {
      for (const card of cards) {
        await enqueueCard(trx, {
          incidentId,
          channelId: card.channel_id,
          kind: card.kind,
          threadUpdates: card.thread_updates === 1,
          enqueuedAt: at,
          now: at,
        });
      }
    });
    if (cards.length > 0) onEnqueued?.();
    return c.json({ cards: cards.length } satisfies CardRefresh, 202);
  });

  return app;
}
