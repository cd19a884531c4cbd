import {
  changeIncidentStatus,
  describeAlready,
  type TargetStatus,
} from "../../incidents/change-incident-status.ts";
import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import { mrkdwnLink } from "../../../shared/cards/mrkdwn-link.ts";
import { finishAction } from "./finish-action.ts";
import type {
  ActionOutcome,
  IncidentActionContext,
} from "./incident-action-context.ts";

const VERBS: Record<TargetStatus, { attempted: string; past: string }> = {
  acknowledged: {
    attempted: "acknowledge this incident",
    past: "acknowledged",
  },
  resolved: { attempted: "resolve this incident", past: "resolved" },
};

/** Acknowledge / resolve as the user; "already resolved by X" instead of reopening. */
export function changeStatusAction(
  ctx: IncidentActionContext,
  status: TargetStatus,
  resolution?: string,
): Promise<ActionOutcome> {
  const verb = VERBS[status];
  return finishAction(ctx, verb.attempted, async () => {
    const result = await changeIncidentStatus(
      ctx.pagerDuty,
      ctx.incidentId,
      status,
      { resolution },
    );
    if (!result.ok) {
      return { outcome: "already", message: describeAlready(result) };
    }
    const { incident } = result;
    return {
      outcome: "done",
      message: `:white_check_mark: You ${verb.past} ${
        mrkdwnLink(
          incident.html_url,
          `#${incident.incident_number} ${incident.title}`,
        )
      }${resolution ? ` with the note: ${escapeMrkdwn(resolution)}` : ""}.`,
    };
  });
}
