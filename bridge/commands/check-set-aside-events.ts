// doctor's view of webhook events the worker set aside (inbox status `failed`): accepted and stored, but applying
// them failed every time (see bridge/worker/record-failed-attempt.ts). Each is named with what a person needs
// to look into it; the incidents' other events went on without them.
import type { Database } from "../db/open-database.ts";
import type { DoctorCheck } from "./run-doctor.ts";

const NAME = "set-aside webhook events";
/** Listed one by one up to this many (newest first); the rest are counted. */
const LISTED = 10;

export async function checkSetAsideEvents(
  open: () => Database,
): Promise<DoctorCheck[]> {
  let database: Database | undefined;
  try {
    database = open();
    if (!await database.isReady()) return []; // the database check says why
    const { db } = database;
    const count = await db.selectFrom("webhook_inbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "failed").executeTakeFirst();
    const total = Number(count?.n ?? 0);
    if (total === 0) {
      return [{ name: NAME, ok: true, detail: "none: every event applied" }];
    }
    const rows = await db.selectFrom("webhook_inbox")
      .select([
        "event_id",
        "event_type",
        "incident_id",
        "attempts",
        "last_error",
        "processed_at",
      ])
      .where("status", "=", "failed")
      .orderBy("processed_at", "desc").orderBy("event_id").limit(LISTED)
      .execute();
    const lines = rows.map((row) =>
      `${row.event_id} (${row.event_type}, incident ${
        row.incident_id ?? "none"
      }, set aside ${row.processed_at ?? "?"} after ${row.attempts} attempt${
        row.attempts === 1 ? "" : "s"
      }): ${row.last_error ?? "no error recorded"}`
    );
    const more = total > rows.length
      ? `\n…and ${
        total - rows.length
      } more (webhook_inbox rows with status 'failed')`
      : "";
    return [{
      name: NAME,
      ok: false,
      detail:
        `${total} stored webhook event${
          total === 1 ? " was" : "s were"
        } set aside because applying ${
          total === 1 ? "it" : "them"
        } failed; their cards may miss these changes. After fixing the cause (often: upgrade the bridge), ` +
        `retry one with UPDATE webhook_inbox SET status = 'pending', attempts = 0, retry_at = NULL WHERE event_id = '…'.\n` +
        lines.join("\n") + more,
    }];
  } catch {
    return [];
  } finally {
    await database?.close().catch(() => {});
  }
}
