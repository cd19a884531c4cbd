import type { Kysely, Migration } from "kysely";

/**
 * The incident's status beside its state: the reconciler reads only open incidents instead of every state
 * ever stored. Existing rows are filled from their JSON, a page at a time.
 */
export const incidentStateStatus: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("incident_states")
      .addColumn("status", "text").execute();
    await db.schema.createIndex("incident_states_status")
      .on("incident_states").columns(["status", "incident_id"]).execute();
    const states = db as unknown as Kysely<
      {
        incident_states: {
          incident_id: string;
          state: string;
          status: string | null;
        };
      }
    >;
    let after = "";
    for (;;) {
      const rows = await states.selectFrom("incident_states")
        .select(["incident_id", "state"]).where("incident_id", ">", after)
        .orderBy("incident_id").limit(500).execute();
      for (const row of rows) {
        const parsed = JSON.parse(row.state) as
          | { snapshot?: { status?: string } }
          | null;
        await states.updateTable("incident_states")
          .set({ status: parsed?.snapshot?.status ?? null })
          .where("incident_id", "=", row.incident_id).execute();
      }
      const last = rows.at(-1);
      if (!last) break;
      after = last.incident_id;
    }
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("incident_states_status").execute();
    await db.schema.alterTable("incident_states").dropColumn("status")
      .execute();
  },
};
