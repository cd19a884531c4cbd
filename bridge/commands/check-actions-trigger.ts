// doctor's "actions trigger" line: where the cards' buttons point. SLACK_ACTIONS_TRIGGER_URL when set (checked by
// its shape), else the incident-actions link each workspace's "Set up pagerslack" registered (workflow_triggers).
import type { Database } from "../db/open-database.ts";
import type { DoctorCheck } from "./run-doctor.ts";

const NAME = "actions trigger";

export async function checkActionsTrigger(
  open: () => Database,
  url: string | null,
): Promise<DoctorCheck> {
  if (url !== null) return checkTriggerUrl(url);
  let database: Database | undefined;
  try {
    database = open();
    if (!await database.isReady()) return checkTriggerUrl(null); // the database check says why
    const rows = await database.db.selectFrom("workflow_triggers")
      .select("team_id").where("name", "=", "incident_action")
      .orderBy("team_id").execute();
    if (rows.length === 0) return checkTriggerUrl(null);
    const teams = rows.map((r) => r.team_id || "the SLACK_BOT_TOKEN workspace");
    return {
      name: NAME,
      ok: true,
      detail: `the incident-actions link "Set up pagerslack" registered, for ${
        teams.join(", ")
      } (no SLACK_ACTIONS_TRIGGER_URL override)`,
    };
  } catch {
    return checkTriggerUrl(null);
  } finally {
    await database?.close();
  }
}

/** SLACK_ACTIONS_TRIGGER_URL's shape (null: no link at all). */
export function checkTriggerUrl(url: string | null): DoctorCheck {
  const name = NAME;
  if (url === null) {
    return {
      name,
      ok: false,
      detail:
        'no incident-actions link: cards are posted without buttons until the Slack app\'s "Set up pagerslack" link is run (it registers one per workspace), or SLACK_ACTIONS_TRIGGER_URL is set',
    };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {
      name,
      ok: false,
      detail: "SLACK_ACTIONS_TRIGGER_URL is not a URL",
    };
  }
  return parsed.protocol === "https:" &&
      parsed.pathname.startsWith("/shortcuts/")
    ? { name, ok: true, detail: "looks like a Slack link trigger" }
    : {
      name,
      ok: false,
      detail:
        "SLACK_ACTIONS_TRIGGER_URL should be the incident-actions link trigger (https://slack.com/shortcuts/…); card buttons will not work",
    };
}
