// Connections (list with what keeps cards out of a channel, upsert, delete), for the Connect workflow.
import { Hono } from "hono";
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
import { botMembership } from "../slack/bot-membership.ts";
import type { BridgeApiOptions } from "./bridge-api-route.ts";
import { badRequest } from "./read-body.ts";
import { validateConnection } from "./validate-connection.ts";

export function connectionRoutes(
  { db, slack, logger, now = () => new Date(), onEnqueued }: BridgeApiOptions,
) {
  const app = new Hono();

  app.get("/", async (c) => {
    const channelId = c.req.query("channel_id");
    const connections = await listConnections(db, { channelId });
    if (!channelId) return c.json({ connections } satisfies ConnectionList);
    // What keeps cards out of this channel now, for the Connect workflow to tell the admin.
    const blocks = await readDeliveryBlocks(db);
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
    const connection = result.value;
    const membership = await botMembership(slack, connection.channel_id);
    if (membership === "not_member") {
      return badRequest(c, [{
        field: "channel_id",
        problem:
          "names a channel the PagerSlack bot is not in, so no card could be posted there: invite it (/invite @PagerSlack in the channel), then save again",
      }]);
    }
    if (membership === "unknown") {
      logger.warn(
        { channel_id: connection.channel_id },
        "could not check the bot's membership of the channel; saved anyway",
      );
    }
    await putConnection(db, connection, now());
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
    const deleted = await deleteConnection(db, c.req.param("id"));
    if (!deleted) return c.json({ error: "connection not found" }, 404);
    return c.body(null, 204);
  });

  return app;
}
