// Takes the per-incident locks of a batch and reads what routing its events needs: the incidents' states, the
// connections, and the channels that already follow each incident or show its card.
import type { BridgeDb } from "../db/database.ts";
import { connectionFromRow } from "../connections/connection-store.ts";
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";
import { dmRecipientsFor } from "../dms/notification-preference-store.ts";

export async function lockIncidents(
  trx: BridgeDb,
  { incidentIds, locking, now }: {
    incidentIds: string[];
    /** PostgreSQL: lock the state rows (SQLite's one writer needs no row locks). */
    locking: boolean;
    now: Date;
  },
) {
  // The state rows are the per-incident locks: a second replica holding a newer event of one of these
  // incidents waits until this transaction commits, then folds its event into the committed state. Taken
  // in id order, so two replicas with overlapping batches cannot deadlock.
  const byId = [...incidentIds].sort();
  await trx.insertInto("incident_states").values(byId.map((id) => ({
    incident_id: id,
    state: "null",
    updated_at: now.toISOString(),
  }))).onConflict((oc) => oc.doNothing()).execute();
  const states = new Map(
    (await trx.selectFrom("incident_states").select(["incident_id", "state"])
      .where("incident_id", "in", byId).orderBy("incident_id")
      .$if(locking, (q) => q.forUpdate())
      .execute()).map((row) => [
        row.incident_id,
        JSON.parse(row.state) as IncidentState | null,
      ]),
  );

  const connections = (await trx.selectFrom("connections").selectAll()
    .execute()).map(connectionFromRow);
  const channelsOf = async (table: "incident_channels" | "cards") => {
    const map = new Map<string, string[]>();
    for (
      const row of await trx.selectFrom(table)
        .select(["incident_id", "channel_id"])
        .where("incident_id", "in", incidentIds).execute()
    ) {
      map.set(row.incident_id, [
        ...(map.get(row.incident_id) ?? []),
        row.channel_id,
      ]);
    }
    return map;
  };
  const incidentChannelsOf = await channelsOf("incident_channels");
  const cardChannelsOf = await channelsOf("cards");
  // Everyone with incident DMs on, once per batch (route-dms.ts picks the assignees among them).
  const dmRecipients = await dmRecipientsFor(trx);
  return {
    states,
    connections,
    incidentChannelsOf,
    cardChannelsOf,
    dmRecipients,
  };
}
