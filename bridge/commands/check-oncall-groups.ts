// doctor's view of on-call user groups (bridge/oncall/): one line per group that needs a person. A drift is a
// hand edit the bridge leaves alone; it lasts until the group is saved again from the Connect workflow ("resume",
// the bridge then sets the members) or until the group equals the bridge's members again.
import type { Database } from "../db/open-database.ts";
import { oncallGroupFromRow } from "../oncall/oncall-group-store.ts";
import type { DoctorCheck } from "./run-doctor.ts";

const NAME = "on-call user groups";

export async function checkOncallGroups(
  open: () => Database,
): Promise<DoctorCheck[]> {
  let database: Database | undefined;
  try {
    database = open();
    if (!await database.isReady()) return []; // the database check says why
    const rows = await database.db.selectFrom("oncall_groups").selectAll()
      .orderBy("id").execute();
    if (rows.length === 0) return [];
    const groups = rows.map(oncallGroupFromRow);
    const troubled = groups.filter((g) =>
      g.state === "drift" || g.state === "problem"
    );
    if (troubled.length === 0) {
      return [{
        name: NAME,
        ok: true,
        detail: `${groups.length} kept equal to who is on call`,
      }];
    }
    return troubled.map((g) => ({
      name: `${NAME}: ${g.id} (${g.usergroup_id})`,
      ok: false,
      detail: g.state === "drift"
        ? `edited by hand: its members are ${
          (g.drift_members ?? []).join(", ") || "none"
        } where the bridge set ${
          (g.last_set ?? []).join(", ") || "none"
        }. The bridge leaves it alone: resume it from the Connect workflow (or save it again through ` +
          `PUT /api/v1/oncall-groups/${g.id}) to have the bridge set the members again, or put its members back.`
        : g.problem ?? "the last sync failed",
    }));
  } finally {
    await database?.close().catch(() => {});
  }
}
