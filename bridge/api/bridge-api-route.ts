// The bridge API used by the hosted Slack app: connections, incident channels, card refresh.
import { type Context, Hono } from "hono";
import type { Logger } from "pino";
import type { BridgeDb } from "../db/database.ts";
import type { Enrich } from "../outbox/outbox-sender.ts";
import { botMembership } from "../slack/bot-membership.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import { enqueueCard } from "../jobs/enqueue-card.ts";
import { bearerAuth } from "./bearer-auth.ts";
import { parseJson } from "../http/parse-json.ts";
import { createWarningAggregator } from "../ops/aggregate-warnings.ts";
import { HTTP_LIMITS, limitBody } from "../http/http-limits.ts";
import {
  deleteConnection,
  listConnections,
  putConnection,
} from "../connections/connection-store.ts";
import { validateConnection } from "../connections/validate-connection.ts";
import {
  clearDeliveryBlock,
  readDeliveryBlocks,
} from "../outbox/delivery-blocks.ts";
import { channelNameFor } from "./channel-name-for.ts";
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";

export interface BridgeApiOptions {
  db: BridgeDb;
  slack: SlackClient;
  tokens: readonly string[];
  logger: Logger;
  now?: () => Date;
  /** Called after outbox work was added, to wake the sender. */
  onEnqueued?: () => void;
  /** Largest request body (Content-Length, and while streaming). */
  maxBodyBytes?: number;
  /** Maps PagerDuty users to Slack users (with PAGERDUTY_API_TOKEN): incident channels invite the assignees. */
  enrich?: Enrich;
}

const badRequest = (c: Context, field: string, problem: string) =>
  c.json({ error: `${field} ${problem}`, field }, 400);

async function readJson(
  c: Context,
): Promise<{ ok: true; body: unknown } | { ok: false; problem: string }> {
  if (!/^application\/json/i.test(c.req.header("content-type") ?? "")) {
    return { ok: false, problem: "must be a JSON object" };
  }
  // parseJson, not c.req.json(): the problem says where the body is broken without quoting it back.
  const json = parseJson(await c.req.text());
  return json.ok
    ? { ok: true, body: json.value }
    : { ok: false, problem: `is not valid JSON: ${json.problem}` };
}

export function bridgeApiRoute(
  {
    db,
    slack,
    tokens,
    logger,
    now = () => new Date(),
    onEnqueued,
    enrich,
    maxBodyBytes = HTTP_LIMITS.maxBodyBytes,
  }: BridgeApiOptions,
) {
  const app = new Hono();
  // Who is asking comes before reading what they send: an unauthenticated upload is never read.
  app.use(
    "/api/v1/*",
    bearerAuth(tokens, {
      refused: createWarningAggregator({
        logger,
        message: "bridge API request refused",
      }),
    }),
  );
  app.use("/api/v1/*", limitBody(maxBodyBytes));

  app.get("/api/v1/connections", async (c) => {
    const channelId = c.req.query("channel_id");
    const connections = await listConnections(db, { channelId });
    if (!channelId) return c.json({ connections });
    // What keeps cards out of this channel now, for the Connect workflow to tell the admin.
    const blocks = await readDeliveryBlocks(db);
    const block = blocks.channels.get(channelId) ?? blocks.workspace;
    if (!block) return c.json({ connections, delivery_problem: null });
    const pending = await db.selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "pending").where("channel_id", "=", channelId)
      .executeTakeFirst();
    return c.json({
      connections,
      delivery_problem: {
        scope: block.scope,
        error: block.error,
        since: block.since,
        parked_jobs: Number(pending?.n ?? 0),
      },
    });
  });

  app.put("/api/v1/connections/:id", async (c) => {
    const json = await readJson(c);
    if (!json.ok) return badRequest(c, "body", json.problem);
    const result = validateConnection(c.req.param("id"), json.body);
    if (!result.ok) return badRequest(c, result.field, result.problem);
    const membership = await botMembership(slack, result.value.channel_id);
    if (membership === "not_member") {
      return badRequest(
        c,
        "channel_id",
        "names a channel the PagerSlack bot is not in, so no card could be posted there: invite it (/invite @PagerSlack in the channel), then save again",
      );
    }
    if (membership === "unknown") {
      logger.warn(
        { channel_id: result.value.channel_id },
        "could not check the bot's membership of the channel; saved anyway",
      );
    }
    await putConnection(db, result.value, now());
    logger.info({ connection_id: result.value.id }, "connection saved");
    // Saving again is how an admin says "fixed": the bot is in the channel (checked above), so try at once.
    if (
      await clearDeliveryBlock(db, "channel", result.value.channel_id)
    ) {
      logger.info(
        { channel_id: result.value.channel_id },
        "connection saved again: delivering the channel's parked work",
      );
      onEnqueued?.();
    }
    return c.json(result.value, 200);
  });

  app.delete("/api/v1/connections/:id", async (c) => {
    const deleted = await deleteConnection(db, c.req.param("id"));
    if (!deleted) return c.json({ error: "connection not found" }, 404);
    return c.body(null, 204);
  });

  app.post("/api/v1/incidents/:id/channels", async (c) => {
    const incidentId = c.req.param("id");
    const json = await readJson(c);
    if (!json.ok) return badRequest(c, "body", json.problem);
    if (typeof json.body !== "object" || json.body === null) {
      return badRequest(c, "body", "must be a JSON object");
    }
    const body = json.body as Record<string, unknown>;
    const invite = body.invite_user_ids ?? [];
    if (
      !Array.isArray(invite) ||
      invite.some((u) => typeof u !== "string" || !/^[UW][A-Z0-9]+$/.test(u))
    ) {
      return badRequest(
        c,
        "invite_user_ids",
        "must be an array of Slack user ids",
      );
    }
    const stateRow = await db.selectFrom("incident_states").select("state")
      .where("incident_id", "=", incidentId).executeTakeFirst();
    const snapshot =
      (stateRow ? JSON.parse(stateRow.state) as IncidentState | null : null)
        ?.snapshot ?? null;

    let channelId: string;
    if (body.channel_id !== undefined) {
      if (body.create !== undefined) {
        return badRequest(c, "create", "cannot be combined with channel_id");
      }
      if (
        typeof body.channel_id !== "string" ||
        !/^[CG][A-Z0-9]{2,}$/.test(body.channel_id)
      ) {
        return badRequest(c, "channel_id", "must be a Slack channel id");
      }
      channelId = body.channel_id;
    } else if (typeof body.create === "object" && body.create !== null) {
      const create = body.create as Record<string, unknown>;
      if (typeof create.private !== "boolean") {
        return badRequest(c, "create.private", "must be a boolean");
      }
      if (
        create.name !== undefined &&
        (typeof create.name !== "string" ||
          !/^[a-z0-9_-]{1,80}$/.test(create.name))
      ) {
        return badRequest(
          c,
          "create.name",
          "must be 1-80 lowercase letters, digits, - or _",
        );
      }
      const name = (create.name as string | undefined) ??
        channelNameFor(incidentId, snapshot);
      const created = await slack.call<{ channel: { id: string } }>(
        "conversations.create",
        { name, is_private: create.private },
      );
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
    } else {
      return badRequest(c, "channel_id", "or create is required");
    }

    // The people the incident is assigned to join too, when they map to Slack users (by email).
    const assignees = snapshot && enrich
      ? await enrich(snapshot).then(({ mentions }) =>
        snapshot.assignees.flatMap((a) => mentions[a.id] ?? [])
      )
      : [];
    const users = [...new Set([...(invite as string[]), ...assignees])];
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
    return c.json({ channel_id: channelId }, 201);
  });

  app.post("/api/v1/incidents/:id/refresh", async (c) => {
    const incidentId = c.req.param("id");
    const at = now();
    const cards = await db.selectFrom("cards")
      .select(["channel_id", "kind", "thread_updates"])
      .where("incident_id", "=", incidentId).execute();
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
    return c.json({ cards: cards.length }, 202);
  });

  return app;
}
