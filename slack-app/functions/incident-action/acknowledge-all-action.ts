// A storm digest's "Acknowledge all open" button (shared/cards/render-digest.ts): the digest's open incidents,
// acknowledged as the clicking linked user in one bulk update, and the person told what it did.
import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import { joinWithin } from "../../../shared/cards/join-within.ts";
import { mrkdwnLink } from "../../../shared/cards/mrkdwn-link.ts";
import type { PagerDutyIncident } from "../../../shared/pagerduty/pagerduty-resources.ts";
import { DIGEST_ACK_ALL_MAX_IDS } from "../../../shared/cards/card-actions.ts";
import { acknowledgeAll } from "../../incidents/acknowledge-all.ts";
import { explainPagerDutyError } from "../../pagerduty/explain-pagerduty-error.ts";
import { PagerDutyApiError } from "../../pagerduty/pagerduty-api-error.ts";
import { finishAction } from "./finish-action.ts";
import type {
  ActionOutcome,
  IncidentActionContext,
} from "./incident-action-context.ts";

/** The button's `incident_id` input: the digest's open incident ids, comma-separated. */
export function parseIncidentIds(value: string): string[] {
  const ids = value.split(",").map((id) => id.trim()).filter((id) =>
    /^[A-Z0-9]+$/i.test(id)
  );
  return [...new Set(ids)].slice(0, DIGEST_ACK_ALL_MAX_IDS);
}

const MAX_LIST = 2500;

export function acknowledgeAllAction(
  ctx: IncidentActionContext,
  incidentIds: readonly string[],
): Promise<ActionOutcome> {
  return finishAction(
    ctx,
    "acknowledge the storm's incidents",
    async () => {
      if (incidentIds.length === 0) {
        return {
          outcome: "failed",
          message:
            ":grey_question: This button names no incident. The digest may be older than the app: wait for its next update.",
        };
      }
      const result = await acknowledgeAll(ctx.pagerDuty, incidentIds);
      const lines: string[] = [];
      if (result.acknowledged.length > 0) {
        lines.push(
          `:white_check_mark: You acknowledged ${
            count(result.acknowledged.length)
          }: ${list(result.acknowledged)}.`,
        );
      }
      if (result.alreadyAcknowledged.length > 0) {
        lines.push(
          `:information_source: ${
            count(result.alreadyAcknowledged.length)
          } already acknowledged: ${list(result.alreadyAcknowledged)}.`,
        );
      }
      if (result.notOpen.length > 0) {
        lines.push(
          `:information_source: ${
            count(result.notOpen.length)
          } not open, or not visible to you in PagerDuty, nothing changed: ${
            escapeMrkdwn(joinWithin(result.notOpen, MAX_LIST))
          }.`,
        );
      }
      for (const { id, error } of result.failed) {
        const why = error instanceof PagerDutyApiError
          ? await explainPagerDutyError(error, {
            attempted: `acknowledge ${escapeMrkdwn(id)}`,
            linkTriggerUrl: ctx.config.linkTriggerUrl,
            pagerDuty: ctx.pagerDuty,
            incidentId: id,
          })
          : `:warning: Could not acknowledge ${escapeMrkdwn(id)}.`;
        lines.push(why);
      }
      const outcome: ActionOutcome = result.acknowledged.length > 0
        ? "done"
        : result.failed.length > 0
        ? "failed"
        : "already";
      return { outcome, message: lines.join("\n") };
    },
    // The digest follows PagerDuty's webhooks; there is no single card to refresh.
    { refreshCard: false },
  );
}

const count = (n: number) => `${n} incident${n === 1 ? "" : "s"}`;

function list(incidents: readonly PagerDutyIncident[]): string {
  return joinWithin(
    incidents.map((i) => mrkdwnLink(i.html_url, `#${i.incident_number}`)),
    MAX_LIST,
  );
}
