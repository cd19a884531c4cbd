// Who gets (or keeps) an incident's DM card after one applied event: a pure function of the snapshots before and
// after it, the people with DMs on among their assignees, and the DM cards that exist, so the matrix is tested
// without a database.
import type { IncidentSnapshot } from "../../shared/incident/incident-snapshot.ts";
import { isAssignedTo } from "../../shared/cards/render-dm-card.ts";
import type { DmRecipient } from "../dms/notification-preference-store.ts";

export interface DmRoute {
  slackUserId: string;
  teamId: string | null;
}

export interface RouteDmsInput {
  previous: IncidentSnapshot | null;
  snapshot: IncidentSnapshot;
  changed: boolean;
  /** People with DMs on; only those assigned before or after the event get a route. */
  recipients: readonly DmRecipient[];
  /** Slack user ids that already have this incident's DM card. */
  dmCards: ReadonlySet<string>;
}

export function routeDms(input: RouteDmsInput): DmRoute[] {
  const { previous, snapshot, changed, recipients, dmCards } = input;
  const routes = new Map<string, DmRoute>();
  for (const r of recipients) {
    const now = isAssignedTo(snapshot, r.pagerDutyUserId);
    const before = previous !== null &&
      isAssignedTo(previous, r.pagerDutyUserId);
    const route = { slackUserId: r.slackUserId, teamId: r.teamId };
    if (dmCards.has(r.slackUserId)) {
      // Edited while it is theirs, and once more when it stops being theirs (reassigned away: it says so; resolved:
      // PagerDuty clears the assignees, it shows resolved). After that it no longer follows the incident.
      if (changed && (now || before)) routes.set(r.slackUserId, route);
      continue;
    }
    // A new DM when the incident is put on someone: triggered (also after an escalation or reassignment, which
    // make it triggered again). An acknowledged or resolved incident asks nothing of them.
    const urgent = r.mode === "all" || snapshot.urgency === "high";
    if (now && urgent && snapshot.status === "triggered") {
      routes.set(r.slackUserId, route);
    }
  }
  return [...routes.values()];
}
