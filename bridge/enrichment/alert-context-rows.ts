// The alert_contexts rows (migration 0016) as create-alert-contexts.ts uses them: each statement is one atomic
// step, so replicas sharing the database agree on who fetches and on which cards wait for an edit.
import type { AlertContext } from "../../shared/pagerduty/read-alert-context.ts";
import type { AlertContextTable, BridgeDb } from "../db/database.ts";

export interface AlertContextRow {
  status: AlertContextTable["status"];
  context: string | null;
  attempts: number;
  retry_at: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function alertContextRows(
  db: BridgeDb,
  { instanceId, maxAttempts, leaseMs, now }: {
    instanceId: string;
    maxAttempts: number;
    leaseMs: number;
    now: () => number;
  },
) {
  const read = (incidentId: string): Promise<AlertContextRow | undefined> =>
    db.selectFrom("alert_contexts")
      .select(["status", "context", "attempts", "retry_at"])
      .where("incident_id", "=", incidentId).executeTakeFirst();

  return {
    read,

    contextOf: (row: AlertContextRow | undefined): AlertContext | null =>
      row?.status === "found" && row.context
        ? JSON.parse(row.context) as AlertContext
        : null,

    /**
     * Takes the right to fetch: a new row, or a pending/failed one that is due, has attempts left and whose claim
     * has lapsed. Returns the attempts made so far, or null when another process holds it or nothing is due.
     */
    async claim(incidentId: string): Promise<number | null> {
      const t = now();
      const inserted = await db.insertInto("alert_contexts").values({
        incident_id: incidentId,
        status: "pending",
        context: null,
        claimed_by: instanceId,
        claimed_at: iso(t),
        retry_at: null,
        updated_at: iso(t),
      }).onConflict((oc) => oc.column("incident_id").doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return 0;
      const updated = await db.updateTable("alert_contexts")
        .set({ status: "pending", claimed_by: instanceId, claimed_at: iso(t) })
        .where("incident_id", "=", incidentId)
        .where("status", "in", ["pending", "failed"])
        .where("attempts", "<", maxAttempts)
        .where((eb) =>
          eb.or([
            eb("claimed_by", "is", null),
            eb("claimed_at", "<", iso(t - leaseMs)),
          ])
        )
        .where((eb) =>
          eb.or([eb("retry_at", "is", null), eb("retry_at", "<=", iso(t))])
        )
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return null;
      return (await read(incidentId))?.attempts ?? 0;
    },

    /**
     * A card went out without the context: true when marked for an edit. An upsert, since the claim of this very
     * process may not be written yet; false when the fetch has ended meanwhile (found or none).
     */
    async markWaiting(incidentId: string): Promise<boolean> {
      const marked = await db.insertInto("alert_contexts").values({
        incident_id: incidentId,
        status: "pending",
        context: null,
        claimed_by: null,
        claimed_at: null,
        retry_at: null,
        render_waiting: 1,
        updated_at: iso(now()),
      }).onConflict((oc) =>
        oc.column("incident_id").doUpdateSet({ render_waiting: 1 })
          .where("alert_contexts.status", "in", ["pending", "failed"])
      ).executeTakeFirst();
      return Number(marked.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** After the context was found: true (once) when some card went out without it. */
    async takeWaiting(incidentId: string): Promise<boolean> {
      const taken = await db.updateTable("alert_contexts")
        .set({ render_waiting: 0 })
        .where("incident_id", "=", incidentId)
        .where("render_waiting", "=", 1)
        .executeTakeFirst();
      return Number(taken.numUpdatedRows) === 1;
    },

    /**
     * Fetches a card is waiting for that are still to be tried (after a restart their timers are gone): when
     * each is due, the later of its retry time and the end of a lapsed claim. At most `limit`, oldest first.
     */
    async waitingRetries(
      limit: number,
    ): Promise<{ incidentId: string; dueAt: number }[]> {
      const found = await db.selectFrom("alert_contexts")
        .select(["incident_id", "retry_at", "claimed_at"])
        .where("status", "in", ["pending", "failed"])
        .where("render_waiting", "=", 1)
        .where("attempts", "<", maxAttempts)
        .orderBy("updated_at").limit(limit).execute();
      return found.map((row) => ({
        incidentId: row.incident_id,
        dueAt: Math.max(
          row.retry_at ? Date.parse(row.retry_at) : 0,
          row.claimed_at ? Date.parse(row.claimed_at) + leaseMs : 0,
        ),
      }));
    },

    /** The end of a fetch: its outcome, the claim released. */
    async finish(
      incidentId: string,
      outcome: {
        status: "found" | "none" | "failed";
        attempts: number;
        context?: AlertContext;
        retryAt?: number;
      },
    ): Promise<void> {
      await db.updateTable("alert_contexts").set({
        status: outcome.status,
        attempts: outcome.attempts,
        ...(outcome.context
          ? { context: JSON.stringify(outcome.context) }
          : {}),
        retry_at: outcome.retryAt === undefined ? null : iso(outcome.retryAt),
        claimed_by: null,
        claimed_at: null,
        updated_at: iso(now()),
      }).where("incident_id", "=", incidentId).execute();
    },
  };
}
