import type { Selectable } from "kysely";
import type { BridgeDb, ConnectionTable } from "../db/database.ts";
import type { Connection } from "../../shared/bridge-api/bridge-api-schemas.ts";

export function connectionFromRow(
  row: Selectable<ConnectionTable>,
): Connection {
  return {
    id: row.id,
    ...(row.team_id ? { team_id: row.team_id } : {}),
    channel_id: row.channel_id,
    source_type: row.source_type,
    source_id: row.source_id,
    notification_type: row.notification_type,
    events: JSON.parse(row.events) as Connection["events"],
    urgency: row.urgency,
    priorities: row.priorities === null
      ? null
      : JSON.parse(row.priorities) as string[],
    thread_updates: row.thread_updates === 1,
    // Answered only when on (absent: off), so clients from before handoffs read the same connections.
    ...(row.handoffs === 1 ? { handoffs: true } : {}),
  };
}

export async function listConnections(
  db: BridgeDb,
  filter: { channelId?: string; teamId?: string } = {},
): Promise<Connection[]> {
  let query = db.selectFrom("connections").selectAll().orderBy("id");
  if (filter.channelId) {
    query = query.where("channel_id", "=", filter.channelId);
  }
  if (filter.teamId) query = query.where("team_id", "=", filter.teamId);
  return (await query.execute()).map(connectionFromRow);
}

export async function putConnection(
  db: BridgeDb,
  connection: Connection,
  now: Date,
): Promise<void> {
  const values = {
    team_id: connection.team_id ?? null,
    channel_id: connection.channel_id,
    source_type: connection.source_type,
    source_id: connection.source_id,
    notification_type: connection.notification_type,
    events: JSON.stringify(connection.events),
    urgency: connection.urgency,
    priorities: connection.priorities === null
      ? null
      : JSON.stringify(connection.priorities),
    thread_updates: connection.thread_updates ? 1 : 0,
    handoffs: connection.handoffs ? 1 : 0,
    updated_at: now.toISOString(),
  };
  await db.insertInto("connections")
    .values({ id: connection.id, created_at: now.toISOString(), ...values })
    .onConflict((oc) => oc.column("id").doUpdateSet(values))
    .execute();
}

export async function deleteConnection(
  db: BridgeDb,
  id: string,
): Promise<boolean> {
  const result = await db.deleteFrom("connections").where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
